/**
 * A grid header scattered among its first rows' cells (src/import/scattered-header.ts): a merged-cell sheet read
 * line by line across its cells puts the first rows' names and targets between the header's names and the rest of
 * those rows (实际完成值 分值 得分) after the header as one run. Generated grids written that way — any number of
 * queued rows, names and targets interleaved in any order, some names lost, the header's two parts anywhere among
 * them, rows in reading order after (numbered names wrapped over two words), the last rows drawn values first (their
 * values, the total, then their names among broken labels) — read back with every row whose name the text keeps,
 * and the total. The corpus documents
 * sx-jishan-zdwsy-2021-pse-1 and sx-jishan-ybj-2020-pse-1 are examples.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GRID_FIELDS } from "../../src/import/drawn-order.ts";
import { headerField } from "../../src/import/headers.ts";
import { importDocument } from "../../src/import/index.ts";
import { cellKind } from "../../src/import/row-fields.ts";
import { queuedRows, scatteredGridHeader } from "../../src/import/scattered-header.ts";
import { joinWrappedNames } from "../../src/import/stream-form.ts";
import { readExtractedText } from "../../src/text/index.ts";

const scattered = (words: string[], from: number) =>
  scatteredGridHeader(words, from, headerField, GRID_FIELDS, (t) => t === "总分");

describe("a scattered grid header", () => {
  it("gathers the header's names between the first rows' cells, and reads those rows from their queues", () => {
    const words =
      "年度指标值 实际完成值 指标1:居民健康档案 38508人 指标2:发放资料 不少于12 种 6次 二级指标 三级指标 指标3:举办讲座 分值 得分 37442人 3 3 14种 1 1 150次 1 1 指标4:咨询 12次 96次 1 1".split(
        " ",
      );
    const h = scattered(words, 0);
    expect(h?.fields).toEqual(["target", "actual", "level2", "name", "weight", "score"]);
    expect(h?.end).toBe(13);
    const q = queuedRows(words, h!, words.length, cellKind);
    expect(q?.rows.map((r) => [r.name, r.values])).toEqual([
      [2, { target: [3], actual: [13], weight: [14], score: [15] }],
      [4, { target: [5, 6], actual: [16], weight: [17], score: [18] }],
      [10, { target: [7], actual: [19], weight: [20], score: [21] }],
    ]);
    expect(q?.end).toBe(22);
  });

  it("leaves out a row whose name the text lost, and takes a text after the run as the last row's 偏差原因", () => {
    const words =
      "三级指标 指标2:乙 年度指标值 8755 9 实际完成值 分值 得分 偏差原因 8676 15 13 8 10 10 有新增死亡 质量指标".split(
        " ",
      );
    const h = scattered(words, 0);
    expect(h?.fields).toEqual(["name", "target", "actual", "weight", "score", "deviation"]);
    const q = queuedRows(words, h!, words.length, cellKind);
    expect(q?.lost).toBe(1);
    expect(q?.rows).toEqual([
      { name: 1, values: { target: [4], actual: [12], weight: [13], score: [14], deviation: [15] } },
    ]);
  });

  it("joins a numbered name wrapped over two words when the row's values fit only after both", () => {
    const cells = (s: string) => s.split(" ").map((text) => ({ text }));
    const fields = ["target", "actual", "weight", "score"] as const;
    const join = (s: string) => joinWrappedNames(cells(s), fields).map((c) => c.text);
    expect(join("指标1:资金是否全部纳入医 保统筹 100% 100% 15 15 时效指标")).toEqual([
      "指标1:资金是否全部纳入医保统筹",
      "100%",
      "100%",
      "15",
      "15",
      "时效指标",
    ]);
    // a target in words is the row's first value, not the name's end
    expect(join("指标1:服务满意 达标 达标 10 10 指标2:乙")[0]).toBe("指标1:服务满意");
    // a name without a number is left as it is
    expect(join("资金是否全部纳入医 保统筹 100% 100% 15 15")[0]).toBe("资金是否全部纳入医");
  });

  it("finds none in a plain header run or where the queues disagree", () => {
    expect(scattered("三级指标 年度指标值 实际完成值 分值 得分 甲 1 1 5 5".split(" "), 0)).toBe(undefined);
    const words = "三级指标 指标1:甲 年度指标值 1 2 实际完成值 分值 得分 1 5 5 乙".split(" ");
    expect(queuedRows(words, scattered(words, 0)!, words.length, cellKind)).toBe(undefined);
  });
});

interface Row {
  name: string;
  target: string[];
  actual: string;
  weight: number;
  score: number;
}

const NAMES = ["居民健康档案", "发放健康教育资料", "举办讲座", "预防接种", "老年人体检", "家庭医生签约"];
const TARGETS: string[][] = [["38508人"], ["不少于12", "种"], ["6次"], ["100%"], ["8755"], ["≥95%"]];
const ACTUALS = ["37442人", "14种", "150次", "97.30%", "8676", "98%"];

const rowArb = fc
  .tuple(
    fc.constantFrom(...NAMES),
    fc.constantFrom(...TARGETS),
    fc.constantFrom(...ACTUALS),
    fc.integer({ min: 1, max: 20 }),
    fc.integer({ min: 0, max: 20 }),
  )
  .map(
    ([name, target, actual, weight, lost]): Row => ({
      name,
      target,
      actual,
      weight,
      score: Math.max(0, weight - lost),
    }),
  );

const gridArb: fc.Arbitrary<Grid> = fc
  .record({
    queued: fc.array(rowArb, { minLength: 1, maxLength: 4 }),
    rest: fc.array(rowArb, { minLength: 0, maxLength: 3 }),
    // where the rest's and the drawn rows' names wrap (0: not), and the drawn rows' labels (see render)
    wraps: fc.array(fc.nat(6), { minLength: 6, maxLength: 6 }),
    drawn: fc.oneof(fc.constant<Row[]>([]), fc.array(rowArb, { minLength: 2, maxLength: 3 })),
    labels: fc.array(fc.nat(3), { minLength: 3, maxLength: 3 }),
    lost: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    order: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    cut: fc.nat(),
  })
  .filter((g) => g.queued.some((_, r) => !g.lost[r]));

/** The grid written as the sheet's lines read across its cells; the words and the rows the text keeps. */
interface Grid {
  queued: Row[];
  rest: Row[];
  wraps: number[];
  /** Rows after the rest drawn values first: their values, the total, then their names among broken labels. */
  drawn: Row[];
  labels: number[];
  lost: boolean[];
  order: boolean[];
  cut: number;
}

