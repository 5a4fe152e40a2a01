/**
 * A run-together goal form whose head ends in words holding known column names (甘肃 省级部门预算项目支出绩效目标表:
 * `…需要说明的其他问题年度绩效目标进一步提高博物馆纪念馆运行效率和免费开放服务水平一级指标二级指标三级指标指标目标值…`):
 * 说明 and 绩效目标 there are the head's words, and the goal's sentence between them no columns. Generated forms with
 * such a head before the glued grid: the header starts at 一级指标 and every row's name and target come back.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { findGluedHeaders } from "../../src/layout/header-run.ts";
import { readExtractedText } from "../../src/text/index.ts";

const ROWS: [string, string, string, string][] = [
  ["产出指标", "数量指标", "免费开放天数", "=300天"],
  ["产出指标", "质量指标", "考核指标完成率", "=100%"],
  ["产出指标", "时效指标", "各项工作完成及时率", "≥99%"],
  ["效益指标", "社会效益指标", "免费开放接待观众人数", "=30000人次"],
  ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥99%"],
];

/** The head's last words: a label holding 说明, then 年度绩效目标 and the goal's sentence. */
const headWords = fc
  .tuple(
    fc.constantFrom("需要说明的其他问题", "其他需要说明的问题", "其他说明事项"),
    fc.constantFrom("年度绩效目标", "绩效目标", "年度目标"),
    // a sentence's words, each once (one ends like a header, 效率: two such in a row read as two columns)
    fc.uniqueArray(
      fc.constantFrom("进一步提高", "博物馆纪念馆运行效率", "和免费开放服务水平", "保障各项业务正常运行"),
      {
        // a sentence of one word reads as well as a column the vocabulary does not know: two words at least
        minLength: 2,
        maxLength: 4,
      },
    ),
  )
  .map(([label, goal, words]) => `${label}${goal}${words.join("")}`);

const HEADER = ["一级指标", "二级指标", "三级指标", "指标目标值"];

function text(head: string, rows: typeof ROWS): string {
  let l1 = "";
  const cells = rows.flatMap(([a, b, c, d]) => {
    const out = a === l1 ? [b, c, d] : [a, b, c, d];
    l1 = a;
    return out;
  });
  return `省级部门预算项目支出绩效目标表(2023年度)\n项目名称博物馆纪念馆免费开放补助资金${head}${[...HEADER, ...cells].join("")}`;
}

describe("head words before a glued header", () => {
  it("start no header: the grid's header is 一级指标 … 指标目标值", () => {
    const t =
      "其他依据需要说明的其他问题年度绩效目标进一步提高博物馆纪念馆运行效率和免费开放服务水平一级指标二级指标三级指标指标目标值产出指标数量指标免费开放天数=300天";
    expect(findGluedHeaders(t).map((h) => h.columns.map((c) => c.header))).toEqual([HEADER]);
  });

  it("keeps two unknown names in a row that both end like headers (OCR-damaged 调整指标值 年成值全完值)", () => {
    const t = "指标名称计量单位指标性质年初指标值调整指标值年成值全完值得分系数(%)指标权重(分)指标得分(分)";
    const [h] = findGluedHeaders(t);
    expect(h?.columns.map((c) => c.header).slice(0, 6)).toEqual([
      "指标名称",
      "计量单位",
      "指标性质",
      "年初指标值",
      "调整指标值",
      "年成值全完值",
    ]);
  });

  it("for any head ending in such words, the header is the grid's and every row's name and target come back", () => {
    fc.assert(
      fc.property(headWords, fc.subarray(ROWS, { minLength: 2 }), (head, rows) => {
        const t = text(head, rows);
        expect(findGluedHeaders(t).map((h) => h.columns.map((c) => c.header))).toEqual([HEADER]);
        const p = importDocument(readExtractedText(t, "goal.txt")).document.projects[0]!;
        expect(p.indicators.map((i) => [i.name, i.target?.text])).toEqual(rows.map((r) => [r[2], r[3]]));
      }),
      { numRuns: 40 },
    );
  });
});
