/**
 * The rows of run-together text after a glued header: the best cut of the characters into rows of the header's
 * columns, by dynamic programming over (position, column, whether the row holds a value yet).
 *
 * A cell must have its column's shape: a 一级 / 二级 name of the framework exactly (`数量指标`, `产出指标(50分)`),
 * a well-formed number (no leading zero, points ≤ 100, amounts without %), a target or actual (`≥92%`, `2200篇`,
 * `好`, `2021年12月完成`), a unit, ≥ / 定量, or free text that holds no framework name and cuts no number in two.
 * A row needs a value; columns often empty (一级, 二级, 说明, 偏差原因) cost nothing or little to leave empty, others
 * more. Text the rows cannot take at the end (a row cut off by the end of the text) is left to the caller.
 *
 * Digits glued across several number columns (`310.2154.741050%5`, `12.512.512.5`, `1010`) are then split again,
 * per row, where the row's own arithmetic holds: 执行数 ÷ 预算数 = 执行率 (to a point), 得分 = 分值 × 执行率 or × 得分
 * 系数, 得分 ≤ 分值, 指标值 = 实际值; the checks use exact decimals.
 */
import { MEASURE_UNITS } from "@jixiao/core";
import { type ColumnField, columnMeaning, scrambledField } from "../vocabulary/columns.ts";
import type { GluedColumn } from "./header-run.ts";
import { anchorAt } from "./header-run.ts";
import { splitNumberNames } from "./number-names.ts";
import { namesUnderLastLevel } from "./shapes.ts";

export interface GluedRow {
  cells: string[];
  /** Absolute positions of the row in the text. */
  start: number;
  end: number;
  fit: number;
}

type Kind = "level1" | "level2" | "number" | "value" | "unit" | "code" | "text" | "label" | "span" | "yesno";

/** A column and the one before it whose numbers are glued as a pair: a score after its weight. */
const PAIRS = new Set(["weight>score", "rateWeight>rateScore"]);
const AMOUNTS = new Set<ColumnField>(["initial", "adjustment", "budget", "executed", "annualBudget"]);
const POINTS = new Set<ColumnField>(["weight", "score", "rateWeight", "rateScore"]);
/** The measure words of target values (core's lexicon), with amounts and percent signs. */
const UNITS = new Set([...MEASURE_UNITS, ..."万元 亿元 % ％ 棵 株".split(" ")]);
/**
 * A unit after its number (1000万元, 5亿元, 0.01人次): no cell starts with it or inside it, the unit is the number's.
 * Units of two characters or more, and 元; a one-character unit may start a cell's words (2021 | 年度…). Not 次数,
 * whose 数 more often starts the next cell (≥300次|数量指标), nor where a framework name starts.
 */
const LONG_UNITS = [...UNITS, "千元"].filter((u) => ([...u].length >= 2 && u !== "次数") || u === "元");
/** Positions in `[from, to]` where a cell would start with such a unit, or inside one. */
function unitCuts(text: string, from: number, to: number): Uint8Array {
  const out = new Uint8Array(to - from + 1);
  for (let d = from + 1; d < to; d++) {
    if (!/\d/.test(text[d - 1]!) || /[\d.]/.test(text[d]!)) continue;
    for (const u of LONG_UNITS)
      if (text.startsWith(u, d))
        for (let k = d; k < d + u.length && k <= to; k++) if (!anchorAt(text, k)) out[k - from] = 1;
  }
  return out;
}
const MAX_LEN: Record<Kind, number> = {
  level1: 32,
  level2: 20,
  number: 16,
  value: 24,
  unit: 6,
  code: 6,
  text: 160,
  label: 40,
  span: 30,
  yesno: 1,
};

function kindOf(c: GluedColumn): Kind {
  if (c.label) return "label";
  // 是否核心指标, 是否完成: a yes / no column
  if (c.field === undefined && /^是否/.test(c.header)) return "yesno";
  // 指标方向: the sign of the values after it (≤100%100% is ≤ | 100% | 100%)
  if (c.field === undefined && /方向$/.test(c.header)) return "code";
  // a header the vocabulary does not know (调整指标值, an OCR-damaged 全年完成值) holds values when it says so
  const scrambled = c.field === undefined ? scrambledField(c.header) : undefined;
  if (scrambled !== undefined) return columnMeaning(scrambled).shape as Kind;
  if (c.field === undefined) return /(值|数|率)$/.test(c.header.replace(/[(（][^)）]*[)）]$/, "")) ? "value" : "text";
  if (c.field === "indicator" || c.field === "goal") return "span";
  return columnMeaning(c.field).shape;
}

