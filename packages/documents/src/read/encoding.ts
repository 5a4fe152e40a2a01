/**
 * Text decoding for files and pastes whose encoding nobody wrote down: UTF-8 (with or without BOM),
 * UTF-16 LE/BE (BOM, or guessed from NUL bytes), and GB18030 (which covers GBK and GB2312) for text that is
 * not valid UTF-8 but is valid GB18030 — what Windows in Chinese writes by default ("ANSI").
 */

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** A byte-order mark was present (and has been removed from `text`). */
  bom: boolean;
  /** Some bytes were invalid in every encoding tried and were replaced with U+FFFD. */
  lossy: boolean;
}

function tryDecode(label: TextEncodingName, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Guess UTF-16 without a BOM from where the NUL bytes fall (ASCII-heavy text has one in every pair). */
function guessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(bytes.length, 8192) & ~1;
  if (n < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  // Many NULs on one side and almost none on the other.
  if (oddNul > pairs * 0.3 && evenNul < pairs * 0.05) return "utf-16le";
  if (evenNul > pairs * 0.3 && oddNul < pairs * 0.05) return "utf-16be";
  return undefined;
}

export function decodeText(input: Uint8Array): DecodedText {
  const bytes = input;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const t = tryDecode("utf-8", bytes.subarray(3));
    return t !== undefined
      ? { text: t, encoding: "utf-8", bom: true, lossy: false }
      : { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8", bom: true, lossy: true };
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const enc = bytes[0] === 0xff ? "utf-16le" : "utf-16be";
    const body = bytes.subarray(2);
    const t = tryDecode(enc, body);
    return t !== undefined
      ? { text: t, encoding: enc, bom: true, lossy: false }
      : { text: new TextDecoder(enc).decode(body), encoding: enc, bom: true, lossy: true };
  }
  const u16 = guessUtf16(bytes);
  if (u16) {
    const t = tryDecode(u16, bytes);
    if (t !== undefined) return { text: t, encoding: u16, bom: false, lossy: false };
  }
  const utf8 = tryDecode("utf-8", bytes);
  const gb = tryDecode("gb18030", bytes);
  // Short GBK text can be valid UTF-8 too ("一" is D2 BB, which UTF-8 reads as Cyrillic "һ"): when the UTF-8
  // reading has no Chinese but letters of other scripts, and the GB18030 reading is plausible Chinese, take it.
  if (utf8 !== undefined && gb !== undefined && !hasCjk(utf8) && hasOtherScripts(utf8) && plausibleChinese(gb))
    return { text: gb, encoding: "gb18030", bom: false, lossy: false };
  if (utf8 !== undefined) return { text: utf8, encoding: "utf-8", bom: false, lossy: false };
  if (gb !== undefined) return { text: gb, encoding: "gb18030", bom: false, lossy: false };
  // Neither: most likely UTF-8 with a few damaged bytes (a cut file); say so through `lossy`.
  const lossyUtf8 = new TextDecoder("utf-8").decode(bytes);
  const lossyGb = new TextDecoder("gb18030").decode(bytes);
  const bad = (s: string) => s.split("\ufffd").length - 1;
  return bad(lossyGb) < bad(lossyUtf8)
    ? { text: lossyGb, encoding: "gb18030", bom: false, lossy: true }
    : { text: lossyUtf8, encoding: "utf-8", bom: false, lossy: true };
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

function hasCjk(s: string): boolean {
  return CJK.test(s);
}

/** Letters from the two-byte UTF-8 range beyond Latin-1 (Greek, Cyrillic, Hebrew, Arabic…). */
function hasOtherScripts(s: string): boolean {
  return /[\u0100-\u07ff]/.test(s);
}

/** Mostly ASCII and Chinese characters / punctuation, with at least one Chinese character. */
function plausibleChinese(s: string): boolean {
  if (!hasCjk(s)) return false;
  let ok = 0;
  let n = 0;
  for (const ch of s) {
    n++;
    const c = ch.codePointAt(0)!;
    if (c < 0x80 || CJK.test(ch) || (c >= 0x2010 && c <= 0x2312) || c === 0xb7 || c === 0xd7 || c === 0xf7) ok++;
  }
  return ok >= n * 0.9;
}

/** Whether decoded text looks like a binary file misread as text (control characters, NULs). */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 8192);
  if (n === 0) return false;
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) ctrl++;
  }
  return ctrl > n * 0.05;
}
