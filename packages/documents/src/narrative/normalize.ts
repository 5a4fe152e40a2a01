/**
 * Narrative text, made comparable without moving a character: every replacement is one UTF-16 unit for one,
 * so an offset in the normalised text is the same offset in the text as written (locations stay exact).
 * Full-width digits and signs become ASCII, 萬/億 become 万/亿, the ideographic and no-break spaces a space.
 */
import { parseCnInt } from "@jixiao/core";

const ONE_FOR_ONE: Record<string, string> = {
  "．": ".",
  "％": "%",
  萬: "万",
  億: "亿",
  圓: "元",
  "\u3000": " ",
  "\u00a0": " ",
};

const NEEDS = /[\uff10-\uff19．％萬億圓\u3000\u00a0]/g;

export function normalizeNarrative(text: string): string {
  return text.replace(NEEDS, (ch) => {
    const code = ch.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 0x30);
    return ONE_FOR_ONE[ch] ?? ch;
  });
}

/** A count written in Arabic digits or Chinese numerals (一 … 九十九, 两, 〇, 一百二十) → a number; undefined otherwise. */
export function readCount(text: string): number | undefined {
  const t = normalizeNarrative(text).trim();
  if (/^\d+$/.test(t)) return Number(t);
  // core's reading of Chinese numerals (the one the target parser uses); counts in prose stay small
  const n = parseCnInt(t);
  return n !== undefined && n <= 100_000n ? Number(n) : undefined;
}
