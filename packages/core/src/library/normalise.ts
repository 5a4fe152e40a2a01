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
 * - trailing units and signs: `%`, `‰`, `％`, `（%）`, `(人)`, `（万元）`, `（个/年）`, `（单位：人次）` — a bracket at the
 *   end holding a unit (of {@link UNIT_WORDS}, with `万`/`亿`/`千` before or `/…` after), and a bare `%` / `‰` /
 *   `百分比` ending. A bracket of other words is content and stays (`满意度（学员）` and `满意度（群众）` differ);
 * - punctuation anywhere (`，。、；：:!?“”"'《》【】[]·` and dashes), except the `/` of compound names (`人/次`).
 */

/** The longest bracketed ending looked at as a unit (`（万元）` is 2, `（个/年）` is 3; a long one is content). */
export const MAX_TRAILING_BRACKET = 10;

/** Units written in brackets after indicator names (计量单位), longest first within a prefix. */
export const UNIT_WORDS = [
  "%",
  "‰",
  "百分比",
  "百分率",
  "人次",
  "人",
  "名",
  "户",
  "家",
  "个",
  "件",
  "次",
  "场",
  "期",
  "批",
  "项",
  "条",
  "篇",
  "份",
  "册",
  "本",
  "套",
  "台",
  "辆",
  "架",
  "艘",
  "张",
  "座",
  "处",
  "所",
  "起",
  "宗",
  "元",
  "吨",
  "公斤",
  "千克",
  "公里",
  "千米",
  "米",
  "平方米",
  "立方米",
  "亩",
  "公顷",
  "小时",
  "分钟",
  "工作日",
  "个月",
  "天",
  "日",
  "周",
  "月",
  "年",
  "季度",
  "分",
  "课时",
  "学时",
  "班",
  "床",
  "盏",
  "棵",
  "株",
  "块",
  "部",
  "根",
] as const;
const UNIT = `(?:${[...UNIT_WORDS].sort((a, b) => b.length - a.length).join("|")})`;
/** `人`, `万元`, `个/年`, `元/人/天`, `单位：人次`. */
const UNIT_TEXT = new RegExp(`^(?:(?:计量)?单位[:：]?)?[万亿千百]?${UNIT}(?:/${UNIT})*$`);

const SPACES = /(?:\s|\u3000|\u200b|\u200c|\u200d|\ufeff)+/g;
const LEADING_NUMBERING =
  /^(?:\(?[0-9]{1,3}\)|[0-9]{1,3}[、.．)]|\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}[、.．]|[\u2460-\u2473\u2776-\u277f])+/;
const LEADING_OF_WHICH = /^其中[:：]?/;
const TRAILING_BRACKET = new RegExp(`[(\\[【]([^()\\[\\]【】]{0,${MAX_TRAILING_BRACKET}})[)\\]】]$`);
/** The trailing bracket removed when it holds a unit (or nothing). */
const dropUnitBracket = (s: string): string =>
  s.replace(TRAILING_BRACKET, (all, inner: string) => (inner === "" || UNIT_TEXT.test(inner) ? "" : all));
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
    s = dropUnitBracket(s);
    s = s.replace(TRAILING_SIGN, "");
  }
  return s.replace(PUNCTUATION, "").replace(/[()[\]【】]/g, "");
}