function emptyCost(kind: Kind, field: ColumnField | undefined): number {
  switch (kind) {
    case "level1":
    case "level2":
    case "span":
      return 0;
    case "label":
      return -1.5;
    case "number":
      return -0.25;
    case "value":
      // a column the vocabulary does not know (调整指标值) is often left empty
      return field === undefined ? -0.05 : -0.25;
    case "unit":
    case "code":
    case "yesno":
      return -0.05;
    default:
      return field === "name" ? -0.6 : -0.05;
  }
}

/**
 * Each column's kind, and the field its empty cell is costed as. A grid with no 三级 column (一级指标 | 二级指标 |
 * 绩效标准 | 指标值) whose text holds no 一级 name at all prints its levels one column to the left: the 二级 names
 * (数量指标) stand under 一级指标 and the indicators' own names under the last level header, which then holds free
 * text as a 三级 column does (the 二级 names and the 三级 texts each take one column; nothing is guessed per row).
 */
function columnKinds(
  columns: readonly GluedColumn[],
  text: string,
  from: number,
  to: number,
): { kinds: Kind[]; fields: (ColumnField | undefined)[] } {
  const kinds = columns.map(kindOf);
  const fields = columns.map((c) => c.field);
  let level1 = false;
  let level2 = false;
  for (let i = from; i < to && !level1; i++) {
    const a = anchorAt(text, i);
    if (!a || a.end > to) continue;
    if (a.level === 1) level1 = true;
    else level2 = true;
    i = a.end - 1;
  }
  const names = namesUnderLastLevel(fields, level1, level2);
  if (names !== undefined) {
    fields.forEach((f, j) => {
      if (f === "level1" || f === "level2") kinds[j] = j === names ? "text" : "level2";
    });
    fields[names] = "name";
  }
  return { kinds, fields };
}

/** How an indicator's explanation (指标解释, 绩效标准) starts. */
const EXPLAINS = /^(反映|体现|衡量|考核|用于|用以|是指|指的是)/;

const NUM = /^[-+]?(0|[1-9]\d*)(\.\d+)?$/;
const DASH = /^[-—–/／]$/;

/** Fit of a number cell, undefined when it is no number of the column. */
function numberFit(t: string, field: ColumnField | undefined): number | undefined {
  if (DASH.test(t)) return 0.3;
  let s = t;
  const pct = /[%％]$/.test(s);
  if (pct) s = s.slice(0, -1);
  else if (field && AMOUNTS.has(field)) s = s.replace(/(万元|元)$/, "");
  if (!NUM.test(s)) return undefined;
  if (pct && field !== "rate" && field !== "coefficient") return undefined;
  let f = 1;
  // a one-digit amount is rare; glued digits cut into small pieces are the usual mistake
  if (field && AMOUNTS.has(field) && /^[1-9]$/.test(s)) f = 0.6;
  const dec = (s.split(".")[1] ?? "").length;
  if (dec > 2) f -= field && AMOUNTS.has(field) ? 0.3 : 0.8;
  // points above 100 are no form's (a plausibility check, not a figure: a float is fine here)
  if (field && POINTS.has(field) && Number(s) > 100) f -= 2;
  // an execution rate above 200% is hardly ever printed: 101101100% is 101 | 101 | 100%, not 10 | 110 | 1100%
  // (both agree with executed ÷ budget, and 20 × a capped rate gives the same points)
  if (field === "rate" && pct && Number(s) > 200) f -= 1;
  return f;
}

const VALUE =
  /^(?:[≥≤><=＝≧≦＞＜]|大于等于|小于等于|不低于|不高于|不少于|不超过|达到)?\s*[-+]?(?:0|[1-9][\d,]*)(?:\.\d+)?\s*(.*)$/;
const DATE = /^\d{4}年(\d{1,2}月)?(\d{1,2}日)?[^\d]{0,4}$/;
const PUNCT = /[,，。;；:：、]/;

/**
 * A change stated as a value (签约率提高1%, 增收27万元, 水电支出减少01万元, 增372人次): a few words naming what changed,
 * the word of the change, and a number with its unit — several joined by punctuation (签约率提高1%、体检率提高2%).
 * Digits as printed (a lost decimal point, 01, is the form's).
 */
const CHANGE = String.raw`[\u4e00-\u9fff]{0,8}?(?:提高|提升|下降|降低|增加|减少|增长|增收|节约|节省|缩短|压缩|增|减)\d+(?:\.\d+)?(?:万元|元|[%％]|[\u4e00-\u9fff]{1,2})?`;
// (a lone letter between two is a separator the conversion misread: 签约率提高1%X体检率提高2%)
const CHANGES = new RegExp(`^${CHANGE}(?:(?:[,，、;；/／]|[A-Za-z])?${CHANGE})*$`);
/**
 * The word of a change and its number (提高1%, 减少01): no cell ends inside (签约率提|高1%, 提高|1%, 减少0|1万元
 * cut one value).
 */
