/**
 * Counts of projects stated in sentences — `共开展4个项目`, `实施项目共15个`, `共实施了三个专项项目` — and the names
 * listed after them (`分别是A项目、B项目、C项目`), so that a count that does not match its list can be reported.
 */
import { normalizeNarrative, readCount } from "./normalize.ts";

export interface FoundCount {
  stated: number;
  text: string;
  start: number;
  end: number;
  /** The names listed right after the count (empty when none are listed). */
  names: { name: string; start: number; end: number }[];
}

const N = "(\\d+|[一二两三四五六七八九十]+)";
const COUNT_RE = new RegExp(
  [
    `(?:共|合计|总计|一共)[ \\t]*(?:开展|实施|安排|设置|申报|纳入|涉及|包括|包含|有)?(?:了)?[ \\t]*${N}[ \\t]*个[ \\t]*[\\u4e00-\\u9fff]{0,6}?项目`,
    `(?:开展|实施)(?:了)?[ \\t]*${N}[ \\t]*个[ \\t]*[\\u4e00-\\u9fff]{0,4}?项目`,
    `项目(?:数量|个数)?(?:主要)?(?:共|合计|总计|一共|包括|包含|涉及|有)(?:计|有)?[ \\t]*${N}[ \\t]*个(?![\\u4e00-\\u9fff]{0,4}(?:指标|单位|部门|乡镇|村))`,
    // `涉及项目资金 2609.14 万元，项目 6 个。`: a clause that is only the count
    `(?<=^|[，,；;。\\n])[ \\t]*项目[ \\t]*${N}[ \\t]*个(?=[ \\t]*[。，,；;\\n]|$)`,
  ].join("|"),
  "g",
);

const LIST_LEAD = /^[^。；;\n]{0,30}?(?:分别是|分别为|具体是|具体为|包括|即|为)[ \t]*[：:]?[ \t]*/;

export function findCounts(written: string): FoundCount[] {
  const text = normalizeNarrative(written);
  const out: FoundCount[] = [];
  for (const m of text.matchAll(COUNT_RE)) {
    const n = readCount(m[1] ?? m[2] ?? m[3] ?? m[4] ?? "");
    if (n === undefined) continue;
    const end = m.index + m[0].length;
    const found: FoundCount = { stated: n, text: written.slice(m.index, end), start: m.index, end, names: [] };
    const lead = LIST_LEAD.exec(text.slice(end));
    // `…为2,634.27万元`: an amount after 为 is no list
    if (lead && !/^\d/.test(text.slice(end + lead[0].length))) {
      const listStart = end + lead[0].length;
      let listEnd = listStart;
      while (listEnd < text.length && !/[。；;\n]/.test(text[listEnd]!)) listEnd++;
      let pos = listStart;
      for (const part of text.slice(listStart, listEnd).split("、")) {
        const trimmed = part.trim();
        let at = pos + part.indexOf(trimmed);
        pos += part.length + 1;
        let name = trimmed;
        const pre = /^(?:以及|及|和)/.exec(name);
        if (pre) {
          at += pre[0].length;
          name = name.slice(pre[0].length);
        }
        name = name.replace(/等$/, "");
        if ([...name].length >= 2)
          found.names.push({ name: written.slice(at, at + name.length), start: at, end: at + name.length });
      }
    }
    if (found.names.length === 0) found.names = numberedAfter(text, written, end);
    out.push(found);
  }
  return out;
}

/**
 * Names listed by number after a count, in its sentence or the next one (`…主要包括2个，总支出…。其中：1、“道路交通管理
 * 项目经费”支出为…；2、“其他…项目”支出8.00万元`): items numbered 1, 2, 3 … in order (at least two), each name the
 * quoted words after its number, else the words up to its first money or punctuation word.
 */
function numberedAfter(text: string, written: string, from: number): FoundCount["names"] {
  let end = from;
  for (let stops = 0; end < text.length && end - from < 600; end++) {
    if (/[。\n]/.test(text[end]!) && ++stops === 2) break;
  }
  const region = text.slice(from, end);
  const names: FoundCount["names"] = [];
  const item = /(?<=^|[，,；;。：:\s])[ \t]*(?:[(（](\d{1,2})[)）]|(\d{1,2})[、.．](?!\d))[ \t]*/g;
  for (const m of region.matchAll(item)) {
    const n = Number(m[1] ?? m[2]);
    if (n !== names.length + 1) {
      if (names.length >= 2) break;
      if (n !== 1) continue;
      names.length = 0;
    }
    const at = from + m.index + m[0].length;
    const rest = text.slice(at, end);
    const quoted = /^[“"「]([^”"」]{2,40})[”"」]/.exec(rest);
    const plain = /^([^\s，,；;。：:“”"\d]{2,40}?)(?=支出|预算|资金[\d为共]|[，,；;。：:\d]|$)/.exec(rest);
    const name = quoted?.[1] ?? plain?.[1];
    if (!name) break;
    const start = at + (quoted ? 1 : 0);
    names.push({ name: written.slice(start, start + name.length), start, end: start + name.length });
  }
  return names.length >= 2 ? names : [];
}