function render(g: Grid) {
  const numbered = (r: Row, n: number) => `指标${n + 1}:${r.name}`;
  // names (those kept) and targets of the queued rows, each queue in row order, interleaved as `order` says
  const names = g.queued.flatMap((r, n) => (g.lost[n] ? [] : [numbered(r, n)]));
  const targets = g.queued.map((r) => r.target);
  const between: string[] = [];
  let o = 0;
  while (names.length > 0 || targets.length > 0) {
    if (targets.length === 0 || (names.length > 0 && g.order[o++ % g.order.length])) between.push(names.shift()!);
    else between.push(...targets.shift()!);
  }
  // the header's second part anywhere among them (never inside a target's number and unit)
  let cut = g.cut % (between.length + 1);
  while (cut > 0 && between[cut] === "种") cut--;
  const words = [
    "年度指标值",
    "实际完成值",
    ...between.slice(0, cut),
    "二级指标",
    "三级指标",
    ...between.slice(cut),
    "分值",
    "得分",
    ...g.queued.flatMap((r) => [r.actual, `${r.weight}`, `${r.score}`]),
    // (rows in reading order keep a target's unit with its number: a broken one is not this rule's)
    ...g.rest.flatMap((r, n) => [
      ...wrapped(numbered(r, g.queued.length + n), g.wraps[n]!),
      r.target.join(""),
      r.actual,
      `${r.weight}`,
      `${r.score}`,
    ]),
  ];
  const all = [...g.queued, ...g.rest, ...g.drawn];
  if (g.drawn.length > 0) {
    // the drawn rows' values, the total (the funds' 10 points and 9 with the rows'), then their names
    words.push(...g.drawn.flatMap((r) => [r.target.join(""), r.actual, `${r.weight}`, `${r.score}`]));
    words.push(`${all.reduce((a, r) => a + r.weight, 10)}`, `${all.reduce((a, r) => a + r.score, 9)}`);
    g.drawn.forEach((r, n) => {
      const name = wrapped(numbered(r, g.queued.length + g.rest.length + n), g.wraps[3 + n]!);
      words.push(...LABELS[g.labels[n]!]!(name));
    });
  }
  words.push("总分");
  const kept = [
    ...g.queued.flatMap((r, n) => (g.lost[n] ? [] : [{ ...r, name: numbered(r, n) }])),
    ...[...g.rest, ...g.drawn].map((r, n) => ({ ...r, name: numbered(r, g.queued.length + n) })),
  ];
  return { words, kept, total: g.drawn.length > 0 ? `${all.reduce((a, r) => a + r.score, 9)}` : undefined };
}

