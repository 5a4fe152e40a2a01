/**
 * 项目支出绩效运行监控表 / 部门整体绩效运行监控表 as the official form (财预〔2019〕136号 附件, the layout the provinces'
 * forms follow): the project and the units, the funds to the cut-off against time progress, each level-3
 * indicator with its 1–N月完成值, 全年预计完成值, 完成目标可能性, 偏差原因 and 纠偏措施, then the warning and the
 * year-end forecast. Built as the writers' page model (`WDocument`) and written by @jixiao/documents' own xlsx, docx
 * and PDF writers, so it looks like every other exported form. Amounts in 万元 with thousands separators (number
 * cells in xlsx), 执行率 the quotient 执行数 ÷ 全年预算数 (a formula in xlsx).
 */
import { type Fen, formatWanYuan, parseYuan } from "@jixiao/core";
import {
  c,
  checkTable,
  type ExportFormat,
  moneyCell,
  type PdfEngine,
  p,
  percentCell,
  quotientOf,
  row,
  safeFileName,
  type WCell,
  type WDocument,
  writeDocx,
  writePdf,
  writeXlsx,
} from "@jixiao/documents";
import type { ActionView } from "./actions.service.ts";
import type { RecordView } from "./presenters.ts";

export const FORM_NAMES = {
  project: "项目支出绩效运行监控表",
  department: "部门整体绩效运行监控表",
} as const;

export interface FormInput {
  record: RecordView;
  /** 主管部门: the unit's parent organisation, when it has one. */
  department: string | null;
  forecast: { total: number; grade: string | null; reasons: { zh: string }[] } | null;
  actions: ActionView[];
}

const H = (text: string, opts: Omit<WCell, "text"> = {}): WCell => c(text, { bold: true, align: "center", ...opts });
const LIGHT_ZH = { red: "红灯", yellow: "黄灯", green: "绿灯" } as const;

