/**
 * Random indicator tables and their renderings in each layout the layout stage reads. A table has a header
 * taken from the vocabulary (a random name of each column, so every province's names are exercised) and rows
 * of the indicator framework: the 一级 / 二级 names only on the first row they span (merged cells), targets such as
 * `≥50个`, actuals, points.
 */
import { INDICATOR_FRAMEWORK } from "@jixiao/core";
import fc from "fast-check";
import { charWidth } from "../../src/layout/shapes.ts";
import { type ColumnField, columnField, isCutName, synonymsByField } from "../../src/vocabulary/columns.ts";

export interface GenTable {
  header: string[];
  fields: ColumnField[];
  /** Data rows, "" for an empty or merged cell. */
  rows: string[][];
}

/** Column sets of real forms: the national self-evaluation, a goal table, a Yunnan-style table. */
export const FORMS: ColumnField[][] = [
  ["level1", "level2", "name", "target", "actual", "weight", "score", "deviation"],
  ["level1", "level2", "name", "target"],
  ["level1", "level2", "name", "operatorCode", "target", "unit", "actual", "deviation"],
  ["level1", "level2", "name", "target", "actual", "weight", "score"],
];

const SYNONYMS = synonymsByField();
// Names a header is written with: long enough not to be mistaken for data (单位, 符号, 原因 are real names but
// could be a cell's text as well; the generator keeps to the forms' usual spellings).
// A name cut to its first characters (一级) is printed in a cell of its own only: glued, it reads two ways.
const headerNames = (f: ColumnField) =>
  SYNONYMS[f].filter((n) => [...n].length >= 2 && columnField(n) === f && !isCutName(n));

const SYLLABLES = [
  ..."执勤巡逻培训装备案件办理宣传覆盖车辆维护系统运行经费保障群众安全交通事故处置完成及时准确规范服务",
];

export const nameArb = fc
  .array(fc.constantFrom(...SYLLABLES), { minLength: 4, maxLength: 12 })
  .map((cs) => cs.join(""))
  .filter((s) => columnField(s) === undefined && !/表$/.test(s));

const unitArb = fc.constantFrom("个", "次", "人", "%", "天", "件", "台");
const opArb = fc.constantFrom("≥", "≤", "=");

interface Values {
  name: string;
  op: string;
  n: number;
  unit: string;
  actual: number;
  weight: number;
  score: number;
  deviation: string;
}

const valuesArb: fc.Arbitrary<Values> = fc.record({
  name: nameArb,
  op: opArb,
  n: fc.integer({ min: 1, max: 5000 }),
  unit: unitArb,
  actual: fc.integer({ min: 0, max: 5000 }),
  weight: fc.integer({ min: 1, max: 30 }),
  score: fc.integer({ min: 0, max: 30 }),
  deviation: fc.oneof(
    { weight: 3, arbitrary: fc.constant("") },
    { weight: 1, arbitrary: nameArb.map((s) => `${s}未达标`) },
  ),
});

function cellOf(f: ColumnField, v: Values): string {
  switch (f) {
    case "name":
      return v.name;
    case "target":
      return `${v.op}${v.n}${v.unit}`;
    case "actual":
      return `${v.actual}${v.unit}`;
    case "weight":
      return String(v.weight);
    case "score":
      return String(Math.min(v.score, v.weight));
    case "deviation":
      return v.deviation;
    case "operatorCode":
      return v.op;
    case "unit":
      return v.unit;
    default:
      return "";
  }
}

