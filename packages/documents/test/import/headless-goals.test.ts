/**
 * A 四川 goal table as an xlsx preview gives it (甘孜): a 绩效目标表 title, the head as label lines that may leave the
 * 项目名称 empty, then one row a line, words separated by spaces, under 一级指标 二级指标 三级指标 指标性质 指标值 度量单位
 * 权重(%), with the empty cells simply missing (no 指标性质 on quantitative rows, no unit on counts) and the 权重 of a
 * 定性 row fallen to the next line (`… 定性 高中低` then `10`). Generated at random: every indicator comes back with
 * its target and weight, the form is recognised as a goal table, and the project's name and organisation are the
 * head's — empty when the head leaves them empty, never guessed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { movedQualitativeTarget } from "../../src/import/indicators.ts";
import { explainRecognition } from "../../src/import/recognition.ts";
import type { RowField } from "../../src/import/row-fields.ts";
import { readExtractedText } from "../../src/text/index.ts";

interface Row {
  level1: string;
  level2: string;
  name: string;
  qualitative: boolean;
  value: string;
  unit: string;
  weight: number;
}

const QUANTITATIVE: [string, string][] = [
  ["产出指标", "数量指标"],
  ["产出指标", "质量指标"],
  ["产出指标", "时效指标"],
  ["产出指标", "成本指标"],
];
const QUALITATIVE: [string, string][] = [
  ["效益指标", "社会效益指标"],
  ["效益指标", "可持续影响指标"],
  ["满意度指标", "服务对象满意度指标"],
];
const NAMES = ["召开食品安委会全体会议", "开展专项整治", "组织人员培训", "检查差旅费", "完成时限", "抽检合格率"];
const QUALITATIVE_NAMES = ["食品安全整体状况", "进一步提高工作规范化", "公众对食品安全满意度"];

const rowArb: fc.Arbitrary<Row> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...QUANTITATIVE),
      fc.constantFrom(...NAMES),
      fc.integer({ min: 1, max: 9999 }),
      fc.constantFrom("", "", "%", "人/天", "次"),
      fc.integer({ min: 1, max: 20 }),
    )
    .map(([[level1, level2], name, v, unit, weight]) => ({
      level1,
      level2,
      name,
      qualitative: false,
      value: String(v),
      unit,
      weight,
    })),
  fc
    .tuple(
      fc.constantFrom(...QUALITATIVE),
      fc.constantFrom(...QUALITATIVE_NAMES),
      fc.constantFrom("高中低", "好", "优良中差"),
      fc.integer({ min: 1, max: 20 }),
    )
    .map(([[level1, level2], name, value, weight]) => ({
      level1,
      level2,
      name,
      qualitative: true,
      value,
      unit: "",
      weight,
    })),
);

const headArb = fc.record({
  code: fc.integer({ min: 100_000, max: 999_999 }).map(String),
  organisation: fc.constantFrom("甘孜藏族自治州市场监督管理局机关", "某县农业农村局", "某市交通运输局"),
  name: fc.constantFrom("", "食品安全工作经费", "农村公路养护"),
});

/** The preview's text: title, label lines, goal paragraph, header and one row a line (empty cells missing). */
function render(head: { code: string; organisation: string; name: string }, rows: Row[], fallen: boolean): string {
  const lines = [
    "绩效目标表",
    `单位信息: ${head.code}-${head.organisation} 项目名称:${head.name === "" ? "" : ` ${head.name}`}`,
    `主管部门: ${head.code.slice(0, 3)}-某主管部门 项目经办人:`,
    "预算执行率权重(%):",
    "整体目标: 组织协调推进全州食品安全重点工作;承办会议及宣传培训工作。",
    "一级指标 二级指标 三级指标 指标性质 指标值 度量单位 权重(%)",
  ];
  for (const r of rows) {
    const words = [r.level1, r.level2, r.name, r.qualitative ? "定性" : "", r.value, r.unit].filter((w) => w !== "");
    // the 定性 rows' weight on a line of its own, as the preview wraps them
    if (r.qualitative && fallen) lines.push(words.join(" "), String(r.weight));
    else lines.push([...words, String(r.weight)].join(" "));
  }
  return lines.join("\n");
}