const CHANGE_WORD = /(?:提高|提升|下降|降低|增加|减少|增长|增收|节约|节省|缩短|压缩)\d+(?:\.\d+)?/g;

/**
 * A date of year and month (2026年12月底, 2025年6月30日), with the 截至 / 截止 it follows: one phrase, never cut
 * (截至 | 2026年 | 12月 would be a name and two values).
 */
const DATE_PHRASE = /(?:截至|截止|截止到|截止至)?\d{4}年\d{1,2}月(?:\d{1,2}日|底|末|初)?/g;

/**
 * Positions in `[from, to]` where no cell may end: inside a change word and its number (see CHANGE_WORD), inside a
 * date phrase (DATE_PHRASE).
 */
function changeWordCuts(text: string, from: number, to: number): Uint8Array {
  const out = new Uint8Array(to - from + 1);
  for (const re of [CHANGE_WORD, DATE_PHRASE]) {
    re.lastIndex = from;
    for (let m = re.exec(text); m && m.index < to; m = re.exec(text))
      for (let k = m.index + 1; k < m.index + m[0].length && k <= to; k++) out[k - from] = 1;
  }
  return out;
}

function valueFit(t: string): number | undefined {
  if (DASH.test(t)) return 0.3;
  if (DATE.test(t)) return 0.6;
  if (CHANGES.test(t)) return 0.8;
  const m = VALUE.exec(t);
  if (m) {
    const unit = m[1]!.replace(/^[(（]|[)）]$/g, "");
    // a unit right after the number is the value's (`0个`), not the start of the next cell
    if (UNITS.has(unit)) return 1;
    if (unit === "") return 0.9;
    if (/^[^\d\s]{1,3}$/.test(unit) && !PUNCT.test(unit)) return 0.2;
    return undefined;
  }
  const n = [...t].length;
  // words ending like a measure's name (…保障率, …比例, …占比) name an indicator, they are no value of one
  if (MEASURE_NAME_END.test(t)) return undefined;
  if (!/\d/.test(t) && /[\u4e00-\u9fffA-Za-z]/.test(t) && n <= 12 && !PUNCT.test(t))
    return n === 1 ? (ANSWER.test(t) ? 0.45 : 0.1) : n <= 4 ? 0.3 : 0.1;
  return undefined;
}

const MEASURE_NAME_END = /(?:率|比例|比率|占比)$/;

/**
 * A value of a text whose cells are spaced (header-run.ts spacedCells) that no value shape reads: a word between
 * spaces (757万平方米养护全覆盖: an amount and what it covers), or a value the row writes again as its actual after
 * the points (及时,整 洁 5.6 及时,整 洁: a target met, its cell wrapped), which is as sure as a number.
 */
function spacedValueFit(text: string, a: number, b: number, from: number, to: number): number | undefined {
  const t = text.slice(a, b);
  if (MEASURE_NAME_END.test(t) || [...t].length > 24) return undefined;
  const after = /^[ \u3000]+[-+]?\d+(?:\.\d+)?[ \u3000]+/.exec(text.slice(b, b + 12))?.[0];
  const before = /[ \u3000]+[-+]?\d+(?:\.\d+)?[ \u3000]+$/.exec(text.slice(Math.max(from, a - 12), a))?.[0];
  const repeated =
    (after !== undefined && text.startsWith(t, b + after.length)) ||
    (before !== undefined && text.slice(Math.max(from, a - before.length - t.length), a - before.length) === t);
  if (repeated && /[\u4e00-\u9fff]/.test(t)) return 0.6;
  const bounded = (a === from || /\s/.test(text[a - 1]!)) && (b === to || /\s/.test(text[b]!));
  return bounded && !/\s/.test(t) && /[\u4e00-\u9fff]/.test(t) ? 0.1 : undefined;
}
/** One-character answers a form writes as a target or an actual (无, 是, 否, 高, 好, 优…). */
const ANSWER = /^[无有是否高低好差优良中]$/;

/**
 * Words in a value column glued to the same words in the next (高高, 合格合格, 按时完成按时完成: the target and the
 * actual, equal), or after them: a word value as sure as a number, which a row may rest on. One character only
 * when it is an answer (ANSWER: 储储 in a name is no pair).
 */
function equalWordPair(text: string, a: number, b: number, kinds: readonly Kind[], j: number): boolean {
  const t = text.slice(a, b);
  const n = b - a;
  if (n > 6 || !/^[\u4e00-\u9fff]+$/.test(t) || MEASURE_NAME_END.test(t)) return false;
  if (n === 1 ? !ANSWER.test(t) : new Set(t).size === 1) return false;
  const value = (k: number) => kinds[k] === "value";
  return (value(j + 1) && text.slice(b, b + n) === t) || (value(j - 1) && text.slice(a - n, a) === t);
}