/** A random table of one of the forms. */
export const tableArb: fc.Arbitrary<GenTable> = fc
  .record({
    form: fc.constantFrom(...FORMS),
    names: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
    groups: fc.array(
      fc.record({
        l1: fc.nat(INDICATOR_FRAMEWORK.length - 2),
        subs: fc.array(fc.record({ l2: fc.nat(), rows: fc.array(valuesArb, { minLength: 1, maxLength: 3 }) }), {
          minLength: 1,
          maxLength: 2,
        }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map(({ form, names, groups }) => {
    const header = form.map((f, i) => {
      const all = headerNames(f);
      return all[names[i]! % all.length]!;
    });
    const rows: string[][] = [];
    for (const g of groups) {
      const l1 = INDICATOR_FRAMEWORK[g.l1]!;
      g.subs.forEach((sub, si) => {
        const l2 = l1.children[sub.l2 % l1.children.length]!;
        sub.rows.forEach((v, ri) => {
          rows.push(
            form.map((f) => {
              if (f === "level1") return si === 0 && ri === 0 ? l1.name : "";
              if (f === "level2") return ri === 0 ? l2.name : "";
              return cellOf(f, v);
            }),
          );
        });
      });
    }
    return { header, fields: form, rows };
  });

// ---- renderings ----

/** PDF text: a row a line, cells separated by tabs. */
export const renderTabRows = (t: GenTable) => [t.header, ...t.rows].map((r) => r.join("\t")).join("\n");

/** Word text: a cell a line, each starting with a tab; rows separated by blank lines. */
export const renderTabCells = (t: GenTable) =>
  [t.header, ...t.rows].map((r) => r.map((c) => `\t${c}`).join("\n")).join("\n\n");

/** Markdown-like: `| a | b |` rows with a `|---|` rule under the header; empty cells kept. */
export const renderPipes = (t: GenTable) =>
  [
    `| ${t.header.join(" | ")} |`,
    `|${t.header.map(() => "---").join("|")}|`,
    ...t.rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");

/**
 * `| … |` rows as some web pages copy them: a cell whose text began on a new line starts a line of its own (the
 * line then does not start with `|`; a first cell leaves a lone `|` above it), and a row's empty cells at its end
 * come on a line of bare pipes (two or more).
 */
export const renderPipesBroken = (t: GenTable) =>
  [t.header, ...t.rows]
    .map((row, r) => {
      let end = row.length;
      while (end > 1 && row[end - 1] === "") end--;
      if (row.length - end < 2) end = row.length; // a lone `|` would open a row: one empty cell stays inline
      const cells = row
        .slice(0, end)
        .map((c, k) => `${c !== "" && (r * 7 + k * 3) % 5 === 1 ? "\n" : " "}${c} |`)
        .join("");
      return `|${cells}${end < row.length ? `\n${"|".repeat(row.length - end)}` : ""}`;
    })
    .join("\n");

/** ` | ` between cells, merged cells left out (rows are ragged). */
export const renderPipesRagged = (t: GenTable) =>
  [t.header.join(" | "), ...t.rows.map((r) => dropLeadingEmpty(r).join(" | "))].join("\n");

/** One cell a line, each ending with `|`; rows separated by blank lines; merged cells left out. */
export const renderPipeCells = (t: GenTable) =>
  [t.header, ...t.rows.map(nonEmpty)].map((r) => r.map((c) => `${c} |`).join("\n")).join("\n\n");

/** One cell a line ending with `|`, merged cells left out, every row ended by a bare `|` (no blank lines). */
export const renderPipeCellsBare = (t: GenTable) =>
  [t.header, ...t.rows.map(nonEmpty)].map((r) => [...r.map((c) => `${c} |`), "|"].join("\n")).join("\n");

/**
 * One cell a line ending with `|`, as pages copied from a site's form give it: each row opened by a lone `|`, its
 * merged or empty cells left out and counted by a line of pipes after its cells (the form is one column wider than
 * its header: a 绩效指标 label column the rows leave out).
 */
export const renderPipeCellsPadded = (t: GenTable) =>
  [t.header, ...t.rows.map(nonEmpty)]
    .map((r) => ["|", ...r.map((c) => `${c} |`), "|".repeat(t.header.length + 1 - r.length)].join("\n"))
    .join("\n");

/**
 * One cell a line ending with ` |`, as a form's page gives it when the grid is as wide as its header: a row's merged
 * or empty cells left out and counted by the pipes after its last cell (`90% | |||`), a row with none left out
 * ending on its last cell's single `|`; `head` rows (a title, label and value) before the header, padded the same way.
 */
export const renderPipeCellsFull = (t: GenTable, head: string[][]) =>
  [...head, t.header, ...t.rows]
    .map(nonEmpty)
    .map((r) =>
      r
        .map((c, i) =>
          i === r.length - 1 && r.length < t.header.length
            ? `${c} | ${"|".repeat(t.header.length - r.length)}`
            : `${c} |`,
        )
        .join("\n"),
    )
    .join("\n");

/** Word text without tabs: a cell a line, rows separated by blank lines, empty cells left out. */
export const renderCellLines = (t: GenTable) =>
  [t.header, ...t.rows.map(nonEmpty)].map((r) => r.join("\n")).join("\n\n");

/** One cell a paragraph, blank lines between every cell; empty cells left out. */
export const renderCellParagraphs = (t: GenTable) => [...t.header, ...t.rows.flatMap(nonEmpty)].join("\n\n");

/** One cell a paragraph (a blank line between cells), rows set apart by ten blank lines; empty cells left out. */
export const renderCellParagraphsRowGaps = (t: GenTable) =>
  [t.header, ...t.rows.map(nonEmpty)].map((r) => r.join("\n\n")).join("\n".repeat(11));

/** pdftotext -layout: columns padded with spaces to fixed display widths (CJK double), empty cells blank. */
export function renderSpaced(t: GenTable): string {
  const all = [t.header, ...t.rows];
  const widths = t.header.map((_, i) => Math.max(...all.map((r) => width(r[i]!))) + 3);
  return all
    .map((r) =>
      r
        .map((c, i) => c + " ".repeat(widths[i]! - width(c)))
        .join("")
        .trimEnd(),
    )
    .join("\n");
}

/**
 * Rows of words: a row a line, cells separated by one space, empty cells left out. The header may take several
 * lines (`headerLines`: a second line naming the parts of some columns above it, a caption before the names).
 */
export const renderWords = (t: Pick<GenTable, "header" | "rows">, headerLines: string[][] = [t.header]) =>
  [...headerLines, ...t.rows.map(nonEmpty)].map((r) => r.join(" ")).join("\n");

/**
 * A docx preview that lost its rows' breaks but kept its cells' spaces (苏州's 自评表): page marks (`1、`) opening
 * each page's text, `before` (the form's title) glued to the header, the header's cells spaced (a cell's own space
 * where it wrapped, `实际完成 值`), each row's cells spaced and its first cell (a section label, most rows none)
 * glued to the second, every row glued to the next; a page mark after row `i` where `pageAfter[i]`.
 */
export function renderSpacedCellsGluedRows(
  t: Pick<GenTable, "header" | "rows">,
  before: string,
  pageAfter: readonly boolean[],
): string {
  let page = 1;
  let text = `${page}、${before}${t.header.join(" ")}`;
  t.rows.forEach((r, i) => {
    text += `${r[0] ?? ""}${r.slice(1).join(" ")}`;
    if (pageAfter[i]) {
      page += 1;
      text += `\n${page}、`;
    }
  });
  return text;
}

/**
 * Run-together text (a converted or scanned form): a row a line, its cells glued without any separator, empty
 * cells simply missing (`产出指标数量指标出警次数≥50次48次128`).
 */
export const renderGlued = (t: GenTable) => [t.header, ...t.rows].map((r) => r.join("")).join("\n");

/**
 * Run-together text of a converted form whose header cells wrapped: each header name of four characters or more
 * breaks after its second character, the line break kept as a space (`年度 指标值`, `偏差 原因分析…`).
 */
export const renderGluedWrappedHeader = (t: GenTable) =>
  [t.header.map((h) => ([...h].length >= 4 ? `${h.slice(0, 2)} ${h.slice(2)}` : h)), ...t.rows]
    .map((r) => r.join(""))
    .join("\n");

/**
 * Rows of words whose 一级 / 二级 cells are printed vertically: each name on lines of its own before its row,
 * broken in two (`经济效益` / `指标`), the rest of the row on one line.
 */
export const renderWordsVertical = (t: GenTable) => {
  const out = [t.header.join(" ")];
  for (const r of t.rows) {
    const rest: string[] = [];
    r.forEach((c, i) => {
      if (c === "") return;
      const f = t.fields[i];
      if (f === "level1" || f === "level2") {
        const cut = Math.floor([...c].length / 2);
        out.push(c.slice(0, cut), c.slice(cut));
      } else rest.push(c);
    });
    out.push(rest.join(" "));
  }
  return out.join("\n");
};

/** The whole table on one line of space-separated words. */
export const renderOneLine = (t: GenTable) => [...t.header, ...t.rows.flatMap(nonEmpty)].join(" ");

function nonEmpty(r: string[]): string[] {
  return r.filter((c) => c !== "");
}

function dropLeadingEmpty(r: string[]): string[] {
  let k = 0;
  while (k < r.length - 1 && r[k] === "") k += 1;
  return r.slice(k);
}

function width(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/** The header of a grid with points at every level (the 决策 / 管理 / 绩效 framework's 评分表). */
export const LEVEL_POINTS_HEADER = ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分"];
const LP_L1 = ["项目决策", "项目管理", "项目绩效", "决策", "管理"];
const LP_L2 = ["项目目标", "决策过程", "资金分配", "资金到位", "资金管理", "组织实施", "项目产出", "业务管理"];
const LP_NAMES = [
  "目标内容",
  "决策依据",
  "分配办法",
  "到位率",
  "到位时效",
  "资金使用",
  "财务管理",
  "管理制度",
  "产出数量",
];
const lpPoints = fc.integer({ min: 1, max: 30 });

/** 一级 groups (name, points) of 二级 groups (name, points) of indicators (name, points, score). */
export const levelPointsArb = fc.array(
  fc.tuple(
    fc.constantFrom(...LP_L1),
    lpPoints,
    fc.array(
      fc.tuple(
        fc.constantFrom(...LP_L2),
        lpPoints,
        fc.array(fc.tuple(fc.constantFrom(...LP_NAMES), lpPoints, fc.integer({ min: 0, max: 30 })), {
          minLength: 1,
          maxLength: 3,
        }),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  ),
  { minLength: 1, maxLength: 3 },
);

/** The grid's rows: a group's names and points on its first row only (merged cells), indicators numbered. */
export function levelPointsRows(
  groups: [string, number, [string, number, [string, number, number][]][]][],
): string[][] {
  const rows: string[][] = [];
  let k = 0;
  for (const [l1, p1, subs] of groups) {
    subs.forEach(([l2, p2, inds], si) => {
      inds.forEach(([n, w, s], ii) => {
        k += 1;
        const first = si === 0 && ii === 0;
        rows.push([
          first ? l1 : "",
          first ? String(p1) : "",
          ii === 0 ? l2 : "",
          ii === 0 ? String(p2) : "",
          `${n}${k}`,
          String(w),
          String(Math.min(s, w)),
        ]);
      });
    });
  }
  return rows;
}
