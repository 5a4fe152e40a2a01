/**
 * Goal grids with no 三级 column whose indicator names stand under the last level header (湖北 鄂州's
 * 一级指标 | 二级指标 | 绩效标准 | 当年预期实现值, with 数量指标 under 一级指标 and the names under 二级指标), as a rule
 * over generated grids: other names, values, explanations, header words and column orders, with cells explicit
 * (pipe rows), implicit (words a line, one cell a line, columns aligned by spaces) or glued (run-together text).
 * headers.ts `levelsFromRows` reads the columns by their rows; shapes.ts `namesUnderLastLevel` shifts the
 * levels' shapes (and glued-rows.ts' kinds) when the grid's text names no 一级.
 */
import { INDICATOR_FRAMEWORK } from "@jixiao/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { displayWidth } from "../../src/layout/shapes.ts";
import { readExtractedText } from "../../src/text/index.ts";

const LEVEL2 = INDICATOR_FRAMEWORK.slice(0, 3).flatMap((l) => l.children.map((c) => c.name));
const SUBJECTS = ["巡逻", "出警", "设备更新", "培训", "宣传", "维修维护", "安检巡察", "档案整理", "车辆保养"];
const MEASURES = ["次数", "合格率", "覆盖率", "人数", "完成率", "及时率"];
const LEADS = ["反映", "体现", "衡量", "考核"];
const TOPICS = ["工作开展情况", "质量情况", "项目完成情况", "服务保障情况"];
const VALUES = ["≥300次", "2200次", "95%", "≥92%", "≤30天", "100%", "50人", "≥3.5万元"];

interface Row {
  level2: string;
  name: string;
  explain: string;
  target: string;
}

