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
    `项目(?:数量|个数)?(?:共|合计|总计|一共)(?:计|有)?[ \\t]*${N}[ \\t]*个`,
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
    if (lead) {
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
    out.push(found);
  }
  return out;
}