describe("a goal table of space-separated rows under a head of label lines", () => {
  it("for any such table, the indicators come back with their targets and weights, and the head's name or none", () => {
    fc.assert(
      fc.property(headArb, fc.array(rowArb, { minLength: 2, maxLength: 10 }), fc.boolean(), (head, rows, fallen) => {
        const source = readExtractedText(render(head, rows, fallen), "goal.txt");
        const result = importDocument(source);
        expect(result.kinds).toContain("project-goals");
        expect(explainRecognition(source.blocks).find((e) => e.kind === "project-goals")?.recognised).toBe(true);
        const p = result.document.projects[0]!;
        expect(p.name).toBe(head.name);
        expect(p.organisation?.name).toBe(head.organisation);
        expect(p.budget).toBeUndefined();
        expect(
          p.indicators.map((i) => [i.level2, i.name, i.target?.text ?? "", i.unit ?? "", i.weight?.value ?? ""]),
        ).toEqual(rows.map((r) => [r.level2, r.name, r.value, r.unit, String(r.weight)]));
        const codes = result.problems.map((x) => x.code);
        expect(codes).toContain("goal_grid_without_project_table");
        expect(codes).toContain("missing_budget");
        expect(codes.includes("missing_name")).toBe(head.name === "");
      }),
      { numRuns: 60 },
    );
  });

  it("reads the 甘孜 form: 11 rows, weights 90, no name, amount or year", () => {
    const rows: Row[] = [
      ["产出指标", "成本指标", "检查差旅费", "470", "人/天", 2],
      ["产出指标", "成本指标", "培训费", "320", "人/天", 3],
      ["产出指标", "时效指标", "完成时限", "1", "", 5],
      ["产出指标", "数量指标", "召开食品安委会全体会议", "2", "", 15],
      ["效益指标", "社会效益指标", "食品安全整体状况", "高中低", "", 10],
      ["满意度指标", "服务对象满意度指标", "公众对食品安全满意度", "高中低", "", 5],
    ].map(([level1, level2, name, value, unit, weight]) => ({
      level1: level1 as string,
      level2: level2 as string,
      name: name as string,
      qualitative: value === "高中低",
      value: value as string,
      unit: unit as string,
      weight: weight as number,
    }));
    const text = render({ code: "324001", organisation: "甘孜藏族自治州市场监督管理局机关", name: "" }, rows, true);
    const p = importDocument(readExtractedText(text, "goal.txt")).document.projects[0]!;
    expect(p.indicators.map((i) => i.weight?.value)).toEqual(["2", "3", "5", "15", "10", "5"]);
    expect(p.indicators.filter((i) => i.operatorCode === "定性").map((i) => i.target?.text)).toEqual([
      "高中低",
      "高中低",
    ]);
  });

  it("takes no goal grid without a goal form's title for a project", () => {
    const text = render({ code: "324001", organisation: "某县农业农村局", name: "" }, [], false)
      .replace("绩效目标表\n", "")
      .concat("\n产出指标 数量指标 开展专项整治 2 10\n产出指标 数量指标 组织人员培训 1 15");
    expect(importDocument(readExtractedText(text, "goal.txt")).kinds).not.toContain("project-goals");
  });
});

describe("movedQualitativeTarget", () => {
  const fields = (code: string, target: string, unit: string) =>
    new Map<"operatorCode" | "target" | "unit", RowField>([
      ["operatorCode", { text: code, column: 3 }],
      ["target", { text: target, column: 4 }],
      ["unit", { text: unit, column: 5 }],
    ]);

  it("moves a 定性 row's text from 度量单位 to an empty 指标值, and nothing else", () => {
    const moved = fields("定性", "", "高中低");
    movedQualitativeTarget(moved as never);
    expect([moved.get("target")!.text, moved.get("unit")!.text]).toEqual(["高中低", ""]);
    for (const [code, target, unit] of [
      ["定量", "", "个"],
      ["", "", "人次"],
      ["定性", "好", "级"],
    ] as const) {
      const kept = fields(code, target, unit);
      movedQualitativeTarget(kept as never);
      expect([kept.get("target")!.text, kept.get("unit")!.text]).toEqual([target, unit]);
    }
  });
});
