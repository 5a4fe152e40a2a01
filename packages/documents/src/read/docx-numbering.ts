/**
 * Word's automatic numbering ("一、", "1.", "（1）", "①"): the text a reader sees but that is not in the runs.
 * Chinese government documents number their headings and list items this way, and importers use those
 * numbers, so the reader puts them back in front of the paragraph text.
 *
 * Supported: `w:numPr` on the paragraph (numId + ilvl) or inherited from its paragraph style (through
 * `w:basedOn`, as heading styles linked to a multilevel list do), abstract numbering levels with start, numFmt
 * and lvlText, `w:startOverride`, restarting lower levels. Bullets are left out (symbol-font glyphs, not text).
 */
import { childElements, firstChild, parseXmlTree, type XmlElement } from "./xml.ts";

interface Level {
  start: number;
  format: string;
  text: string;
  /** What follows the label: Word's default is a tab, read here as nothing; "space" gives a space. */
  suffix: string;
}

export class Numbering {
  private readonly abstracts = new Map<string, Map<number, Level>>();
  private readonly nums = new Map<string, { abstractId: string; starts: Map<number, number> }>();
  /**
   * Counters per abstract numbering (lists sharing an abstract definition count together), or per list when
   * the list restarts its numbering with a start override.
   */
  private readonly counters = new Map<string, number[]>();

  /** Paragraph style id → its own numPr (numId / ilvl, either may be absent) and the style it is based on. */
  private readonly styles = new Map<string, { numId?: string; ilvl?: string; basedOn?: string }>();

  constructor(xml: string | undefined, nsMap: Record<string, string>, location: { file: string }, stylesXml?: string) {
    if (stylesXml) this.readStyles(stylesXml, nsMap, location);
    if (!xml) return;
    const root = parseXmlTree(xml, { nsMap, location: { ...location, path: "word/numbering.xml" } });
    const numbering = firstChild(root, "w:numbering");
    if (!numbering) return;
    for (const a of childElements(numbering, "w:abstractNum")) {
      const levels = new Map<number, Level>();
      for (const l of childElements(a, "w:lvl")) {
        const ilvl = Number(l.attrs["w:ilvl"] ?? 0);
        levels.set(ilvl, {
          start: Number(val(firstChild(l, "w:start")) ?? 1),
          format: val(firstChild(l, "w:numFmt")) ?? "decimal",
          text: val(firstChild(l, "w:lvlText")) ?? "",
          suffix: val(firstChild(l, "w:suff")) === "space" ? " " : "",
        });
      }
      this.abstracts.set(a.attrs["w:abstractNumId"] ?? "", levels);
    }
    for (const n of childElements(numbering, "w:num")) {
      const abstractId = val(firstChild(n, "w:abstractNumId")) ?? "";
      const starts = new Map<number, number>();
      for (const o of childElements(n, "w:lvlOverride")) {
        const s = val(firstChild(o, "w:startOverride"));
        if (s !== undefined) starts.set(Number(o.attrs["w:ilvl"] ?? 0), Number(s));
      }
      this.nums.set(n.attrs["w:numId"] ?? "", { abstractId, starts });
    }
  }

  private readStyles(xml: string, nsMap: Record<string, string>, location: { file: string }): void {
    const root = parseXmlTree(xml, { nsMap, location: { ...location, path: "word/styles.xml" } });
    const styles = firstChild(root, "w:styles");
    if (!styles) return;
    for (const st of childElements(styles, "w:style")) {
      if (st.attrs["w:type"] !== "paragraph" || !st.attrs["w:styleId"]) continue;
      const pPr = firstChild(st, "w:pPr");
      const numPr = pPr && firstChild(pPr, "w:numPr");
      this.styles.set(st.attrs["w:styleId"], {
        numId: numPr && val(firstChild(numPr, "w:numId")),
        ilvl: numPr && val(firstChild(numPr, "w:ilvl")),
        basedOn: val(firstChild(st, "w:basedOn")),
      });
    }
  }

  /** numId / ilvl from a paragraph style and the styles it is based on (nearest wins). */
  private fromStyle(styleId: string | undefined): { numId?: string; ilvl?: string } {
    const out: { numId?: string; ilvl?: string } = {};
    const seen = new Set<string>();
    for (let id = styleId; id && !seen.has(id) && seen.size < 50; ) {
      seen.add(id);
      const st = this.styles.get(id);
      if (!st) break;
      out.numId ??= st.numId;
      out.ilvl ??= st.ilvl;
      id = st.basedOn;
    }
    return out;
  }

