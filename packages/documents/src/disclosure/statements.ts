/**
 * The 政府采购 and 国有资产占用 statements of a 部门预算 / 部门决算 情况说明, read sentence by sentence:
 *
 * - 政府采购: `政府采购支出总额120.00万元，其中：政府采购货物支出80.00万元、政府采购工程支出0万元、政府采购服务支出40.00万元。
 *   授予中小企业合同金额100.00万元，占政府采购支出总额的83.33%，其中：授予小微企业合同金额60.00万元，占授予中小企业合同金额
 *   的60.00%` (a 预算: `政府采购预算总额…，其中货物类…、服务类…`). Each amount is named by the words of its clause.
 * - 国有资产: `截至2022年12月31日，本部门共有车辆35辆，其中：机要通信用车2辆、应急保障用车3辆、执法执勤用车30辆`, and
 *   `国有资产总额为853.46万元`.
 *
 * Only the first statement of each kind is kept (the section a template gives it); amounts are exact (fen).
 */
import type { Amount, DisclosureAssets, DisclosureProcurement, ImportLocation } from "@jixiao/core/model";
import { fenToYuanText } from "../import/values.ts";
import { findAmounts, findPercents, locate, type Passage } from "../narrative/index.ts";
import { normalizeNarrative, readCount } from "../narrative/normalize.ts";

export interface Statements {
  procurement?: DisclosureProcurement;
  assets?: DisclosureAssets;
}

/** The sentences of the passage: [start, end) offsets, ended by 。；; or a line break. */
function sentences(text: string): [number, number][] {
  const out: [number, number][] = [];
  let s = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || /[。；;\n]/.test(text[i]!)) {
      if (i > s) out.push([s, i]);
      s = i + 1;
    }
  }
  return out;
}

const CLAUSE_END = /[，,；;。：:！？\n、]/;

function clauseBefore(text: string, at: number, from: number): string {
  let i = at - 1;
  while (i >= from && !CLAUSE_END.test(text[i]!)) i--;
  return text.slice(Math.max(i + 1, from), at);
}

function amountOf(a: ReturnType<typeof findAmounts>[number]): Amount | undefined {
  if (a.fen === undefined || a.approximate) return undefined;
  const unit = a.unit === "元" ? "元" : "万元";
  if (a.unit !== "元" && a.unit !== "万元") return undefined;
  return { text: a.text, unit, fen: a.fen.toString(), yuan: fenToYuanText(a.fen) };
}

type ProcurementPart = "total" | "goods" | "works" | "services" | "sme" | "small";

function procurementPart(clause: string): ProcurementPart | undefined {
  const c = clause.replace(/[\s\u3000]+/g, "");
  if (/小微企业/.test(c)) return "small";
  if (/中小企业/.test(c)) return "sme";
  if (/货物/.test(c)) return "goods";
  if (/工程/.test(c)) return "works";
  if (/服务/.test(c)) return "services";
  if (/政府采购|采购(支出|预算|合同)?(总额|合计|总计|金额|共计)/.test(c)) return "total";
  return undefined;
}

function readProcurement(passage: Passage, touch: (l: ImportLocation) => void): DisclosureProcurement | undefined {
  const text = passage.text;
  const norm = normalizeNarrative(text);
  let out: DisclosureProcurement | undefined;
  // the statement runs from the first sentence naming 政府采购 with an amount to the next one without either
  for (const [s, e] of sentences(norm)) {
    const sentence = norm.slice(s, e);
    const about = /政府采购|中小企业|小微企业/.test(sentence);
    if (!about) {
      if (out) break;
      continue;
    }
    const amounts = findAmounts(text.slice(s, e)).map((a) => ({ ...a, start: a.start + s, end: a.end + s }));
    if (amounts.length === 0) {
      if (out) break;
      continue;
    }
    if (!out) out = { text: text.slice(s, e).trim(), location: locate(passage, s, "narrative") };
    else out.text = `${out.text}。${text.slice(s, e).trim()}`;
    const percents = findPercents(text.slice(s, e)).map((p) => ({ ...p, start: p.start + s }));
    for (const a of amounts) {
      const amount = amountOf(a);
      if (!amount) continue;
      const part = procurementPart(clauseBefore(norm, a.start, s));
      if (!part || out[part]) continue;
      const location = locate(passage, a.start, "narrative");
      touch(location);
      // a share stated right after the amount, in its clause group (`，占政府采购支出总额的83.33%`)
      const next = amounts.find((x) => x.start > a.start)?.start ?? e;
      const pct = percents.find((p) => p.start > a.start && p.start < next);
      if (part === "sme") {
        out.sme = { amount, location };
        if (pct) out.sme.percent = { text: pct.text, percent: pct.percent };
      } else if (part === "small") {
        const lead = pct ? norm.slice(a.end, pct.start) : "";
        out.small = { amount, location, of: /中小企业/.test(lead) ? "sme" : "total" };
        if (pct) out.small.percent = { text: pct.text, percent: pct.percent };
      } else out[part] = { amount, location };
    }
  }
  return out;
}

