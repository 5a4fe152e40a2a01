/**
 * The script of a text, made the one the vocabulary is written in, before any reading: a document re-published in
 * traditional characters (項目支出績效自評表, 麗江市古城區…) by a third-party site is read as simplified (OpenCC's
 * tw → cn conversion, characters and phrases), and the pinyin glosses such sites insert after some characters
 * (項(xiàng)目, 執(zhí)行) are taken out. Both change letters within lines only, so line numbers stay those of the text.
 * Each change is said in a note; a simplified text without glosses is returned as it is.
 */
import * as OpenCC from "opencc-js/t2cn";
import type { DocumentNote } from "../model/table.ts";

const toSimplified = OpenCC.Converter({ from: "tw", to: "cn" });

/** A gloss: Latin letters with or without tone marks in brackets right after a CJK character. */
const GLOSS = /(?<=[\u3400-\u9fff])[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ]{1,7}[)）]/g;
const TONED = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]/;
const CJK = /[\u3400-\u9fff]/g;

export function normaliseScript(text: string, file: string): { text: string; notes: DocumentNote[] } {
  const notes: DocumentNote[] = [];
  let out = text;
  // glosses only when some carry tone marks: a bracketed code after a name ((A), (ab)) stays
  const glosses = text.match(GLOSS) ?? [];
  if (glosses.filter((g) => TONED.test(g)).length >= 3) {
    out = out.replace(GLOSS, "");
    notes.push({
      text: {
        zh: `文中 ${glosses.length} 处汉字后的拼音注音（如「${glosses[0]}」）已略去`,
        en: `${glosses.length} pinyin glosses after characters (such as "${glosses[0]}") were left out`,
      },
      location: { file },
    });
  }
  const cjk = out.match(CJK)?.length ?? 0;
  if (cjk === 0) return { text: out, notes };
  const simplified = toSimplified(out);
  let changed = 0;
  for (let i = 0; i < out.length && i < simplified.length; i++) if (out[i] !== simplified[i]) changed++;
  // a simplified text has next to nothing to change; a traditional one has many characters
  if (simplified.length === out.length && changed >= 10 && changed * 20 >= cjk) {
    notes.push({
      text: {
        zh: `文本为繁体字（${changed} 个字），已按简体读取`,
        en: `The text is in traditional characters (${changed} characters) and was read as simplified`,
      },
      location: { file },
    });
    return { text: simplified, notes };
  }
  return { text: out, notes };
}
