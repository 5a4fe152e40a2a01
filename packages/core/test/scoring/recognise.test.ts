/**
 * recogniseScheme on crafted self-evaluations of each regional form (built as the text a PDF or Word extraction
 * gives, read by @jixiao/documents), and on the seeds: the scheme, its reasons, and the score under it.
 */
import { readFileSync } from "node:fs";
import { importDocument, readExtractedText } from "@jixiao/documents";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ImportedDocument, Indicator } from "../../src/model/document.ts";
import { evaluationsFromDocument } from "../../src/scoring/from-document.ts";
import { parseEvaluationInput } from "../../src/scoring/input.ts";
import { recogniseScheme } from "../../src/scoring/recognise.ts";
import { scoreEvaluation } from "../../src/scoring/score.ts";

const SC: string[][] = [
  ["项目名称", "道路监控运维", "", "", "", "", "", "", ""],
  ["主管部门", "某市公安局", "", "", "实施单位", "某交警支队", "", "", ""],
  ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "权重", "执行率", "得分", ""],
  ["", "年度资金总额", "100.00", "100.00", "90.00", "10", "90%", "9", ""],
  ["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", "", ""],
  ["", "保障监控设备正常运行", "", "", "设备在线率 97%", "", "", "", ""],
  [
    "绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "权重",
    "得分",
    "偏差原因分析及改进措施",
  ],
  ["", "产出指标", "数量指标", "维护点位数", "≥300个", "320个", "30", "30", ""],
  ["", "", "质量指标", "设备在线率", "≥98%", "97%", "30", "29", "部分设备老化"],
  ["", "效益指标", "社会效益指标", "案件破获支撑", "明显提高", "明显提高", "20", "20", ""],
  ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", "10", "10", ""],
  ["总分", "", "", "", "", "", "100", "98", ""],
];
const CQ: string[][] = [
  ["项目名称", "道路监控运维", "", "", "", "", "", "", ""],
  ["主管部门", "某市公安局", "", "", "实施单位", "某交警支队", "", "", ""],
  ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率权重", "执行率", "执行率得分", ""],
  ["", "年度资金总额", "100.00", "100.00", "90.00", "10", "90%", "9", ""],
  ["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", "", ""],
  ["", "保障监控设备正常运行", "", "", "设备在线率 97%", "", "", "", ""],
  ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分系数", "得分"],
  ["", "产出指标", "数量指标", "维护点位数", "≥300个", "320个", "25", "100%", "25"],
  ["", "", "质量指标", "设备在线率", "≥98%", "97%", "25", "98%", "24.5"],
  ["", "效益指标", "社会效益指标", "案件破获支撑", "明显提高", "明显提高", "30", "100%", "30"],
  ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", "10", "100%", "10"],
  ["总分", "", "", "", "", "", "100", "", "98.5"],
];
const NX: string[][] = [
  ["项目名称", "道路监控运维", "", "", "", "", "", "", ""],
  ["主管部门", "某市公安局", "", "", "实施单位", "某交警支队", "", "", ""],
  ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
  ["", "年度资金总额", "100.00", "100.00", "90.00", "10", "90%", "9", ""],
  ["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", "", ""],
  ["", "保障监控设备正常运行", "", "", "设备在线率 97%", "", "", "", ""],
  [
    "绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
  ],
  ["", "决策", "项目立项", "立项依据充分性", "充分", "充分", "10", "10", ""],
  ["", "", "绩效目标", "目标明确性", "明确", "明确", "10", "10", ""],
  ["", "项目管理", "资金管理", "资金使用合规性", "合规", "合规", "10", "10", ""],
  ["", "产出", "数量指标", "维护点位数", "≥300个", "320个", "15", "15", ""],
  ["", "", "质量指标", "设备在线率", "≥98%", "97%", "15", "14", ""],
  ["", "效益", "社会效益指标", "案件破获支撑", "明显提高", "明显提高", "20", "20", ""],
  ["", "", "满意度", "群众满意度", "≥90%", "93%", "10", "10", ""],
  ["总分", "", "", "", "", "", "100", "98", ""],
];

const pdfText = (rows: string[][]) => ["项目支出绩效自评表", ...rows.map((r) => r.join("\t"))].join("\n");

/** The document and the short cell texts of its tables (what the CLI passes as evidence). */
function read(rows: string[][], file: string) {
  const source = readExtractedText(pdfText(rows), file);
  const headers: string[] = [];
  for (const b of source.blocks) {
    if (b.type === "table") for (const row of b.table.rows) for (const c of row) headers.push(c.text);
    else headers.push(...b.text.split(/[\t\n]/));
  }
  return { doc: importDocument(source).document, headers };
}