/** The form's page model; every table checked (spans cover the width). */
export function monitoringForm(f: FormInput): WDocument {
  const r = f.record;
  const W = 10;
  const form = FORM_NAMES[r.kind];
  const n = r.cutoffMonth;
  const rows: (WCell | null)[][] = [];
  rows.push(
    row(
      H(r.kind === "department" ? "部门（单位）名称" : "项目名称", { colSpan: 2 }),
      c(r.kind === "department" ? r.orgName : r.projectName, { colSpan: W - 2 }),
    ),
  );
  rows.push(
    row(
      H("主管部门", { colSpan: 2 }),
      c(f.department ?? r.orgName, { colSpan: 3 }),
      H("实施单位", { colSpan: 2 }),
      c(r.orgName, { colSpan: 3 }),
    ),
  );
  const e = r.execution;
  rows.push(
    row(
      H("项目资金（万元）", { colSpan: 2, rowSpan: 2 }),
      H("全年预算数"),
      H(`1–${n}月执行数`),
      H(`1–${n}月执行率`),
      H("时间进度"),
      H("全年预计执行数"),
      H("执行偏差原因", { colSpan: 2 }),
      H("纠偏措施"),
    ),
  );
  const budget = moneyCell(e.budget);
  const executed = moneyCell(e.executed);
  rows.push(
    row(
      null,
      null,
      budget,
      executed,
      quotientOf(percentCell(e.rate, { align: "center" }), executed, budget),
      percentCell(r.timeProgress, { align: "center" }),
      moneyCell(e.projected),
      c(r.executionReason ?? "", { colSpan: 2 }),
      c(r.executionMeasures ?? ""),
    ),
  );
  rows.push(row(H("绩效指标", { colSpan: W })));
  rows.push(
    row(
      H("一级指标"),
      H("二级指标"),
      H("三级指标"),
      H("年度指标值"),
      H(`1–${n}月完成值`),
      H("全年预计完成值"),
      H("完成目标可能性"),
      H("偏差原因"),
      H("原因分析"),
      H("纠偏措施"),
    ),
  );
  const header = rows.length;
  const inds = r.indicators;
  // merge the level-1 and level-2 names over their runs of rows
  const span = (i: number, key: (x: (typeof inds)[number]) => string | null, within?: (j: number) => boolean) => {
    let k = i + 1;
    while (k < inds.length && key(inds[k]!) === key(inds[i]!) && (!within || within(k))) k++;
    return k - i;
  };
  const l1Start = new Map<number, number>();
  const l2Start = new Map<number, number>();
  for (let i = 0; i < inds.length; ) {
    const s = span(i, (x) => x.level1);
    l1Start.set(i, s);
    const end = i + s;
    for (let j = i; j < end; ) {
      const s2 = span(
        j,
        (x) => x.level2,
        (k) => k < end,
      );
      l2Start.set(j, s2);
      j += s2;
    }
    i = end;
  }
  inds.forEach((x, i) => {
    const s1 = l1Start.get(i);
    const s2 = l2Start.get(i);
    rows.push([
      s1 === undefined ? null : H(x.level1 ?? "", s1 > 1 ? { rowSpan: s1 } : {}),
      s2 === undefined ? null : c(x.level2 ?? "", s2 > 1 ? { rowSpan: s2, align: "center" } : { align: "center" }),
      c(x.name),
      c(x.target ?? ""),
      c(x.progress ?? ""),
      c(x.forecast ?? ""),
      c(x.likelihood ?? "", { align: "center" }),
      c(x.deviationCategory ?? "", { align: "center" }),
      c(x.deviationReason ?? ""),
      c(x.correctiveMeasures ?? ""),
    ]);
  });
  if (inds.length === 0) rows.push(row(c("（无三级指标）", { colSpan: W, align: "center" })));
  const warning = r.reasons.length
    ? `${LIGHT_ZH[r.light]}：${r.reasons.map((x) => x.zh).join("；")}`
    : `${LIGHT_ZH[r.light]}：执行进度与指标完成情况正常`;
  rows.push(row(H("预警", { colSpan: 2 }), c(warning, { colSpan: W - 2 })));
  const forecast = f.forecast
    ? `预计得分 ${f.forecast.total}${f.forecast.grade ? `，等级「${f.forecast.grade}」` : ""}${
        f.forecast.reasons.length ? `。主要失分：${f.forecast.reasons.map((x) => x.zh).join("；")}` : ""
      }`
    : "无法预测（缺少预算数、执行数或三级指标）";
  rows.push(row(H("全年预计", { colSpan: 2 }), c(forecast, { colSpan: W - 2 })));
  if (f.actions.length > 0) {
    const text = f.actions
      .map(
        (a) =>
          `${a.createdAt.slice(0, 10)} ${a.kindName}${a.amount ? `（调减 ${formatWanYuan(parseYuan(a.amount) as Fen)} 万元）` : ""}：${a.message}`,
      )
      .join("\n");
    rows.push(row(H("财政处理意见", { colSpan: 2 }), c(text, { colSpan: W - 2 })));
  }
  const table = {
    widths: [7, 8, 12, 9, 9, 9, 8, 8, 14, 16],
    rows,
    repeat: { start: header - 1, count: 1 },
  };
  // Word repeats only a table's leading rows: the indicator header is kept as the print title in xlsx only.
  checkTable(table);
  return {
    title: `${r.orgName}-${r.projectName}-${form}`,
    bodyFont: "song",
    sections: [
      {
        name: form,
        orientation: "landscape",
        blocks: [
          p(form, "title", "center"),
          p(`（${r.year}年1–${n}月）`, "subtitle", "center"),
          p(`填报单位：${r.orgName}　　截止日期：${r.deadline}　　状态：${STATE_ZH[r.workflowState]}`, "note"),
          { type: "table", table },
        ],
      },
    ],
  };
}

const STATE_ZH: Record<RecordView["workflowState"], string> = {
  draft: "草稿",
  submitted: "已提交",
  unit_approved: "单位已审核",
  approved: "已审核",
  returned: "已退回",
};

export const CONTENT_TYPE: Record<ExportFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
};

export interface FormFile {
  data: Uint8Array;
  fileName: string;
  contentType: string;
  engine?: PdfEngine;
}

/** The form in one format, with a file name `<unit>-<project>-<form>.<ext>`. */
export async function writeForm(doc: WDocument, format: ExportFormat, stem = doc.title): Promise<FormFile> {
  const base = { fileName: safeFileName(stem, format), contentType: CONTENT_TYPE[format] };
  switch (format) {
    case "xlsx":
      return { ...base, data: await writeXlsx(doc) };
    case "docx":
      return { ...base, data: await writeDocx(doc) };
    case "pdf": {
      const { pdf, engine } = await writePdf(doc, () => writeDocx(doc));
      return { ...base, data: pdf, engine };
    }
  }
}