/**
 * What cutting between two characters of digits costs: glued numbers must be cut (`12.5|12.5`), but each cut is a
 * guess, so no more of them than the columns need; a number starting with 0 after a digit (`10` `0%` from `100%`)
 * is rarely what was written.
 */
function digitCut(before: string, after: string, lead: string | undefined): number {
  if (!/[\d.]/.test(before) || !/[\d.]/.test(after)) return 0;
  // no number starts with 0 and goes on with a digit: after a lone 0 (比例00: 0 and 0) the text is cut already
  if (before === "0" && /\d/.test(after) && !/[\d.]/.test(lead ?? "")) return 0;
  return after === "0" ? 1.6 : 0.8;
}
/** What each filled cell costs (a cut of the glued text). */
const CUT = 0.4;
/** Text cuts cost more: cutting a name in two must not pay. */
const TEXT_CUT = 0.5;
const CODE = /^(≥|≤|=|>|<|＞|＜|≧|≦|＝|定量|定性|定量指标|定性指标|\d{3})$/;
/** A direction under a column of the form's own named …方向 (指标方向): a sign, 正向 / 反向, or 是/否 for a yes-no value. */
const DIRECTION = /^(≥|≤|=|>|<|＞|＜|≧|≦|＝|正向|反向|是\/否|是／否)$/;
const HAN = /[\u4e00-\u9fff]/;
/** Whether a cell `[a, b)` ends at a space between two Han characters (the space in the cell or after it). */
function atWrapSpace(text: string, a: number, b: number): boolean {
  let e = b;
  while (e > a && /[ \u3000]/.test(text[e - 1]!)) e--;
  let k = b;
  while (k < text.length && /[ \u3000]/.test(text[k]!)) k++;
  // one space: a line break (a run of them is something else: the blanked numbering 指标2:, a gap)
  return k - e === 1 && e > a && HAN.test(text[e - 1]!) && HAN.test(text[k] ?? "");
}
const isDigitish = (ch: string | undefined) => ch !== undefined && /[\d.]/.test(ch);

interface Cut {
  rows: GluedRow[];
  end: number;
}

