/**
 * Test builders: a table given as a grid spec (origins with spans) written to .docx (with the `docx` package),
 * .xlsx (with exceljs), TSV as Excel writes it, and HTML; plus what a reader must give back for it.
 */
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import ExcelJS from "exceljs";
import type { Cell } from "../../src/model/table.ts";

/** A grid cell: an origin with its text and spans, or `null` where a span covers the slot. */
export interface SpecCell {
  text: string;
  rowSpan?: number;
  colSpan?: number;
}
export type Spec = (SpecCell | null)[][];

/** The cells a reader must produce for a spec (covered cells repeat the origin's text). */
export function expectedCells(spec: Spec, norm: (s: string) => string = (s) => s.trim()): Cell[][] {
  const height = spec.length;
  const width = spec[0]?.length ?? 0;
  const out: Cell[][] = Array.from({ length: height }, () => Array.from({ length: width }, () => ({ text: "" })));
  for (let r = 0; r < height; r++)
    for (let c = 0; c < width; c++) {
      const s = spec[r]![c];
      if (!s) continue;
      const text = norm(s.text);
      const rs = s.rowSpan ?? 1;
      const cs = s.colSpan ?? 1;
      const origin: Cell = { text };
      if (rs > 1) origin.rowSpan = rs;
      if (cs > 1) origin.colSpan = cs;
      out[r]![c] = origin;
      for (let dr = 0; dr < rs; dr++)
        for (let dc = 0; dc < cs; dc++) if (dr || dc) out[r + dr]![c + dc] = { text, mergedFrom: [r, c] };
    }
  return out;
}

/** Lines of a cell text become separate Word paragraphs; tabs become Word tabs. */
function docxParagraphs(text: string): Paragraph[] {
  return text.split("\n").map((line) => {
    const parts = line.split("\t");
    const runs: TextRun[] = [];
    parts.forEach((p, i) => {
      if (i > 0) runs.push(new TextRun({ text: "\t" }));
      if (p) runs.push(new TextRun({ text: p }));
    });
    return new Paragraph({ children: runs });
  });
}

export function docxTable(spec: Spec): Table {
  const width = spec[0]?.length ?? 1;
  const rows = spec.map((row) => {
    const cells: TableCell[] = [];
    for (const s of row) {
      if (!s) continue;
      cells.push(
        new TableCell({
          children: docxParagraphs(s.text),
          ...(s.rowSpan && s.rowSpan > 1 ? { rowSpan: s.rowSpan } : {}),
          ...(s.colSpan && s.colSpan > 1 ? { columnSpan: s.colSpan } : {}),
        }),
      );
    }
    return new TableRow({ children: cells });
  });
  return new Table({
    rows,
    columnWidths: Array.from({ length: width }, () => Math.floor(9000 / width)),
    width: { size: 9000, type: WidthType.DXA },
  });
}

export async function buildDocx(children: Array<Paragraph | Table>): Promise<Buffer> {
  const doc = new Document({ sections: [{ children }] });
  return await Packer.toBuffer(doc);
}

export function para(text: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text })] });
}

