/**
 * The key under which the indicator library (指标库) groups third-level indicators: one name written many ways
 * (`培训人数`, `培训人数（人）`, `１、培训 人数`, `培训人数：`) becomes one key, while names that mean different
 * things stay apart — `完成率` and `完成数` are different indicators (a rate and a count), so no ending is ever
 * folded into another.
 *
 * What is removed, in order:
 * - width and compatibility forms (NFKC: `ＡＢＣ１２３％（）` → `ABC123%()`), Latin letters lower-cased;
 * - every kind of space (ASCII, `\u3000`, zero-width, non-breaking);
 * - leading numbering: `1、`, `1.`, `(1)`, `（一）`, `一、`, `①`, and a leading `其中：`;
 * - trailing units and signs: `%`, `‰`, `％`, `（%）`, `(人)`, `（万元）`, `（个/年）` — a bracket at the end holding at
 *   most {@link MAX_TRAILING_BRACKET} characters (a unit or a short note), and a bare `%` / `‰` / `百分比` ending;
 * - punctuation anywhere (`，。、；：:!?“”"'《》【】[]·` and dashes), except the `/` of compound names (`人/次`).
 */

/** The longest bracketed ending taken as a unit or note (`（万元）` is 2, `（个/年）` is 3; a long one is content). */
export const MAX_TRAILING_BRACKET = 6;

const SPACES = /(?:\s|\u3000|\u200b|\u200c|\u200d|\ufeff)+/g;
const LEADING_NUMBERING =
  /^(?:\(?[0-9]{1,3}\)|[0-9]{1,3}[、.．)]|\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}[、.．]|[\u2460-\u2473\u2776-\u277f])+/;
const LEADING_OF_WHICH = /^其中[:：]?/;
const TRAILING_BRACKET = new RegExp(`[(\\[【]([^()\\[\\]【】]{0,${MAX_TRAILING_BRACKET}})[)\\]】]$`);
const TRAILING_SIGN = /(?:%|‰|百分比|百分率)+$/;
const PUNCTUATION = /[,，.。、;；:：!！?？"“”'‘’`《》<>〈〉「」『』·…~～\-—–_=+*＊#|\\]+/g;

/** The library key of an indicator name; `""` when nothing is left (a name of only punctuation or numbering). */
export function normaliseIndicatorName(name: string): string {
  let s = name.normalize("NFKC").replace(SPACES, "").toLowerCase();
  // numbering and 其中 may come in either order (`1、其中：…`, `其中：1.…`)
  for (let i = 0; i < 2; i++) s = s.replace(LEADING_NUMBERING, "").replace(LEADING_OF_WHICH, "");
  // endings: repeat while something comes off (`培训人数（人）%`, `覆盖率(%)。`)
  for (let prev = ""; prev !== s; ) {
    prev = s;
    s = s.replace(/[,，.。、;；:：!！?？]+$/, "");
    s = s.replace(TRAILING_BRACKET, "");
    s = s.replace(TRAILING_SIGN, "");
  }
  return s.replace(PUNCTUATION, "").replace(/[()[\]【】]/g, "");
}
