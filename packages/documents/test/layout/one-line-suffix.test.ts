/**
 * A table on one line keeps the words after it, as it keeps those before it (one-line-prefix.test.ts): a form
 * drawn out of reading order (a PDF's words in drawing order) goes on after the table's last row with the labels
 * of its rows, its goals and its whole indicator grid; whichever table reading is kept, those words stay as the
 * paragraph after the table (they were dropped once, and the form could not be read).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recoverLayout } from "../../src/layout/index.ts";

const FUNDS = "年初预算数 全年预算数 全年执行数 分值 执行率 得分 250000.00 250000.00 215,457.6 10 8.62";
const AFTER = [
  "年度资金总额",
  "项目资金",
  "(元)",
  "某区体育 事业管理中心",
  "实施单位",
  "预期目标",
  "86.19%",
  "总分",
  "-1-",
];

function wordsOf(text: string): string[] {
  return recoverLayout(text, "one.txt").document.blocks.flatMap((b) =>
    b.type === "paragraph"
      ? b.text.split(" ")
      : b.table.rows.flatMap((row) => row.flatMap((c) => (c.text === "" ? [] : c.text.split(" ")))),
  );
}

describe("a table on one line keeps the words after it", () => {
  it("the labels and the goals drawn after the funds rows stay as the paragraph after the table", () => {
    const text = `项目名称 某项目 ${FUNDS} ${AFTER.join(" ")}`;
    const r = recoverLayout(text, "one.txt");
    expect(r.document.blocks.some((b) => b.type === "table")).toBe(true);
    const words = wordsOf(text);
    for (const w of text.split(" ")) expect(words, w).toContain(w);
  });

  it("for any words after a one-line table, none is lost", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...AFTER, "其他资金 0 0 —", "一级指标 二级指标"), { maxLength: 10 }),
        (after) => {
          const text = `项目名称 某项目 ${FUNDS} ${after.join(" ")}`.trim();
          const words = wordsOf(text);
          const count = (ws: string[]) => ws.reduce((m, w) => m.set(w, (m.get(w) ?? 0) + 1), new Map<string, number>());
          const got = count(words);
          for (const [w, n] of count(text.split(" "))) expect(got.get(w) ?? 0, w).toBeGreaterThanOrEqual(n);
        },
      ),
      { numRuns: 80 },
    );
  });
});