  /** The label of a numbered paragraph ("一、", "1.") advancing the counters; "" when it has none. */
  label(p: XmlElement): string {
    const pPr = firstChild(p, "w:pPr");
    const numPr = pPr && firstChild(pPr, "w:numPr");
    const styled = this.styles.size ? this.fromStyle(val(pPr && firstChild(pPr, "w:pStyle"))) : {};
    const numId = (numPr && val(firstChild(numPr, "w:numId"))) ?? styled.numId;
    const ilvl = Number((numPr && val(firstChild(numPr, "w:ilvl"))) ?? styled.ilvl ?? 0);
    if (numId === undefined || numId === "0" || !Number.isInteger(ilvl) || ilvl < 0 || ilvl > 8) return "";
    const num = this.nums.get(numId);
    const levels = num && this.abstracts.get(num.abstractId);
    const level = levels?.get(ilvl);
    if (!num || !levels || !level) return "";
    const startOf = (l: number) => num.starts.get(l) ?? levels.get(l)?.start ?? 1;
    const key = num.starts.size > 0 ? `num:${numId}` : `abstract:${num.abstractId}`;
    let counters = this.counters.get(key);
    if (!counters) {
      counters = [];
      this.counters.set(key, counters);
    }
    counters[ilvl] = counters[ilvl] === undefined ? startOf(ilvl) : counters[ilvl]! + 1;
    counters.length = ilvl + 1; // lower levels restart
    if (level.format === "bullet" || level.format === "none") return "";
    const label = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const l = Number(d) - 1;
      const value = counters[l] ?? startOf(l);
      return formatNumber(value, levels.get(l)?.format ?? "decimal");
    });
    return label ? label + level.suffix : "";
  }
}

function val(el: XmlElement | undefined): string | undefined {
  return el?.attrs["w:val"];
}

const CN_DIGITS = "零一二三四五六七八九";
const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
const TIANGAN = "甲乙丙丁戊己庚辛壬癸";
const DIZHI = "子丑寅卯辰巳午未申酉戌亥";

/** 1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 105 → 一百零五 (up to 9999, then digits). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  if (n < 10) return CN_DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? CN_DIGITS[n % 10] : ""}`;
  const units = ["", "十", "百", "千"];
  const digits = String(n).split("").map(Number);
  let out = "";
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i]!;
    if (d === 0) zero = true;
    else {
      if (zero && out) out += "零";
      zero = false;
      out += CN_DIGITS[d]! + unit;
    }
  });
  return out;
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: Array<[number, string]> = [
    [1000, "M"],
    [900, "CM"],
    [500, "D"],
    [400, "CD"],
    [100, "C"],
    [90, "XC"],
    [50, "L"],
    [40, "XL"],
    [10, "X"],
    [9, "IX"],
    [5, "V"],
    [4, "IV"],
    [1, "I"],
  ];
  let out = "";
  for (const [v, s] of table)
    while (n >= v) {
      out += s;
      n -= v;
    }
  return out;
}

function letters(n: number): string {
  // Word repeats the letter: a … z, aa … zz.
  if (n <= 0) return String(n);
  const ch = String.fromCharCode(65 + ((n - 1) % 26));
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}

export function formatNumber(n: number, format: string): string {
  switch (format) {
    case "chineseCounting":
    case "chineseCountingThousand":
    case "chineseLegalSimplified":
    case "japaneseCounting":
    case "taiwaneseCounting":
    case "taiwaneseCountingThousand":
      return chineseNumber(n);
    case "ideographTraditional":
      return TIANGAN[(n - 1) % 10] ?? String(n);
    case "ideographZodiac":
      return DIZHI[(n - 1) % 12] ?? String(n);
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
      return n >= 1 && n <= 20 ? CIRCLED[n - 1]! : String(n);
    case "decimalFullWidth":
    case "decimalFullWidth2":
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case "decimalZero":
      return n < 10 ? `0${n}` : String(n);
    case "upperLetter":
      return letters(n);
    case "lowerLetter":
      return letters(n).toLowerCase();
    case "upperRoman":
      return roman(n);
    case "lowerRoman":
      return roman(n).toLowerCase();
    default:
      return String(n);
  }
}
