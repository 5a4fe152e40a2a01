/**
 * The standard tables of a 部门预算 / 部门决算 公开, read from whatever blocks the text readers give: a table block
 * (tab, pipe or aligned rows the layout stage recognised) or paragraph lines that are rows (cells separated by tabs,
 * `|`, two or more spaces, or a label followed by its numbers). A title line names the table; the lines after it up
 * to the next title or section heading are its unit line (`单位：万元`), its unit-name line (`部门：…`), its header
 * rows, its data rows and its note (`本单位无政府性基金…故本表为空`).
 */
import type { DisclosureTableKind } from "@jixiao/core/model";

/** Table kinds by their title, most specific first (national and local names). */
const TITLE_KINDS: [DisclosureTableKind, RegExp][] = [
  ["procurement", /政府采购/],
  ["assets", /(国有|固定)资产(占用)?/],
  ["runningCosts", /机关运行经费/],
  ["threePublic", /三公/],
  ["basicExpenditure", /基本支出/],
  ["governmentFund", /政府性基金/],
  ["stateCapital", /国有资本经营/],
  ["projectExpenditure", /项目支出/],
  ["generalExpenditure", /一般公共预算(财政拨款)?(收入)?支出/],
  ["fiscalSummary", /财政拨款收(入)?支(出)?/],
  ["summary", /收(入)?支(出)?(决算|预算)?总(体情况)?表|收支总表|收入支出(决算|预算)?表/],
  ["income", /收入(决算|预算)?(总体情况)?(总)?表/],
  ["expenditure", /支出(决算|预算)?(总体情况)?(总)?(明细)?表/],
];

/** A number prefix of a heading or title: `一、`, `（二）`, `表一`, `1.`, `附表3`, `公开01表`. */
const NUMBER_PREFIX =
  /^(?:附表|表)?\s*(?:[一二三四五六七八九十]+|\d+)\s*[、.．:：)）]?\s*|^[（(]\s*[一二三四五六七八九十\d]+\s*[)）]\s*/;

export function stripNumber(text: string): string {
  return text.replace(NUMBER_PREFIX, "").trim();
}

/** The table kind a line titles, or undefined when it is no table title (a sentence, a TOC line is decided apart). */
export function tableTitleKind(text: string): DisclosureTableKind | undefined {
  // a title in the first cell of a `|` row the text did not split (`…统计表 | ||` in a PDF's text)
  const t = text.replace(/[\s\u3000]+/g, "").replace(/[|｜]+$/, "");
  if (t.length < 4 || t.length > 70) return undefined;
  if (/[。；;，,]/.test(t) || /绩效|说明|情况说明$|解释/.test(t)) return undefined;
  // a title ends with 表 (optionally `（公开01表）` or `（万元）` after it)
  if (!/表([（(][^）)]*[)）])?$/.test(t)) return undefined;
  for (const [kind, re] of TITLE_KINDS) if (re.test(t)) return kind;
  return undefined;
}

const NUMERIC = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
/** A dash, or `单位不需填列` (a cell the template says the unit leaves blank): no amount. */
const DASH = /^(?:[-—–－─]+|(?:单位)?不需填列|不填列)$/;
const PLACEHOLDER = /^(?:[*＊]+|[Xx×Ｘ]{2,})$/;

export type CellShape = "number" | "dash" | "placeholder" | "code" | "text" | "empty";

export function cellShape(text: string, codeAllowed: boolean): CellShape {
  const t = text.replace(/[\s\u3000]+/g, "");
  if (t === "") return "empty";
  if (codeAllowed && /^\d{3,9}$/.test(t)) return "code";
  if (NUMERIC.test(t)) return "number";
  if (DASH.test(t)) return "dash";
  if (PLACEHOLDER.test(t)) return "placeholder";
  return "text";
}

/** Whether a cell holds a value of an amount column (a number, a dash for none, a placeholder). */
export function isValueCell(text: string): boolean {
  const s = cellShape(text, false);
  return s === "number" || s === "dash" || s === "placeholder";
}

