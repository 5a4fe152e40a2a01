/**
 * Header cells wrapped over two lines and read line by line (src/import/interleaved-header.ts): a sheet's header
 * row rendered as one line gives every cell's first line, then every cell's second (`年度 实际 指标值 完成值` =
 * 年度指标值 | 实际完成值). Generated header rows — any columns, some wrapped and some not — come back as their
 * cells, a one-line form written that way reads the same as with its header written plain. The corpus document
 * sx-jishan-zdwsy-2021-pse-1 is one example.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ImportContext } from "../../src/import/context.ts";
import { headerField } from "../../src/import/headers.ts";
import { interleavedHeaderAt } from "../../src/import/interleaved-header.ts";
import { tokensOf } from "../../src/import/stream-form.ts";
import { readExtractedText } from "../../src/text/index.ts";

const at = (s: string, i = 0) => interleavedHeaderAt(s.split(" "), i, headerField);

describe("interleaved wrapped header cells", () => {
  it("reads the first lines, then the second lines, as cells", () => {
    expect(at("年度 实际 指标值 完成值 38508人")?.cells).toEqual(["年度指标值", "实际完成值"]);
    expect(at("一级 二级 三级 指标 指标 指标 产出指标")?.cells).toEqual(["一级指标", "二级指标", "三级指标"]);
    // a cell on one line gives its one piece among the second lines
    expect(at("实际 指标值 完成值 8755")).toEqual({ cells: ["指标值", "实际完成值"], starts: [1, 0], length: 3 });
  });

  it("reads no run where the words are headers in order or not headers at all", () => {
    expect(at("分值 得分 10 9")).toBe(undefined);
    expect(at("年度 指标值 实际 完成值")).toBe(undefined); // a header broken in order: the plain join's
    expect(at("项目 名称 资金 使用")).toBe(undefined);
  });

  it("reads a one-line form's header so written (tokens of the stream reader)", () => {
    const text =
      "项目名称 某项目 全年预算数 全年执行数 分值 执行率 得分 10 9 10 90% 9 三级指标 年度 实际 指标值 完成值 分值 得分 培训人次 100 90 10 9";
    const doc = readExtractedText(text, "t.txt");
    const words = tokensOf(new ImportContext(doc), doc.blocks).map((t) => t.text);
    expect(words.join(" ")).toContain("三级指标 年度指标值 实际完成值 分值 得分 培训人次");
  });
});

/** Wrapped forms of a column's name: first line, second line (each first line no header by itself). */
const WRAPS: Record<string, [string, string][]> = {
  level1: [["一级", "指标"]],
  level2: [["二级", "指标"]],
  name: [
    ["三级", "指标"],
    ["指标", "名称"],
  ],
  target: [
    ["年度", "指标值"],
    ["预期", "目标值"],
    ["年度", "目标值"],
  ],
  actual: [
    ["实际", "完成值"],
    ["实际", "完成情况"],
  ],
  weight: [["指标", "分值"]],
  score: [["自评", "得分"]],
  unit: [
    ["计量", "单位"],
    ["度量", "单位"],
  ],
};
const FIELDS = Object.keys(WRAPS);

const cellArb = fc.tuple(fc.nat(), fc.boolean()).map(([pick, wrapped]) => ({ pick, wrapped }));
const rowArb = fc
  .tuple(fc.shuffledSubarray(FIELDS, { minLength: 2, maxLength: 4 }), fc.array(cellArb, { minLength: 4, maxLength: 4 }))
  .map(([fields, cells]) =>
    fields.map((f, c) => {
      const forms = WRAPS[f]!;
      const [top, bottom] = forms[cells[c]!.pick % forms.length]!;
      return { field: f, top, bottom, wrapped: cells[c]!.wrapped };
    }),
  )
  // at least one cell wrapped; a cell left whole must be a header by itself
  .filter((row) => row.some((c) => c.wrapped) && row.every((c) => c.wrapped || headerField(c.top + c.bottom)));

function render(row: { top: string; bottom: string; wrapped: boolean }[]): string[] {
  const tops = row.filter((c) => c.wrapped).map((c) => c.top);
  const bottoms = row.map((c) => (c.wrapped ? c.bottom : c.top + c.bottom));
  return [...tops, ...bottoms];
}

describe("interleaved wrapped header cells over generated header rows", () => {
  it("gives back each generated row's cells, in column order", () => {
    fc.assert(
      fc.property(rowArb, fc.integer({ min: 1, max: 999 }), (row, value) => {
        const words = [...render(row), `${value}人`];
        const got = interleavedHeaderAt(words, 0, headerField);
        expect(got?.cells.map((c) => headerField(c))).toEqual(row.map((c) => c.field));
        // where a cell left whole is a header with another's first line too, the words leave it open: the fields
        // are still the row's
        if (row.every((c) => c.wrapped)) expect(got?.cells).toEqual(row.map((c) => c.top + c.bottom));
        expect(got?.length).toBe(words.length - 1);
      }),
    );
  });

  it("a one-line form's words are the same with its grid header's cells wrapped and read line by line", () => {
    const nameArb = fc.constantFrom("培训人次", "案件办结率", "设备维护点位", "群众满意度");
    const indicatorArb = fc.tuple(nameArb, fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 999 }));
    fc.assert(
      fc.property(
        fc.uniqueArray(indicatorArb, { minLength: 1, maxLength: 4, selector: (r) => r[0] }),
        // every cell wrapped, and no two neighbouring words a header together (三级 指标 in 计量 三级 指标 单位 is
        // joined in order by the layout's one-line reading before the stream reader sees it)
        rowArb.filter(
          (row) =>
            row.every((c) => c.wrapped) &&
            render(row).every((w, n, all) => n === 0 || headerField(all[n - 1]! + w) === undefined),
        ),
        (rows, header) => {
          const head = "项目名称 某项目 全年预算数 全年执行数 分值 执行率 得分 10 9 10 90% 9";
          const body = rows.map(([n, t, a]) => `${n} ${t}人 ${a}人 10 ${Math.min(10, a % 11)}`).join(" ");
          const plain = `${head} ${header.map((c) => c.top + c.bottom).join(" ")} ${body}`;
          const wrapped = `${head} ${render(header).join(" ")} ${body}`;
          const words = (text: string) => {
            const doc = readExtractedText(text, "t.txt");
            return tokensOf(new ImportContext(doc), doc.blocks).map((t) => t.text);
          };
          expect(words(wrapped)).toEqual(words(plain));
        },
      ),
    );
  });
});