/** The rows of `text[from, to)` under the columns. */
export function gluedRows(
  text: string,
  from: number,
  to: number,
  columns: GluedColumn[],
  opts: { wrapSpaces?: boolean; spacedCells?: boolean } = {},
): Cut {
  const n = columns.length;
  const { kinds, fields } = columnKinds(columns, text, from, to);
  const L = to - from;
  // the first framework name at or after each position
  const nextAnchor = new Int32Array(L + 1).fill(to);
  const anchorEnd = new Int32Array(L + 1).fill(-1);
  const anchorLevel = new Int8Array(L + 1);
  for (let i = L - 1; i >= 0; i--) {
    const a = anchorAt(text, from + i);
    if (a && a.end <= to) {
      anchorEnd[i] = a.end;
      anchorLevel[i] = a.level;
    }
    nextAnchor[i] = a ? from + i : nextAnchor[i + 1]!;
  }

  const noCut = changeWordCuts(text, from, to);
  const inUnit = unitCuts(text, from, to);

  /** A score glued to its weight (`55`, `1010`, `33`): the cut is what the pair asks for when score ≤ weight. */
  const pairsWithWeight = (text_: string, start: number, a: number, t: string, j: number): boolean => {
    if (!PAIRS.has(`${columns[j - 1]?.field}>${columns[j]!.field}`)) return false;
    const w = /(?:0|[1-9]\d*)(?:\.\d+)?$/.exec(text_.slice(Math.max(start, a - 8), a))?.[0];
    const sw = scaled(w);
    const st = scaled(t);
    return sw !== undefined && st !== undefined && st <= sw && sw <= 100n * SCALE;
  };

  /**
   * Two columns of one meaning side by side (one target column per place: 笏石街道办 | 埭头镇) holding the same number
   * glued (`11`, `100%100%`): each place's value, cut in the middle at no cost.
   */
  const sameTwice = (text_: string, start: number, a: number, t: string, j: number): boolean => {
    const [before, here] = [columns[j - 1]?.field, columns[j]!.field];
    if (before === undefined || before !== here) return false;
    return text_.slice(Math.max(start, a - t.length), a) === t && !/[\d.]/.test(text_[a - t.length - 1] ?? "");
  };

  const cellFit = (a: number, b: number, j: number): number | undefined => {
    const raw = text.slice(a, b);
    const t = raw.trim();
    if (t === "" || /^\s/.test(raw)) return undefined;
    const kind = kinds[j]!;
    const field = columns[j]!.field;
    if (kind !== "unit" && inUnit[a - from] === 1) return undefined;
    let f: number | undefined;
    if (kind === "level1" || kind === "level2") {
      const e = anchorEnd[a - from]!;
      if (e < 0 || b < e || text.slice(e, b).trim() !== "") return undefined;
      f = anchorLevel[a - from] === (kind === "level1" ? 1 : 2) ? 2 : undefined;
    } else {
      // no cell but a 一级 / 二级 one holds a framework name
      if (nextAnchor[a - from]! < b) return undefined;
      if (kind === "number") f = numberFit(t, field);
      // where spaces are wrapped cells' line breaks, a value (short) is not wrapped: 成 品 is a name's middle
      else if (kind === "value")
        f =
          opts.wrapSpaces && /[\u4e00-\u9fff][ \u3000]+[\u4e00-\u9fff]/.test(t)
            ? undefined
            : equalWordPair(text, a, b, kinds, j)
              ? 0.6
              : (valueFit(t) ?? (opts.spacedCells ? spacedValueFit(text, a, b, from, to) : undefined));
      else if (kind === "unit") f = UNITS.has(t) ? 1 : /^[^\d\s]{1,3}$/.test(t) && !PUNCT.test(t) ? 0.1 : undefined;
      else if (kind === "code") f = (field === undefined ? DIRECTION : CODE).test(t) ? 1 : undefined;
      else if (kind === "yesno") f = /^[是否]$/.test(t) ? 1 : undefined;
      else {
        // an enumeration comma or an opening bracket joins what follows: no cell ends with one (5000吨稻谷、…)
        if (/^[,，。、;；)）%％]/.test(t) || /[、(（,，]$/.test(t)) return undefined;
        // a row's label holds no figures (其中:2023年财政拨款 holds a year, not 303010100%)
        if (kind === "label" && (/[%％]/.test(t) || /\d{3,}(?!\d*年)/.test(t))) return undefined;
        // free text pays for its cut only by a hair, and a lone character hardly ever is a cell of its own
        f = NUM.test(t.replace(/[%％]$/, "")) ? -0.3 : kind === "span" ? -0.3 : [...t].length === 1 ? 0.1 : 0.45;
        // an explanation glued to the name before it (办公大楼维修次数反映办公大楼…) is cut where it starts
        // (反映, 体现, 衡量…), and two texts are not cut elsewhere between two characters
        const afterText = kind === "text" && j > 0 && kinds[j - 1] === "text" && fields[j] !== "name";
        if (afterText && a > from && /[\u4e00-\u9fff]/.test(text[a - 1]!)) f += EXPLAINS.test(t) ? 0.1 : -0.1;
      }
      if ((kind === "number" || kind === "value") && f !== undefined && a > from)
        f -=
          pairsWithWeight(text, from, a, t, j) || sameTwice(text, from, a, t, j)
            ? 0
            : digitCut(text[a - 1]!, text[a]!, text[a - 2]);
      // a text cell neither starts nor ends inside a number
      if (f !== undefined && (kind === "text" || kind === "label" || kind === "span")) {
        if (isDigitish(text[a]) && a > from && /[\d.%％]/.test(text[a - 1]!)) return undefined;
        if (isDigitish(text[b - 1]) && b < to && /[\d.%％]/.test(text[b]!)) return undefined;
      }
    }
    if (f === undefined) return undefined;
    if (b < to && noCut[b - from] === 1) return undefined;
    // where the header shows that spaces are wrapped cells' line breaks (header-run.ts wrapSpaces), no cell ends
    // at a space between two Han characters (500吨成 品粮储备到位率, 储备粮管理专户管 理率)
    if (opts.wrapSpaces && b < to && atWrapSpace(text, a, b)) return undefined;
    // where the header's names are spaced and its rows glued (header-run.ts spacedCells), a cell ends at a space
    // unless it is its row's last, and holds one only as a wrapped value does (及时,整 洁)
    if (opts.spacedCells) {
      if (b < to && !/\s/.test(text[b]!) && j < n - 1) f -= 1;
      if (/\s/.test(t)) f -= 0.5;
    }
    // a line break inside a cell is possible (a wrapped cell) but rows more often end there
    if (raw.includes("\n")) f -= 0.6;
    // every cut costs: a text is not cut into more cells than its values ask for
    f -= kind === "text" || kind === "label" ? TEXT_CUT : CUT;
    // a cell that ends at punctuation or a space ends where a writer ends one
    if (/[。:：]$/.test(raw) || (b < to && /\s/.test(text[b]!))) f += 0.15;
    return f;
  };

  const lined = text.includes("\n");
  const W = n + 1;
  const idx = (i: number, j: number, v: number) => (i * W + j) * 2 + v;
  const size = (L + 1) * W * 2;
  const best = new Float64Array(size).fill(Number.NEGATIVE_INFINITY);
  const back = new Int32Array(size).fill(-1);
  /** The cell a transition filled: its end (exclusive), or -1 for a skip / row end. */
  const filled = new Int32Array(size).fill(-1);
  const relax = (to_: number, score: number, from_: number, cellEnd: number) => {
    if (score > best[to_]!) {
      best[to_] = score;
      back[to_] = from_;
      filled[to_] = cellEnd;
    }
  };
  best[idx(0, 0, 0)] = 0;
  for (let i = 0; i <= L; i++) {
    // twice: a row that ends at i lets the next one start at i
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < n; j++)
        for (let v = 0; v < 2; v++) {
          const s = idx(i, j, v);
          const cur = best[s]!;
          if (cur === Number.NEGATIVE_INFINITY) continue;
          const kind = kinds[j]!;
          relax(idx(i, j + 1, v), cur + emptyCost(kind, fields[j]), s, -1);
          if (i === L) continue;
          if (/\s/.test(text[from + i]!)) {
            relax(idx(i + 1, j, v), cur, s, -1);
            continue;
          }
          const valueCol = kind === "number" || kind === "value";
          for (let k = i + 1; k <= Math.min(L, i + MAX_LEN[kind]); k++) {
            const f = cellFit(from + i, from + k, j);
            // a row holds a value: a number, or a qualitative value of two characters or more (好, 高 are not alone)
            // …or a 二级 name that the next framework name follows at once: a group the form left empty
            // (经济效益指标 with no indicator under it, before 社会效益指标)
            const emptyGroup =
              kind === "level2" &&
              k < L &&
              nextAnchor[k + (/^\s*/.exec(text.slice(from + k, to))?.[0].length ?? 0)] ===
                from + k + (/^\s*/.exec(text.slice(from + k, to))?.[0].length ?? 0);
            const word = valueCol && (k - i >= 2 || equalWordPair(text, from + i, from + k, kinds, j));
            const holds = (valueCol && (/\d/.test(text.slice(from + i, from + k)) || word)) || emptyGroup ? 1 : v;
            if (f !== undefined) relax(idx(k, j + 1, holds), cur + f, s, from + k);
          }
        }
      // a row ends between cells, never inside a number
      const e = idx(i, n, 1);
      const inNumber = i > 0 && i < L && /[\d.]/.test(text[from + i - 1]!) && /[\d.%％]/.test(text[from + i]!);
      // where the text keeps line breaks, rows end at them
      const midLine = lined && i > 0 && i < L && !/\s/.test(text[from + i - 1]!) && !/\s/.test(text[from + i]!);
      if (best[e]! > Number.NEGATIVE_INFINITY && !inNumber) relax(idx(i, 0, 0), best[e]! - (midLine ? 1 : 0), e, -1);
    }
    // spaces before a row
    if (i < L && /\s/.test(text[from + i]!)) {
      const s = idx(i, 0, 0);
      if (best[s]! > Number.NEGATIVE_INFINITY) relax(idx(i + 1, 0, 0), best[s]!, s, -1);
    }
  }
  // the best end: after a whole row, the rest left over
  let endAt = 0;
  let top = Number.NEGATIVE_INFINITY;
  let rest = 0;
  for (let i = L; i >= 0; i--) {
    if (i < L && !/\s/.test(text[from + i]!)) rest += 0.05;
    const s = best[idx(i, 0, 0)]!;
    if (s - rest > top || (i === 0 && top === Number.NEGATIVE_INFINITY)) {
      top = s - rest;
      endAt = i;
    }
  }
  const rows = backtrack(text, from, endAt, columns, { idx, back, filled, best, W });
  for (const r of rows) resplit(text, r, columns, kinds, rows);
  // the text ends inside its last row when that row leaves empty a number column every row above fills
  let end = from + endAt;
  const last = rows[rows.length - 1];
  if (last && rows.length >= 2 && text.slice(last.end).trim() === "") {
    const above = rows.slice(0, -1);
    const cut = kinds.some((k, j) => k === "number" && last.cells[j] === "" && above.every((r) => r.cells[j] !== ""));
    if (cut) {
      rows.pop();
      end = last.start;
    }
  }
  // names written as bare numbers glued to their values (数量指标88100): cut by what the rows share
  splitNumberNames(
    rows.map((r) => r.cells),
    fields,
  );
  return { rows: rows.map((r) => ({ cells: r.cells, start: r.start, end: r.end, fit: r.fit })), end };
}

