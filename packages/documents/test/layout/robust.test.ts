/**
 * The layout stage never throws and never hangs: arbitrary text (random characters, separators, headers mixed
 * in, run-together scanned text) reads into blocks whose lines are the text's; long inputs of every form are read
 * whole (the work is linear: each candidate passes over the lines once, the stream reading cuts rows with a
 * dynamic programme bounded by the header's width).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recoverLayout } from "../../src/layout/index.ts";
import type { Block } from "../../src/model/table.ts";
import { renderCellParagraphs, renderOneLine, renderPipes, renderSpaced, renderWords, tableArb } from "./generate.ts";

const PIECES = [
  "一级指标",
  "二级指标",
  "三级指标",
  "指标值",
  "实际完成值",
  "分值",
  "得分",
  "产出指标",
  "数量指标",
  "≥50个",
  "12",
  "100%",
  "……",
  "指标2:",
  " | ",
  "|",
  "｜",
  "\t",
  "  ",
  " ",
  "\n",
  "\n\n",
  "\f",
  "=== page 2 ===",
  "发布时间：",
  "【字体：大 中 小】",
  "|---|",
  "(50分)",
  "\u3000",
];

const soup = fc.array(
  fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 }), fc.string({ unit: "binary", maxLength: 4 })),
  {
    maxLength: 120,
  },
);

function lineOf(b: Block): number[] {
  return b.type === "paragraph" ? [b.location.row ?? 0] : (b.table.sourceRows ?? []);
}

describe("layout robustness", () => {
  it("never throws, and every block sits on lines of the text, in order", () => {
    fc.assert(
      fc.property(soup, (parts) => {
        const text = parts.join("");
        const lineCount = text.split(/\r\n|\r|\n/).length;
        const { document, explain } = recoverLayout(text, "r.txt");
        const starts = document.blocks.map((b) => Math.min(...lineOf(b)));
        for (const b of document.blocks) for (const n of lineOf(b)) expect(n >= 1 && n <= lineCount).toBe(true);
        expect([...starts].sort((a, b) => a - b)).toEqual(starts);
        for (const e of explain) expect(e.first <= e.last).toBe(true);
        for (const b of document.blocks)
          if (b.type === "table") {
            const w = b.table.rows[0]?.length ?? 0;
            expect(b.table.rows.every((r) => r.length === w)).toBe(true);
          }
      }),
      { numRuns: 300 },
    );
  });

  it("reads run-together scanned text without a crash, and keeps it as text", () => {
    const scanned =
      "项目支出绩效自评表项目名称禁毒经费主管部门宣城市公安局一级指标二级指标三级指标年度指标值产出指标数量指标禁毒宣传场次≥1场1场1212质量指标".repeat(
        50,
      );
    const { document } = recoverLayout(scanned, "s.txt");
    expect(document.blocks.length).toBeGreaterThan(0);
  });

  it("reads long inputs of every form whole", () => {
    // 150 generated tables one after another in each form (33,000–74,000 characters): every table is found. How the
    // time grows with the length (150 → 600 tables) is measured by bench/layout/run.ts.
    const samples = fc.sample(tableArb, { numRuns: 150, seed: 11 });
    for (const render of [renderPipes, renderSpaced, renderWords, renderCellParagraphs]) {
      const text = samples.map((t) => `说明文字第${t.rows.length}段。\n\n${render(t)}`).join("\n\n");
      const { document } = recoverLayout(text, "long.txt");
      const found = document.blocks.filter((b) => b.type === "table").length;
      expect(found).toBe(samples.length);
    }
    // One line holding a very long table (the rows of the samples of one form under one header).
    const first = samples.find((t) => t.fields.length === 8)!;
    const rows = samples.filter((t) => t.fields.join() === first.fields.join()).flatMap((t) => t.rows);
    const oneLine = recoverLayout(renderOneLine({ ...first, rows }), "one.txt");
    expect(oneLine.document.blocks.filter((b) => b.type === "table").length).toBe(1);
  });
});