/** Groups of 二级 names, each with its indicators (distinct names in the grid). */
const gridArb = fc
  .uniqueArray(
    fc.record({
      level2: fc.nat(LEVEL2.length - 1),
      items: fc.array(
        fc.record({
          s: fc.nat(SUBJECTS.length - 1),
          m: fc.nat(MEASURES.length - 1),
          lead: fc.nat(LEADS.length - 1),
          topic: fc.nat(TOPICS.length - 1),
          v: fc.nat(VALUES.length - 1),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
    { minLength: 2, maxLength: 4, selector: (g) => g.level2 },
  )
  .map((groups) => {
    const rows: Row[] = [];
    const seen = new Set<string>();
    for (const g of groups)
      for (const it of g.items) {
        const name = `${SUBJECTS[it.s]}${MEASURES[it.m]}`;
        if (seen.has(name)) continue;
        seen.add(name);
        rows.push({
          level2: LEVEL2[g.level2]!,
          name,
          explain: `${LEADS[it.lead]}${SUBJECTS[it.s]}${TOPICS[it.topic]}`,
          target: VALUES[it.v]!,
        });
      }
    return rows;
  })
  .filter((rows) => new Set(rows.map((r) => r.level2)).size >= 2);

const HEAD = "2023年度项目支出绩效目标表";
const FORM = ["项目名称", "社区巡逻经费", "主管部门", "某区公安分局"];

const read = (text: string) => {
  const projects = importDocument(readExtractedText(text, "g.txt")).document.projects ?? [];
  return (projects[0]?.indicators ?? []).map((i) => ({
    level2: i.level2 ?? "",
    name: i.name,
    target: i.target?.text ?? "",
  }));
};
const want = (rows: Row[]) => rows.map((r) => ({ level2: r.level2, name: r.name, target: r.target }));

describe("a goal grid whose names stand under the last level header (no 三级 column)", () => {
  it("pipe rows, in any column order, with or without an explanation column: one indicator a row", () => {
    fc.assert(
      fc.property(
        gridArb,
        fc.constantFrom("当年预期实现值", "指标值", "年度指标值", "预期实现值"),
        fc.constantFrom("绩效标准", "指标解释", undefined),
        fc.constantFrom("levels-first", "target-first", "explain-last"),
        (rows, targetHeader, explainHeader, order) => {
          type Col = { header: string; cell: (r: Row, first: boolean) => string };
          const levels: Col[] = [
            { header: "一级指标", cell: (r, first) => (first ? r.level2 : "") },
            { header: "二级指标", cell: (r) => r.name },
          ];
          const target: Col = { header: targetHeader, cell: (r) => r.target };
          const explain: Col[] = explainHeader ? [{ header: explainHeader, cell: (r) => r.explain }] : [];
          const cols =
            order === "target-first"
              ? [target, ...levels, ...explain]
              : order === "explain-last"
                ? [...levels, target, ...explain]
                : [...levels, ...explain, target];
          const lines = [
            HEAD,
            `${FORM[0]} | ${FORM[1]} |`,
            `${FORM[2]} | ${FORM[3]} |`,
            `${cols.map((c) => c.header).join(" | ")} |`,
            ...rows.map(
              (r, i) => `${cols.map((c) => c.cell(r, i === 0 || rows[i - 1]!.level2 !== r.level2)).join(" | ")} |`,
            ),
          ];
          expect(read(lines.join("\n"))).toEqual(want(rows));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("words a line, one cell a line, or columns aligned by spaces: the same indicators", () => {
    const pad = (t: string, w: number) => t + " ".repeat(Math.max(2, w - displayWidth(t)));
    fc.assert(
      fc.property(
        gridArb,
        fc.constantFrom("当年预期实现值", "指标值", "预期实现值"),
        fc.constantFrom("绩效标准", "指标解释", undefined),
        fc.constantFrom("words", "cells", "spaced"),
        (rows, targetHeader, explainHeader, layout) => {
          const header = ["一级指标", "二级指标", ...(explainHeader ? [explainHeader] : []), targetHeader];
          const body = rows.map((r, i) => [
            i === 0 || rows[i - 1]!.level2 !== r.level2 ? r.level2 : "",
            r.name,
            ...(explainHeader ? [r.explain] : []),
            r.target,
          ]);
          let grid: string[];
          if (layout === "words") grid = [header, ...body].map((r) => r.filter((c) => c !== "").join(" "));
          else if (layout === "cells") grid = [header, ...body].flatMap((r) => r.filter((c) => c !== ""));
          else {
            const widths = header.map((_, j) => Math.max(...[header, ...body].map((r) => displayWidth(r[j]!))) + 4);
            grid = [header, ...body].map((r) =>
              r
                .map((c, j) => pad(c, widths[j]!))
                .join("")
                .trimEnd(),
            );
          }
          const form = layout === "cells" ? [...FORM, ""] : [`${FORM[0]}  ${FORM[1]}`, `${FORM[2]}  ${FORM[3]}`, ""];
          expect(read([HEAD, "", ...form, ...grid].join("\n"))).toEqual(want(rows));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("run-together text: the 二级 names under 一级指标, the names cut from their explanations where these start", () => {
    fc.assert(
      fc.property(
        gridArb,
        fc.constantFrom("当年预期实现值", "指标值", "年度指标值"),
        fc.constantFrom("绩效标准", "指标解释", undefined),
        (rows, targetHeader, explainHeader) => {
          const header = ["一级指标", "二级指标", ...(explainHeader ? [explainHeader] : []), targetHeader];
          const body = rows
            .map((r, i) =>
              [
                i === 0 || rows[i - 1]!.level2 !== r.level2 ? r.level2 : "",
                r.name,
                explainHeader ? r.explain : "",
                r.target,
              ].join(""),
            )
            .join("");
          const text = `${HEAD}\n${FORM.join("")}\n${header.join("")}${body}`;
          expect(read(text)).toEqual(want(rows));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("a grid whose text names a 一级 keeps its levels: 二级 names under 二级指标 name the indicators", () => {
    const text = `${HEAD}\n${FORM.join("")}\n一级指标二级指标指标值产出指标数量指标≥300次质量指标95%效益指标社会效益指标≥92%`;
    expect(read(text)).toEqual([
      { level2: "数量指标", name: "数量指标", target: "≥300次" },
      { level2: "质量指标", name: "质量指标", target: "95%" },
      { level2: "社会效益指标", name: "社会效益指标", target: "≥92%" },
    ]);
  });
});