interface Built extends GluedRow {
  spans: ([number, number] | undefined)[];
}

function backtrack(
  text: string,
  from: number,
  endAt: number,
  columns: GluedColumn[],
  dp: {
    idx: (i: number, j: number, v: number) => number;
    back: Int32Array;
    filled: Int32Array;
    best: Float64Array;
    W: number;
  },
): Built[] {
  const n = columns.length;
  const decode = (s: number) => {
    const state = Math.floor(s / 2);
    return [Math.floor(state / dp.W), state % dp.W] as const;
  };
  const path: number[] = [];
  for (let s = dp.idx(endAt, 0, 0); s >= 0; s = dp.back[s]!) path.push(s);
  path.reverse();
  const rows: Built[] = [];
  let cur: Built | undefined;
  let startScore = 0;
  for (let t = 1; t < path.length; t++) {
    const p = path[t - 1]!;
    const s = path[t]!;
    const [pi, pj] = decode(p);
    const [i, j] = decode(s);
    if (pj === n && j === 0) {
      if (cur) {
        cur.end = from + i;
        cur.fit = dp.best[s]! - startScore;
        rows.push(cur);
      }
      cur = undefined;
      continue;
    }
    if (j !== pj + 1) continue;
    if (!cur) {
      cur = {
        cells: new Array(n).fill(""),
        spans: new Array(n).fill(undefined),
        start: from + pi,
        end: from + pi,
        fit: 0,
      };
      startScore = dp.best[p]!;
    }
    const e = dp.filled[s]!;
    if (e >= 0) {
      cur.cells[pj] = text.slice(from + pi, e).trim();
      cur.spans[pj] = [from + pi, e];
    }
  }
  return rows;
}