/**
 * The normalised document such a table gives (what @jixiao/documents makes of it), built directly so that the
 * recognition is tested apart from the importer: funds from the 年度资金总额 row, indicators from the rows under the
 * 绩效指标 header (一级指标 carried down), columns by the header's names.
 */
function normalised(rows: string[][], file: string) {
  const headers = rows.flat().filter((c) => c !== "");
  const fundHead = rows.find((r) => r[0]!.startsWith("项目资金"))!;
  const fundRow = rows.find((r) => r[1] === "年度资金总额")!;
  const col = (head: string[], ...names: string[]) => head.findIndex((h) => names.includes(h));
  const n = (text: string | undefined) => (text ? { text, value: text.replace(/%$/, "") } : undefined);
  const amount = (text: string) => ({ text, unit: "万元" as const, fen: String(Math.round(Number(text) * 1_000_000)) });
  const gridAt = rows.findIndex((r) => r[0] === "绩效指标");
  const head = rows[gridAt]!;
  const indicators: Indicator[] = [];
  let level1 = "";
  for (const r of rows.slice(gridAt + 1)) {
    if (r[0] === "总分") break;
    level1 = r[1] || level1;
    const score = n(r[col(head, "得分", "指标得分")]);
    const weight = n(r[col(head, "分值", "权重")]);
    indicators.push({
      level1,
      level2: r[2],
      name: r[3]!,
      target: { text: r[4]! },
      actual: { text: r[5]! },
      ...(weight ? { weight } : {}),
      ...(score ? { score } : {}),
      location: { file, row: indicators.length + 10 },
    });
  }
  const doc: ImportedDocument = {
    file,
    format: "test",
    kinds: ["project-self-evaluation"],
    organisations: [],
    dutyGoals: [],
    projects: [],
    projectSelfEvaluations: [
      {
        name: rows[0]![1]!,
        funds: [
          {
            label: "年度资金总额",
            initial: amount(fundRow[2]!),
            budget: amount(fundRow[3]!),
            executed: amount(fundRow[4]!),
            ...(n(fundRow[col(fundHead, "分值", "权重", "执行率权重")])
              ? { weight: n(fundRow[col(fundHead, "分值", "权重", "执行率权重")])! }
              : {}),
            location: { file, row: 4 },
          },
        ],
        indicators,
        location: { file, row: 1 },
      },
    ],
    paragraphs: [],
    unmapped: [],
  };
  return { doc, headers };
}

function scored(rows: string[][], file: string, through: "importer" | "normalised" = "normalised") {
  const { doc, headers } = through === "importer" ? read(rows, file) : normalised(rows, file);
  const [e] = evaluationsFromDocument(doc, { evidence: { headers } });
  const input = parseEvaluationInput(e!.evaluation);
  if (!input.ok) throw new Error(JSON.stringify(input.problems));
  return { e: e!, r: scoreEvaluation(input.value) };
}