/** A numbered name as one word, or wrapped after its `at`-th character (0: not wrapped). */
const wrapped = (name: string, at: number) => {
  const cut = name.indexOf(":") + 1 + at;
  return at === 0 || cut >= name.length ? [name] : [name.slice(0, cut), name.slice(cut)];
};

/** A drawn row's name among the sheet's labels: none, a 二级 before it, a 一级 broken with its points, or around it. */
const LABELS: ((name: string[]) => string[])[] = [
  (name) => name,
  (name) => ["成本指标", ...name],
  (name) => ["效益指", "标(30", "分)", "社会效益", ...name],
  (name) => ["满意度指标", "服务对象满", ...name, "(10分", "意度指标", ")"],
];

describe("scattered grid headers over generated grids", () => {
  it("reads the queued rows whose names the text keeps, each with its own values", () => {
    fc.assert(
      fc.property(gridArb, (g) => {
        const { words } = render(g);
        const h = scattered(words, 0);
        expect(h).toBeDefined();
        const q = queuedRows(words, h!, words.length, cellKind);
        const text = (ns: number[] | undefined) => ns?.map((n) => words[n]).join("");
        expect(q?.lost).toBe(g.lost.slice(0, g.queued.length).filter(Boolean).length);
        expect(
          q?.rows.map((r) => [
            words[r.name!],
            text(r.values.target),
            text(r.values.actual),
            text(r.values.weight),
            text(r.values.score),
          ]),
        ).toEqual(
          g.queued.flatMap((r, n) =>
            g.lost[n] ? [] : [[`指标${n + 1}:${r.name}`, r.target.join(""), r.actual, `${r.weight}`, `${r.score}`]],
          ),
        );
      }),
    );
  });

  it("a one-line form so written is read as a project self-evaluation with its funds and every kept row", () => {
    fc.assert(
      fc.property(gridArb, (g) => {
        const { words, kept, total } = render(g);
        const text = `项目名称 某项目 主管部门 某局 全年预算数 全年执行数 分值 执行率 得分 100 90 10 90% 9 ${words.join(" ")}`;
        const r = importDocument(readExtractedText(text, "t.txt"));
        expect(r.kinds).toContain("project-self-evaluation");
        const p = r.document.projectSelfEvaluations[0];
        expect(p?.funds[0]?.budget?.text).toBe("100");
        expect(
          p?.indicators.map((i) => [i.name, i.target?.text, i.actual?.text, i.weight?.value, i.score?.value]),
        ).toEqual(kept.map((r) => [r.name, r.target.join(""), r.actual, `${r.weight}`, `${r.score}`]));
        expect(p?.totalScore?.value).toBe(total);
      }),
    );
  });
});