// ---- the arithmetic of a row, for digits glued across columns ----

const SCALE = 10000n;

/** A decimal (`12.5`, `76%`, `310.2万元`) as an integer of ten-thousandths; undefined if not one. */
function scaled(t: string | undefined): bigint | undefined {
  if (t === undefined) return undefined;
  const m = /^(\d+)(?:\.(\d{1,4}))?\s*(?:[%％]|万元|元)?$/.exec(t.trim());
  if (!m) return undefined;
  return BigInt(m[1]!) * SCALE + BigInt((m[2] ?? "").padEnd(4, "0"));
}

const abs = (x: bigint) => (x < 0n ? -x : x);

/** How well a row's numbers agree with each other. */
function consistency(get: (f: ColumnField) => string | undefined): number {
  let c = 0;
  const base = scaled(get("budget")) ?? scaled(get("initial"));
  const executed = scaled(get("executed"));
  const rate = scaled(get("rate"));
  if (base !== undefined && executed !== undefined && rate !== undefined && base > 0n)
    // executed / base × 100 within a point of the rate, and within a twentieth of it: a rate rounded to the point
    // (50% for 50.06%), not tiny amounts that agree by chance (5 | 0.1 | 1% from 50.11%: 2% against 1%)
    c +=
      abs(executed * 100n * SCALE - rate * base) <= base * SCALE &&
      20n * abs(executed * 100n * SCALE - rate * base) <= rate * base
        ? 1.5
        : -1;
  // a rate is executed ÷ budget: with one amount only, cut from the rate's digits (财政拨款103.21% under empty
  // 预算数 / 执行数 read 10 | 3.21%), nothing checks the cut — the digits are more likely the rate alone
  else if (rate !== undefined && (base === undefined) !== (executed === undefined)) c -= 0.5;
  const weight = scaled(get("weight"));
  const score = scaled(get("score"));
  const factor = scaled(get("coefficient")) ?? rate;
  if (weight !== undefined && score !== undefined) {
    c += score <= weight ? 0.5 : -2;
    if (factor !== undefined) {
      const capped = factor > 100n * SCALE ? 100n * SCALE : factor;
      c += abs(score * 100n * SCALE - weight * capped) <= 5n * SCALE * SCALE ? 1 : 0;
    }
  }
  const rw = scaled(get("rateWeight"));
  const rs = scaled(get("rateScore"));
  if (rw !== undefined && rs !== undefined) {
    c += rs <= rw ? 0.5 : -2;
    if (rate !== undefined) c += abs(rs * 100n * SCALE - rw * rate) <= 5n * SCALE * SCALE ? 1 : 0;
  }
  const target = get("target");
  if (target !== undefined && target === get("actual")) c += 0.3;
  return c;
}

interface Assignment {
  parts: (string | undefined)[];
  score: number;
}