describe("recogniseScheme", () => {
  it("Sichuan: a 权重 column adding up to 90 → sichuan-project; the unit's 60/20/10 kept", () => {
    const { doc, headers } = normalised(SC, "sc.txt");
    const rec = recogniseScheme(doc, { headers });
    expect(rec.scheme.id).toBe("sichuan-project");
    expect(rec.reasons.map((x) => x.zh)).toEqual(expect.arrayContaining(["有「权重」列", "指标分值合计 90"]));
    expect(rec.confidence).toBeGreaterThan(0.5);
    const { r, e } = scored(SC, "sc.txt");
    expect(e.recognition?.schemeId).toBe("sichuan-project");
    // 30 + 30 × 97/98 (29.69) + 20 + 10 = 89.69; 10 × 90% = 9
    expect(r.groups.map((g) => [g.name, g.points, g.score])).toEqual([
      ["产出指标", 60, 59.69],
      ["效益指标", 20, 20],
      ["满意度指标", 10, 10],
    ]);
    expect(r.total).toBe(98.69);
    expect(r.normalisation.applied).toBe(false);
  });

  it("Chongqing: 得分系数, 执行率权重, 执行率得分 → chongqing-project", () => {
    const { doc, headers } = normalised(CQ, "cq.txt");
    const rec = recogniseScheme(doc, { headers });
    expect(rec.scheme.id).toBe("chongqing-project");
    expect(rec.reasons.map((x) => x.zh)).toEqual(
      expect.arrayContaining(["有「得分系数」列", "有「执行率权重」列", "有「执行率得分」列"]),
    );
    const { r } = scored(CQ, "cq.txt");
    // 25 + 25 × 97/98 (24.74) + 30 + 10 + 9
    expect(r.total).toBe(98.74);
    expect(r.scheme.id).toBe("chongqing-project");
    // 得分系数 = score ÷ points: 24.74 ÷ 25 = 0.9896; stated 24.5 ÷ 25 = 0.98
    expect(r.indicators[1]).toMatchObject({ coefficient: 0.9896, statedCoefficient: 0.98 });
  });

  it("Ningxia: 决策 and 管理 groups → ningxia-department; 满意度 counted in 效益", () => {
    const { doc, headers } = normalised(NX, "nx.txt");
    const rec = recogniseScheme(doc, { headers });
    expect(rec.scheme.id).toBe("ningxia-department");
    expect(rec.reasons[1]!.zh).toBe("一级指标有 决策、管理（过程）");
    const { r } = scored(NX, "nx.txt");
    expect(r.groups.map((g) => [g.name, g.points, g.score])).toEqual([
      ["决策指标", 20, 20],
      ["管理（过程）指标", 10, 10],
      ["产出指标", 30, 29.85], // 15 + 15 × 97/98
      ["效益指标", 30, 30], // 20 + 满意度 10
    ]);
    expect(r.total).toBe(98.85); // 9 + 20 + 10 + 29.85 + 30
    expect(r.indicators.find((i) => i.name === "群众满意度")?.group).toBe("effect");
  });

  it("the same Ningxia table under the national scheme would not count 决策 and 管理 (why recognition matters)", () => {
    const { doc } = normalised(NX, "nx.txt");
    const [e] = evaluationsFromDocument(doc, { scheme: "national-project" });
    expect(e!.recognition).toBeUndefined();
    const input = parseEvaluationInput(e!.evaluation);
    if (!input.ok) throw new Error("rejected");
    const r = scoreEvaluation(input.value);
    expect(r.problems.filter((p) => p.code === "level1_not_in_scheme")).toHaveLength(3);
  });

  it("through @jixiao/documents: a Sichuan-style text table is read and scored with its own scheme", () => {
    const { r, e } = scored(SC, "sc.txt", "importer");
    expect(e.recognition?.schemeId).toBe("sichuan-project");
    expect(r.total).toBe(98.69);
  });

  it("seed 002: department-2080 (20 × 执行率, 产出 40 / 效益 30 / 满意度 10)", () => {
    const doc = importDocument(
      readExtractedText(readFileSync("fixtures/seeds/002_720a01ff2c7d777f.txt", "utf8"), "002.txt"),
    ).document;
    const rec = recogniseScheme(doc);
    expect(rec.scheme.id).toBe("department-2080");
    expect(rec.reasons.map((x) => x.zh)).toEqual([
      "部门整体绩效自评表",
      "预算执行率 20 分（20 × 执行率）",
      "表中一级指标分值 产出 40、效益 30、满意度 10 与方案相同",
    ]);
    expect(rec.confidence).toBe(0.95);
  });

  it("湖北-style: a 得分 column only, the rate's stated score over the rate is 20 → project-2080; 10 → not", () => {
    // The funds line's 得分 is the points × the rate (capped at 100 %); no 分值 column says the points.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 150 }), fc.constantFrom(10, 20), (percent, points) => {
        const { doc, headers } = normalised(SC, "hb.txt");
        const line = doc.projectSelfEvaluations[0]!.funds[0]!;
        delete line.weight;
        const score = (points * Math.min(percent, 100)) / 100;
        line.rate = { text: `${percent}%`, percent: String(percent) };
        line.score = { text: String(score), value: String(score) };
        const rec = recogniseScheme(doc, { headers: headers.filter((h) => h !== "权重") });
        if (points === 20) {
          expect(rec.scheme.id).toBe("project-2080");
          expect(rec.reasons.map((x) => x.zh)).toContain("预算执行率 20 分（20 × 执行率）");
        } else expect(rec.scheme.id).not.toBe("project-2080");
      }),
    );
  });

  it("a stated score that is no whole number of points over the rate says nothing of the scheme", () => {
    const { doc, headers } = normalised(SC, "hb.txt");
    const line = doc.projectSelfEvaluations[0]!.funds[0]!;
    delete line.weight;
    line.rate = { text: "97%", percent: "97" };
    line.score = { text: "19.5", value: "19.5" }; // 19.5 ÷ 0.97 = 20.10…
    const rec = recogniseScheme(doc, { headers: headers.filter((h) => h !== "权重") });
    expect(rec.reasons.map((x) => x.zh).join()).not.toContain("预算执行率");
  });

  it("a document without a self-evaluation says so", () => {
    const doc = importDocument(
      readExtractedText(readFileSync("fixtures/seeds/004_8649601bbeaed617.txt", "utf8"), "004.txt"),
    ).document;
    expect(recogniseScheme(doc)).toMatchObject({ confidence: 0, candidates: [] });
  });
});
