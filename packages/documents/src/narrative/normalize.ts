/**
 * Narrative text, made comparable without moving a character: every replacement is one UTF-16 unit for one,
 * so an offset in the normalised text is the same offset in the text as written (locations stay exact).
 * Full-width digits and signs become ASCII, 萬/億 become 万/亿, the ideographic and no-break spaces a space.
 */
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

/** Chinese numerals up to 99 (一 … 九十九, 两, 〇) and Arabic digits → a number; undefined otherwise. */
export function readCount(text: string): number | undefined {
  const t = normalizeNarrative(text).trim();
  if (/^\d+$/.test(t)) return Number(t);
  const digit: Record<string, number> = {
    〇: 0,
    零: 0,
    一: 1,
    二: 2,
    两: 2,
    三: 3,
    四: 4,
    五: 5,
    六: 6,
    七: 7,
    八: 8,
    九: 9,
  };
  if (t.length === 1 && t in digit) return digit[t];
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(t);
  if (m) return (m[1] ? digit[m[1]]! : 1) * 10 + (m[2] ? digit[m[2]]! : 0);
  return undefined;
}