/** Every way to cut `s` into numbers placed in some of the columns, in order (the others left empty). */
function assignments(
  s: string,
  fits: ((t: string) => number | undefined)[],
  empty: number[],
  paired: boolean[],
  /** A column of the same meaning as the one before it (one target per place): the same number twice is cut free. */
  same: boolean[] = [],
): Assignment[] {
  const out: Assignment[] = [];
  const parts: (string | undefined)[] = [];
  /** Whether the last piece went to the column before (a score glued to its weight is cut as the pair asks). */
  let filledBefore = false;
  const go = (at: number, k: number, score: number) => {
    if (out.length > 20000 || s.length - at > (fits.length - k) * 14) return;
    if (k === fits.length) {
      if (at === s.length) out.push({ parts: [...parts], score });
      return;
    }
    const was = filledBefore;
    parts.push(undefined);
    filledBefore = false;
    go(at, k + 1, score + empty[k]!);
    parts.pop();
    for (let e = at + 1; e <= Math.min(s.length, at + 14); e++) {
      let f = fits[k]!(s.slice(at, e));
      if (f === undefined) continue;
      // (the run is that number over and over: 11, 111, 100%100%)
      const piece = s.slice(at, e);
      const twice = same[k] && was && parts[k - 1] === piece && s === piece.repeat(s.length / piece.length);
      if (at > 0 && !(paired[k] && was) && !twice) f -= digitCut(s[at - 1]!, s[at]!, s[at - 2]);
      // …and a row fills each place's column: the same number twice outweighs a column's form above (1 under 100%)
      if (twice) f += 1;
      parts.push(s.slice(at, e));
      filledBefore = true;
      go(e, k + 1, score + f - CUT);
      parts.pop();
    }
    filledBefore = was;
  };
  go(0, 0, 0);
  return out;
}

const PURE = /^[\d.]+[%％]?$/;

/**
 * Cuts again the digits a row's number columns share (`310.2154.741050%5`), choosing which of the adjacent number
 * columns they fill and where, by the cells' shapes, the row's arithmetic, and the numbers of the rows above.
 */
function resplit(text: string, row: Built, columns: GluedColumn[], kinds: Kind[], rows: Built[]): void {
  const numericCol = (j: number) => kinds[j] === "number" || kinds[j] === "value";
  const fitOf = (j: number) => (t: string) => {
    const f = columns[j]!.field;
    const fit = kinds[j] === "number" ? numberFit(t, f) : PURE.test(t) ? valueFit(t) : undefined;
    // points are whole or halves far more often than hundredths
    if (fit !== undefined && f && POINTS.has(f) && /\.\d\d$/.test(t)) return fit - 0.3;
    return fit;
  };
  const get = (cells: string[]) => (f: ColumnField) => {
    const j = columns.findIndex((c) => c.field === f);
    return j < 0 || cells[j] === "" ? undefined : cells[j];
  };
  const earlier = rows.slice(0, rows.indexOf(row));
  // an amount met in the rows above (其中 rows repeat their total's amounts); points repeat by chance
  const seen = (j: number, t: string) =>
    AMOUNTS.has(columns[j]!.field as ColumnField) && earlier.some((r) => r.cells[j] === t);
  // a column keeps its form: a rate written with % above is not written without it below
  const pct = (t: string) => /[%％]$/.test(t);
  const unlike = (j: number, t: string) =>
    earlier.some((r) => r.cells[j] !== "" && PURE.test(r.cells[j]!) && pct(r.cells[j]!) !== pct(t)) ? 1 : 0;
  let j = 0;
  while (j < columns.length) {
    if (!numericCol(j)) {
      j++;
      continue;
    }
    // a run of number columns whose filled cells are bare numbers, glued one to the next
    let k = j;
    let lastFilled = -1;
    let firstFilled = -1;
    for (; k < columns.length && numericCol(k); k++) {
      const span = row.spans[k];
      if (!span) continue;
      if (!PURE.test(row.cells[k]!)) break;
      if (lastFilled >= 0 && row.spans[lastFilled]![1] !== span[0]) break;
      if (firstFilled < 0) firstFilled = k;
      lastFilled = k;
    }
    const end = k;
    if (firstFilled >= 0 && end - j >= 2) {
      const cols = Array.from({ length: end - j }, (_, x) => j + x);
      const s = text.slice(row.spans[firstFilled]![0], row.spans[lastFilled]![1]).trimEnd();
      let bestCells = row.cells;
      let bestScore = Number.NEGATIVE_INFINITY;
      for (const a of assignments(
        s,
        cols.map((c) => fitOf(c)),
        cols.map((c) => emptyCost(kinds[c]!, columns[c]!.field)),
        cols.map((c) => PAIRS.has(`${columns[c - 1]?.field}>${columns[c]!.field}`)),
        cols.map((c) => columns[c - 1]?.field !== undefined && columns[c - 1]?.field === columns[c]!.field),
      )) {
        const cells = [...row.cells];
        cols.forEach((c, x) => {
          cells[c] = a.parts[x] ?? "";
        });
        const score =
          a.score +
          consistency(get(cells)) +
          cols.reduce(
            (acc, c) => acc + (cells[c] === "" ? 0 : (seen(c, cells[c]!) ? 1.5 : 0) - unlike(c, cells[c]!)),
            0,
          );
        if (score > bestScore + 1e-9) {
          bestScore = score;
          bestCells = cells;
        }
      }
      row.cells = bestCells;
    }
    j = Math.max(end, j + 1);
  }
}