function colLetter(i: number): string {
  let s = "";
  let n = i + 1;
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export interface SheetSpec {
  name: string;
  spec: Spec;
  /** 1-based row where the grid starts. */
  startRow?: number;
}

export async function buildXlsx(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const sh of sheets) {
    const ws = wb.addWorksheet(sh.name);
    const start = sh.startRow ?? 1;
    for (const [r, row] of sh.spec.entries())
      for (const [c, s] of row.entries()) {
        if (!s) continue;
        const cell = ws.getCell(start + r, c + 1);
        cell.value = s.text;
        if ((s.rowSpan ?? 1) > 1 || (s.colSpan ?? 1) > 1)
          ws.mergeCells(
            `${colLetter(c)}${start + r}:${colLetter(c + (s.colSpan ?? 1) - 1)}${start + r + (s.rowSpan ?? 1) - 1}`,
          );
      }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** TSV as Excel puts it on the clipboard. */
export function toTsv(cells: string[][]): string {
  const q = (s: string) => (/[\t\n\r"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return `${cells.map((r) => r.map(q).join("\t")).join("\r\n")}\r\n`;
}

function escHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** HTML as Excel / WPS write it: attributes unquoted, line breaks as <br>, spaces as &nbsp; runs. */
export function toHtml(spec: Spec, style: "excel" | "word" = "excel"): string {
  const body = spec
    .map((row) => {
      const tds = row
        .filter((s): s is SpecCell => s !== null)
        .map((s) => {
          const attrs = `${(s.rowSpan ?? 1) > 1 ? ` rowspan=${s.rowSpan}` : ""}${(s.colSpan ?? 1) > 1 ? ` colspan=${s.colSpan}` : ""}`;
          const inner =
            style === "excel"
              ? s.text
                  .split("\n")
                  .map((l) => escHtml(l).replace(/ {2}/g, " &nbsp;").replace(/\t/g, "&#9;"))
                  .join("<br style='mso-data-placement:same-cell;'>")
              : s.text
                  .split("\n")
                  .map(
                    (l) =>
                      `<p class=MsoNormal><span lang=ZH-CN>${l === "" ? "&nbsp;" : escHtml(l).replace(/ {2}/g, " &nbsp;")}<o:p></o:p></span></p>`,
                  )
                  .join("\r\n  ");
          return `<td class=xl65${attrs} style='border:.5pt solid windowtext'>${inner}`;
        })
        .join("\r\n  ");
      return ` <tr height=19>\r\n  ${tds}\r\n`;
    })
    .join("");
  return `Version:0.9\r\nStartHTML:0000000105\r\nEndHTML:0000001234\r\n<html xmlns:o="urn:schemas-microsoft-com:office:office">\r\n<head><meta charset=utf-8><style>td {mso-number-format:"\\@";}</style></head>\r\n<body>\r\n<!--StartFragment-->\r\n<table border=0 cellpadding=0 cellspacing=0>\r\n${body}</table>\r\n<!--EndFragment-->\r\n</body>\r\n</html>`;
}

/** The 项目支出绩效目标表 layout of seed 004: a title, merged headers, vertically merged 一级指标. */
export const PROJECT_GOAL_SPEC: Spec = [
  [{ text: "项目支出绩效目标表", colSpan: 5 }, null, null, null, null],
  [{ text: "项目名称" }, { text: "2024年度教育训练", colSpan: 4 }, null, null, null],
  [
    { text: "预算规模及资金用途", rowSpan: 2 },
    { text: "预算数" },
    { text: "50.00" },
    { text: "其中：财政\n资金" },
    { text: "50.00" },
  ],
  [
    null,
    { text: "其他资金" },
    { text: "**" },
    { text: "绩效目标" },
    { text: "用于年内组织总队全体民警辅警开展相关培训" },
  ],
  [{ text: "绩效指标", colSpan: 5 }, null, null, null, null],
  [{ text: "一级指标" }, { text: "二级指标" }, { text: "三级指标" }, { text: "绩效指标描述" }, { text: "指标值" }],
  [
    { text: "产出指标", rowSpan: 4 },
    { text: "质量指标" },
    { text: "教育训练经费使用规定" },
    { text: "教育训练经费使用符合相关规定" },
    { text: "符合相关规定" },
  ],
  [
    null,
    { text: "时效指标" },
    { text: "确定年内开展培训时间" },
    { text: "2024年度内分阶段进行" },
    { text: "2024年12月30日前" },
  ],
  [null, { text: "数量指标" }, { text: "组织培训人数" }, { text: "组织民辅警培训人数" }, { text: "≥100人" }],
  [null, { text: "成本指标" }, { text: "培训费" }, { text: "培训费用标准" }, { text: "≤500元/人/天" }],
  [
    { text: "效益指标" },
    { text: "可持续影响指标" },
    { text: "提高队伍专业化水平" },
    { text: "提高队伍\n专业化水平" },
    { text: "作用显著" },
  ],
  [
    { text: "满意度指标" },
    { text: "服务对象满意度指标" },
    { text: "学员满意度" },
    { text: "培训学员对培训的满意度" },
    { text: "≥90百分比" },
  ],
];

/** The 部门整体支出绩效自评表 layout of seed 003: a money block with a two-row merged header, then indicators. */
export const SELF_EVAL_SPEC: Spec = [
  [{ text: "2023年度部门整体支出绩效自评表", colSpan: 8 }, null, null, null, null, null, null, null],
  [{ text: "部门名称" }, { text: "曲靖市公安局交通警察支队", colSpan: 7 }, null, null, null, null, null, null],
  [
    { text: "部门预算资金(万元)", rowSpan: 4 },
    { text: "项目年度支出", colSpan: 2 },
    null,
    { text: "年初预算数" },
    { text: "预算调整数（调增为“+”；调减为“-”）" },
    { text: "预算确定数" },
    { text: "执行数\n（系统提取）" },
    { text: "执行率(%)" },
  ],
  [
    null,
    { text: "年度资金总额", colSpan: 2 },
    null,
    { text: "170,294,599.63" },
    { text: "-3,361,340.55" },
    { text: "166,933,259.08" },
    { text: "165,794,459.08" },
    { text: "99.32" },
  ],
  [
    null,
    { text: "项目支出", rowSpan: 2 },
    { text: "其中：财政拨款" },
    { text: "106,004,675.12" },
    { text: "-4,192.56" },
    { text: "106,000,482.56" },
    { text: "104,861,682.56" },
    { text: "98.93" },
  ],
  [
    null,
    null,
    { text: "其他资金" },
    { text: "2,000,000.00" },
    { text: "-2,000,000.00" },
    { text: "" },
    { text: "**" },
    { text: "" },
  ],
  [
    { text: "绩效指标", colSpan: 3 },
    null,
    null,
    { text: "指标性质", rowSpan: 2 },
    { text: "指标值", rowSpan: 2 },
    { text: "度量单位", rowSpan: 2 },
    { text: "实际完成值", rowSpan: 2 },
    { text: "偏差原因分析及改进措施", rowSpan: 2 },
  ],
  [{ text: "一级指标" }, { text: "二级指标" }, { text: "三级指标" }, null, null, null, null, null],
  [
    { text: "产出指标", rowSpan: 3 },
    { text: "数量指标", rowSpan: 2 },
    { text: "科目三小车考试服务人次" },
    { text: "004" },
    { text: "122833" },
    { text: "人次" },
    { text: "120829" },
    { text: "2023年宣威和罗平考场部分考试项目未开考，\n影响考试进度。" },
  ],
  [
    null,
    null,
    { text: "交通安全宣传资料印制" },
    { text: "004" },
    { text: "350000" },
    { text: "份" },
    { text: "333万" },
    { text: "按照年初预算超量完成工作目标任务。" },
  ],
  [
    null,
    { text: "时效指标" },
    { text: "完成公安交通管理综合" },
    { text: "003" },
    { text: "1" },
    { text: "次" },
    { text: "1" },
    { text: "" },
  ],
];