const VEHICLE_TOTAL =
  /(?:共有|共计|拥有|现有|实有|保有)?[^，,。；;：:\n]{0,8}?(?:车辆|公务用车|机动车)(?:共|总数|合计|数量|保有量|实有数)?(?:为|有|计)?\s*(\d+|[一二两三四五六七八九十百]+)\s*(?:辆|台)/;
const VEHICLE_PART =
  /([\u4e00-\u9fff（）()]{2,16}?(?:用车|车辆|用途车|专用车))\s*(\d+|[一二两三四五六七八九十百零〇]+)\s*(?:辆|台)/g;
const ASSET_TOTAL = /(?:国有)?资产总额(?:为|是|共计|合计)?[：:]?\s*$/;

function readAssets(passage: Passage, touch: (l: ImportLocation) => void): DisclosureAssets | undefined {
  const text = passage.text;
  const norm = normalizeNarrative(text);
  let out: DisclosureAssets | undefined;
  const start = (s: number, e: number) => {
    out ??= { text: text.slice(s, e).trim(), location: locate(passage, s, "narrative"), vehicleParts: [] };
    return out;
  };
  for (const [s, e] of sentences(norm)) {
    const sentence = norm.slice(s, e);
    if (!out?.total) {
      for (const a of findAmounts(text.slice(s, e))) {
        const at = a.start + s;
        if (!ASSET_TOTAL.test(norm.slice(s, at))) continue;
        const amount = amountOf(a);
        if (!amount) continue;
        const o = start(s, e);
        o.total = { amount, location: locate(passage, at, "narrative") };
        touch(o.total.location);
        break;
      }
    }
    if (out?.vehicles) continue;
    // `共有车辆35辆，其中：…用车2辆、…`: the total, then the parts after 其中
    const m = VEHICLE_TOTAL.exec(sentence);
    if (!m || !/车辆|用车/.test(sentence) || /购置|运行|维护|费/.test(sentence.slice(0, m.index + m[0].length)))
      continue;
    const count = readCount(m[1]!);
    if (count === undefined) continue;
    const o = start(s, e);
    if (o.text !== text.slice(s, e).trim()) o.text = `${o.text}。${text.slice(s, e).trim()}`;
    const at = s + m.index;
    o.vehicles = { label: m[0].trim(), count, location: locate(passage, at, "narrative") };
    touch(o.vehicles.location);
    const rest = sentence.slice(m.index + m[0].length);
    const other = /其中/.exec(rest);
    if (!other) continue;
    // the list after 其中, up to the equipment or the end of the sentence
    const listFrom = m.index + m[0].length + other.index;
    const list = sentence.slice(listFrom).split(/单位价值|单价|通用设备|专用设备|房屋|土地/)[0]!;
    for (const p of list.matchAll(VEHICLE_PART)) {
      const n = readCount(p[2]!);
      if (n === undefined) continue;
      const label = p[1]!.replace(/^(其中|包括|分别为|分别是)[：:]?/, "");
      o.vehicleParts.push({ label, count: n, location: locate(passage, s + listFrom + p.index, "narrative") });
    }
  }
  return out;
}

export function readStatements(passage: Passage, touch: (l: ImportLocation) => void): Statements {
  const out: Statements = {};
  const procurement = readProcurement(passage, touch);
  if (procurement) out.procurement = procurement;
  const assets = readAssets(passage, touch);
  if (assets) out.assets = assets;
  return out;
}