/** Header cells that head label columns, not amounts. */
export const LABEL_HEADER =
  /^(?:项目(?:名称)?|(?:支出)?(?:功能|经济)分类(?:科目)?(?:编码|名称)?|(?:预算)?科目(?:编码|名称)?|编码|名称|类|款|项|行次|栏次)$/;

/** Splits a paragraph line into cells: tabs, `|`, two or more spaces; else label words then numbers. */
export function splitRowText(text: string): string[] {
  const t = text.replace(/\u3000/g, "  ").trim();
  let cells: string[];
  if (t.includes("\t")) cells = t.split("\t");
  else if (/[|｜]/.test(t)) cells = t.split(/[|｜]/);
  else if (/ {2,}/.test(t)) cells = t.split(/ {2,}/);
  else cells = t.split(/ +/);
  cells = cells.map((c) => c.trim());
  // `204 公共安全支出 2800.00 …`: a code and a name split by one space stay apart; words of a name are joined back
  const out: string[] = [];
  for (const c of cells) {
    const prev = out[out.length - 1];
    if (
      prev !== undefined &&
      cellShape(prev, true) === "text" &&
      cellShape(c, true) === "text" &&
      !/[|｜\t]/.test(t) &&
      !/ {2,}/.test(t)
    )
      out[out.length - 1] = `${prev}${c}`;
    else out.push(c);
  }
  return out;
}

/** Whether a line is a unit line (`单位：万元`, `金额单位：元`) and which unit it states. */
export function unitOfLine(text: string): "元" | "万元" | undefined {
  const m = /(?:金额)?单位\s*[：:]\s*(万元|元)/.exec(text) ?? /[（(]\s*(万元|元)\s*[)）]\s*$/.exec(text.trim());
  return m ? (m[1] as "元" | "万元") : undefined;
}

/** The unit (organisation) a header line names: `部门：…`, `编制单位：…`, `单位名称：…`, `预算单位：…`. */
export function organisationOfLine(text: string): string | undefined {
  const m =
    /(?:编制部门|编制单位|填报单位|预算部门|预算单位|部门名称|单位名称|部门|公开单位)\s*[：:]\s*([^\s：:|｜\t]+?)(?=\s|$|\s*(?:金额)?单位\s*[：:]|[|｜\t])/.exec(
      text,
    );
  if (!m) return undefined;
  const name = m[1]!.trim();
  if (name === "" || name === "万元" || name === "元") return undefined;
  return name;
}

/** A note saying the table is empty: `本单位无政府性基金…故本表为空` / `本表无数据` / `此表为空表`. */
export function isEmptyNote(text: string): boolean {
  const t = text.replace(/[\s\u3000]+/g, "");
  return /(本|此|该)表(为空|无数(据|字)|空表)|故(本|此)表(为空|无数据)|本(部门|单位).{0,12}无.{0,40}(收入|支出|收支|经费|数据)/.test(
    t,
  );
}

/** The kind a note about an empty table is about, by the names it says. */
export function emptyNoteKind(text: string): DisclosureTableKind | undefined {
  if (/政府性基金/.test(text)) return "governmentFund";
  if (/国有资本经营/.test(text)) return "stateCapital";
  if (/三公/.test(text)) return "threePublic";
  if (/项目支出/.test(text)) return "projectExpenditure";
  if (/政府采购/.test(text)) return "procurement";
  return undefined;
}

/** 合计 / 总计 / 小计 labels. */
export function totalOf(label: string): "total" | "grandTotal" | "subtotal" | undefined {
  const t = label.replace(/[\s\u3000]+/g, "");
  if (/总计$/.test(t) || /^(收入|支出)?总计/.test(t)) return "grandTotal";
  if (/小计$/.test(t)) return "subtotal";
  if (/合计$/.test(t) || /^合计/.test(t)) return "total";
  return undefined;
}
