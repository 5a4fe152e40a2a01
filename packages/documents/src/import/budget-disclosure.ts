/**
 * 部门预算信息公开 (seed 001): the explanatory text in sections 一、…九、 (duties, units, income and spending
 * overview with the prior year, 机关运行经费, "三公"经费 with year-on-year changes, goal tables, 政府采购,
 * 国有资产, terms, other notes) and its tables (units, goal tables — read by the duty-activity recogniser —
 * procurement, fixed assets).
 */
import { decimal } from "@jixiao/core";
import type { Amount, Disclosure, ImportLocation } from "@jixiao/core/model";
import type { Block, Table } from "../model/table.ts";
import { cell, type ImportContext, isEmptyRow, norm, tidy, unitIn, yearIn } from "./context.ts";
import { isDutyActivityTable } from "./duty-activity.ts";
import { fenOf, fenToWanYuanText, fenToYuanText, readNumber } from "./values.ts";

type ProcurementTable = Disclosure["procurement"][number];
type AssetTable = Disclosure["assets"][number];

const SECTION = /^([一二三四五六七八九十]+)、/;
const MONEY = "(\\d+(?:\\.\\d+)?)\\s*(万元|元)";

export function looksLikeDisclosure(blocks: Block[]): boolean {
  const text = blocks
    .filter((b) => b.type === "paragraph")
    .map((b) => (b as { text: string }).text)
    .join("\n");
  const signs = [/预算信息公开|预算公开/, /三公.{0,2}经费/, /政府采购/, /国有资产/, /机关运行经费/];
  return signs.filter((s) => s.test(text)).length >= 3;
}

export function readDisclosure(ctx: ImportContext, blocks: Block[]): Disclosure {
  const paragraphs = blocks.flatMap((b) => (b.type === "paragraph" ? [b] : []));
  const result: Disclosure = {
    duties: [],
    units: [],
    procurementStated: [],
    procurement: [],
    assetsStated: [],
    assets: [],
    sections: [],
  };
  const title = paragraphs[0];
  if (title) {
    result.title = title.text;
    const m = /^(.+?)(\d{4})\s*年/.exec(title.text);
    if (m) result.organisation = m[1]!.trim();
    result.year = yearIn(title.text);
  }

  // Sections by heading, and each block's section.
  let current: { heading: string; paragraphs: string[] } | undefined;
  const sectionOf = new Map<Block, string>();
  for (const b of blocks) {
    if (b.type === "paragraph" && SECTION.test(b.text)) {
      current = { heading: b.text, paragraphs: [] };
      result.sections.push(current);
    } else if (b.type === "paragraph" && current) {
      current.paragraphs.push(b.text);
    }
    if (current) sectionOf.set(b, current.heading);
  }
  const sectionText = (re: RegExp) => {
    const s = result.sections.find((x) => re.test(x.heading));
    return s ? { text: [s.heading, ...s.paragraphs].join("\n"), heading: s.heading } : undefined;
  };
  const lineOf = (needle: string): ImportLocation => {
    const p = paragraphs.find((x) => x.text.includes(needle));
    return ctx.line(p?.location.row);
  };
  const money = (value: string, unit: string, loc: ImportLocation): Amount =>
    ctx.amount(value, unit === "元" ? "元" : "万元", loc);

  // 部门职责: `1、打击防范违法犯罪：…`.
  for (const p of paragraphs) {
    const m = /^(\d+)[、.．]\s*([^：:]{1,30})[：:](.*)$/.exec(p.text);
    if (m && sectionOf.get(p)?.startsWith("一"))
      result.duties.push({ number: m[1]!, name: m[2]!.trim(), text: p.text });
  }

  // Overview: `收入共计5909万元，其中人员经费2766万元，…` and the prior year.
  const overview = sectionText(/预算安排总体情况|收支.*总体情况|总体情况/);
  if (overview) {
    const loc = lineOf(overview.text.split("\n")[1] ?? overview.heading);
    const o: NonNullable<Disclosure["overview"]> = { text: overview.text, parts: [], comparisons: [] };
    const total = new RegExp(`(?:收入|预算)(?:共计|合计|总计|总额为?)${MONEY}`).exec(overview.text);
    if (total) o.total = money(total[1]!, total[2]!, loc);
    const partsText = /其中([^。]*)/.exec(overview.text.slice(total ? total.index : 0));
    if (partsText) {
      for (const m of partsText[1]!.matchAll(new RegExp(`([^，,；;]+?)${MONEY}`, "g"))) {
        const label = m[1]!.replace(/^(其中|包括)/, "").trim();
        o.parts.push({ label, amount: money(m[2]!, m[3]!, loc) });
      }
    }
    const prior = new RegExp(`(\\d{4})年预算为${MONEY}`).exec(overview.text);
    if (prior) o.priorYearTotal = money(prior[2]!, prior[3]!, loc);
    const byItem = new Map<string, { year: number; amount: Amount }[]>();
    let lastItem = "";
    for (const m of overview.text.matchAll(
      new RegExp(`([\\u4e00-\\u9fa5]{2,12})?(\\d{4})年([\\u4e00-\\u9fa5]{0,10}?)为${MONEY}`, "g"),
    )) {
      const named = (m[3] || (m[1] ?? "")).replace(/^(主要是|其中|包括|与上年相比)/, "");
      const item = named !== "" ? named : lastItem;
      lastItem = item;
      const amount = money(m[4]!, m[5]!, loc);
      if (!byItem.has(item)) byItem.set(item, []);
      byItem.get(item)!.push({ year: Number(m[2]), amount });
    }
    for (const [item, values] of byItem) o.comparisons.push({ item, values });
    result.overview = o;
    checkParts(
      ctx,
      o.total,
      o.parts.map((p) => p.amount),
      "收入共计",
      "the stated income total",
      loc,
    );
  }

  // 机关运行经费.
  const running = sectionText(/机关运行经费/);
  if (running) {
    const m = new RegExp(`(?:公用经费|运行经费)${MONEY}`).exec(running.text);
    result.runningCosts = { text: running.text };
    if (m) result.runningCosts.amount = money(m[1]!, m[2]!, lineOf(m[0]));
  }

  // "三公"经费.
  const three = sectionText(/三公/);
  if (three) {
    const t = three.text;
    const tp: NonNullable<Disclosure["threePublic"]> = { text: t, changes: [] };
    const grab = (re: string) => {
      const m = new RegExp(`${re}${MONEY}`).exec(t);
      return m ? money(m[1]!, m[2]!, lineOf(m[0])) : undefined;
    };
    tp.total = grab("经费预算安排");
    tp.abroad = grab("因公出国[（(]境[)）]费");
    tp.vehicles = grab("公务用车购置及运[行维]*[护费]*费?");
    tp.vehicleOperation = grab("公务用车运行(?:维护)?费");
    tp.vehiclePurchase = grab("(?:车辆|公务用车)购置费");
    tp.reception = grab("公务接待费");
    // Changes: `…比去年增加7.37万元，增加原因是…；公务接待费1.31万元，比去年减少0.09万元，减少原因节省开支。`
    const items: [string, RegExp][] = [
      ["因公出国（境）费", /因公出国/],
      ["公务用车购置及运维费", /公务用车/],
      ["公务接待费", /公务接待/],
    ];
    for (const m of t.matchAll(
      new RegExp(`比(?:去年|上年)(增加|减少)${MONEY}[，,]?\\s*(?:增加|减少)?原因(?:是|为|主要是)?([^；;。]*)`, "g"),
    )) {
      const before = t.slice(0, m.index);
      let item = "";
      let at = -1;
      for (const [name, re] of items) {
        const idx = lastIndex(before, re);
        if (idx > at) {
          at = idx;
          item = name;
        }
      }
      const change: NonNullable<Disclosure["threePublic"]>["changes"][number] = {
        item,
        direction: m[1] as "增加" | "减少",
        amount: money(m[2]!, m[3]!, lineOf(m[0])),
      };
      const reason = m[4]?.trim();
      if (reason) change.reason = reason;
      tp.changes.push(change);
    }
    result.threePublic = tp;
    const loc = lineOf("三公");
    checkParts(ctx, tp.total, [tp.abroad, tp.vehicles, tp.reception], "“三公”经费", "The 三公 total", loc);
    checkParts(
      ctx,
      tp.vehicles,
      [tp.vehicleOperation, tp.vehiclePurchase],
      "公务用车购置及运维费",
      "vehicle costs",
      loc,
    );
  }

  // Stated procurement and asset figures in the text.
  for (const p of paragraphs) {
    for (const m of p.text.matchAll(new RegExp(`([^，,。；;：:]*?政府采购预算(?:金额)?)为?${MONEY}`, "g"))) {
      const label = m[1]!.replace(/^[、，,\s]+/, "").trim();
      if (!result.procurementStated.some((s) => s.label === label))
        result.procurementStated.push({ label, amount: money(m[2]!, m[3]!, ctx.line(p.location.row)) });
    }
    for (const m of p.text.matchAll(
      new RegExp(`([^，,。；;]*?(?:国有资产总额|拟购置(?:国有)?资产(?:情况)?))为?[：:]?${MONEY}`, "g"),
    )) {
      result.assetsStated.push({ label: m[1]!.trim(), amount: money(m[2]!, m[3]!, ctx.line(p.location.row)) });
    }
  }

  // Tables. `heading`: the unit a procurement title line names since the previous table.
  let heading: string | undefined;
  for (const b of blocks) {
    if (b.type === "paragraph") {
      const m = SECTION.test(b.text) ? null : PROCUREMENT_TITLE.exec(b.text.trim());
      if (m) heading = m[1]!.trim();
      continue;
    }
    if (b.type !== "table") continue;
    const t = b.table;
    const above = heading;
    heading = undefined;
    if (isDutyActivityTable(t)) continue;
    if (isUnitsTable(t)) readUnits(ctx, t, result);
    else if (tableHasText(t, "政府采购项目来源"))
      result.procurement.push(withUnit(readProcurementBySource(ctx, t), above));
    else if (tableHasText(t, "装备名称和型号") || tableHasText(t, "采购物品名称"))
      result.procurement.push(withUnit(readProcurementList(ctx, t), above));
    else if (t.rows.some((row) => row.some((c) => /资产总额/.test(c.text)))) result.assets.push(readAssets(ctx, t));
    else
      for (let r = 0; r < t.rows.length; r++) ctx.unmappedRow(t, r, { zh: "未识别的表格", en: "table not recognised" });
  }
  checkStated(ctx, result);
  return result;
}

/**
 * A procurement table that does not name its unit (no `…小计` line) takes the unit its title line names:
 * `交警政府采购预算情况` → `交警`, as written (the server matches it against the document's units).
 */
const PROCUREMENT_TITLE = /^(.{1,20}?)(?:\d{4}年)?(?:安排)?政府采购预算(?:情况|表)?[:：]?$/;
function withUnit(p: ProcurementTable, unit: string | undefined): ProcurementTable {
  if (!p.organisation && unit) p.organisation = unit;
  return p;
}

function lastIndex(s: string, re: RegExp): number {
  let at = -1;
  for (const m of s.matchAll(new RegExp(re.source, "g"))) at = m.index;
  return at;
}

function tableHasText(t: Table, text: string): boolean {
  return t.rows.some((row) => row.some((c) => norm(c.text) === norm(text)));
}

function isUnitsTable(t: Table): boolean {
  return tableHasText(t, "单位名称") && (tableHasText(t, "单位性质") || tableHasText(t, "经费保障形式"));
}

function readUnits(ctx: ImportContext, t: Table, result: Disclosure): void {
  const header = t.rows.findIndex((row) => row.some((c) => norm(c.text) === "单位名称"));
  const heads = t.rows[header]!.map((c) => norm(c.text));
  const col = (name: string) => heads.indexOf(name);
  for (let r = header + 1; r < t.rows.length; r++) {
    if (isEmptyRow(t, r)) continue;
    const name = tidy(cell(t, r, col("单位名称")));
    if (name === "") {
      ctx.unmappedRow(t, r);
      continue;
    }
    const unit: Disclosure["units"][number] = { name, location: ctx.at(t, r) };
    const nature = tidy(cell(t, r, col("单位性质")));
    const rank = tidy(cell(t, r, col("单位规格")));
    const funding = tidy(cell(t, r, col("经费保障形式")));
    if (nature) unit.nature = nature;
    if (rank) unit.rank = rank;
    if (funding) unit.fundingForm = funding;
    result.units.push(unit);
  }
}

/**
 * 政府采购预算表 by source (14 columns under three header rows): 项目名称 | 预算资金 | 采购物品名称 | 政府采购目录序号 |
 * 数量单位 | 数量 | 单价 | 总计 | 当年部门预算安排资金: 合计, 一般公共预算拨款, 基金预算拨款, 财政专户核拨, 其他来源收入 |
 * 其他渠道资金. Amounts in 万元 (the text's totals say so).
 */
const BY_SOURCE = [
  "project",
  "projectBudget",
  "item",
  "catalog",
  "quantityUnit",
  "quantity",
  "unitPrice",
  "amount",
  "当年部门预算安排资金合计",
  "一般公共预算拨款",
  "基金预算拨款",
  "财政专户核拨",
  "其他来源收入",
  "其他渠道资金",
] as const;

function readProcurementBySource(ctx: ImportContext, t: Table): ProcurementTable {
  const result: ProcurementTable = { totals: [], lines: [], location: ctx.at(t) };
  const headerEnd = t.rows.findIndex((row) => row.some((c) => norm(c.text) === "一般公共预算拨款"));
  const width = t.rows[0]?.length ?? 0;
  if (headerEnd < 0 || width !== BY_SOURCE.length) {
    ctx.report(
      "warning",
      "unknown_layout",
      `政府采购表的列数为 ${width}，预期 ${BY_SOURCE.length} 列（项目名称、预算资金、采购物品名称、政府采购目录序号、数量单位、数量、单价、总计、当年部门预算安排资金…、其他渠道资金）`,
      `Procurement table has ${width} columns; expected ${BY_SOURCE.length}`,
      ctx.at(t),
    );
    for (let r = 0; r < t.rows.length; r++) ctx.unmappedRow(t, r);
    return result;
  }
  const unit = "万元";
  for (let r = headerEnd + 1; r < t.rows.length; r++) {
    if (isEmptyRow(t, r)) continue;
    const v = (i: number) => tidy(cell(t, r, i));
    const label = v(0);
    const loc = ctx.at(t, r);
    if (/^(合\s*计|总\s*计)$/.test(norm(label)) || /小计$/.test(label)) {
      const amt = v(7) || v(8);
      if (/小计$/.test(label)) result.organisation = label.replace(/小计$/, "");
      result.totals.push({ label, amount: ctx.amount(amt, unit, ctx.at(t, r, 7)), location: loc });
      continue;
    }
    const line: ProcurementTable["lines"][number] = { item: v(2), project: label, location: loc };
    if (v(1)) line.projectBudget = ctx.amount(v(1), unit, ctx.at(t, r, 1));
    if (v(3)) line.catalog = v(3);
    if (v(4)) line.quantityUnit = v(4);
    if (v(5)) line.quantity = readNumber(v(5));
    if (v(6)) line.unitPrice = ctx.amount(v(6), unit, ctx.at(t, r, 6));
    if (v(7)) line.amount = ctx.amount(v(7), unit, ctx.at(t, r, 7));
    const funding: Record<string, Amount> = {};
    for (let i = 8; i < BY_SOURCE.length; i++)
      if (v(i)) funding[BY_SOURCE[i]!] = ctx.amount(v(i), unit, ctx.at(t, r, i));
    if (Object.keys(funding).length > 0) line.funding = funding;
    result.lines.push(line);
    checkLine(ctx, line);
    // 合计 of 当年部门预算安排资金 = its sources.
    const sum = ["一般公共预算拨款", "基金预算拨款", "财政专户核拨", "其他来源收入"]
      .map((k) => fenOf(funding[k]))
      .reduce<bigint>((a, b) => a + (b ?? 0n), 0n);
    const subtotal = fenOf(funding.当年部门预算安排资金合计);
    if (subtotal !== undefined && sum !== subtotal) {
      ctx.report(
        "warning",
        "total_mismatch",
        `「${label}」当年部门预算安排资金合计 ${fenToWanYuanText(subtotal)} 万元，各来源合计 ${fenToWanYuanText(sum)} 万元`,
        `"${label}": 当年部门预算安排资金 ${fenToWanYuanText(subtotal)} 万元, its sources add up to ${fenToWanYuanText(sum)} 万元`,
        loc,
      );
    }
  }
  checkProcurementTotals(ctx, result);
  return result;
}

/** 交警政府采购预算 list: 项目地区 | (序号) | 装备名称和型号 | 购置数量 | 单价（万元） | 资金合计(万元). */
function readProcurementList(ctx: ImportContext, t: Table): ProcurementTable {
  const result: ProcurementTable = { totals: [], lines: [], location: ctx.at(t) };
  const header = t.rows.findIndex((row) => row.some((c) => /装备名称|采购物品名称/.test(norm(c.text))));
  const heads = t.rows[header]!.map((c) => norm(c.text));
  const find = (re: RegExp) => heads.findIndex((h) => re.test(h));
  const regionCol = find(/地区/);
  const itemCol = find(/装备名称|采购物品名称/);
  const qtyCol = find(/数量/);
  const priceCol = find(/单价/);
  const amountCol = find(/合计|金额/);
  const numberCol = heads.findIndex((h, i) => h === "" && i > regionCol && i < itemCol);
  const unitOf = (i: number) => unitIn(t.rows[header]![i]?.text ?? "") ?? "万元";
  let group: string | undefined;
  for (let r = header + 1; r < t.rows.length; r++) {
    if (isEmptyRow(t, r)) continue;
    const v = (i: number) => (i < 0 ? "" : tidy(cell(t, r, i)));
    const first = v(regionCol);
    const item = v(itemCol);
    const loc = ctx.at(t, r);
    if (item === "" && v(amountCol) !== "") {
      result.region = first;
      result.totals.push({
        label: first,
        amount: ctx.amount(v(amountCol), unitOf(amountCol), ctx.at(t, r, amountCol)),
        location: loc,
      });
      continue;
    }
    if (first !== "") group = first;
    if (item === "") {
      ctx.unmappedRow(t, r);
      continue;
    }
    const line: ProcurementTable["lines"][number] = { item, location: loc };
    if (group) line.group = group;
    if (v(numberCol)) line.number = v(numberCol);
    if (v(qtyCol)) line.quantity = readNumber(v(qtyCol));
    if (v(priceCol)) line.unitPrice = ctx.amount(v(priceCol), unitOf(priceCol), ctx.at(t, r, priceCol));
    if (v(amountCol)) line.amount = ctx.amount(v(amountCol), unitOf(amountCol), ctx.at(t, r, amountCol));
    result.lines.push(line);
    checkLine(ctx, line);
  }
  checkProcurementTotals(ctx, result);
  return result;
}

/** amount = quantity × unit price. */
function checkLine(ctx: ImportContext, line: ProcurementTable["lines"][number]): void {
  const q = line.quantity?.value !== undefined ? decimal.parseDecimal(line.quantity.value) : undefined;
  const price = fenOf(line.unitPrice);
  const amount = fenOf(line.amount);
  if (q === undefined || price === undefined || amount === undefined) return;
  const product = decimal.mul(q, decimal.fromInt(price));
  if (decimal.cmp(product, decimal.fromInt(amount)) !== 0) {
    const unit = line.amount!.unit;
    const show = (f: decimal.Ratio) =>
      unit === "万元"
        ? decimal.toDecimalString(decimal.div(f, decimal.fromInt(1_000_000n)), 6)
        : decimal.toFixed(decimal.div(f, decimal.fromInt(100n)), 2);
    ctx.report(
      "warning",
      "amount_mismatch",
      `「${line.item}」数量 ${line.quantity!.text} × 单价 ${line.unitPrice!.text} = ${show(product)} ${unit}，金额填报为 ${line.amount!.text}`,
      `"${line.item}": quantity ${line.quantity!.text} × price ${line.unitPrice!.text} = ${show(product)} ${unit}; stated ${line.amount!.text}`,
      line.location,
    );
  }
}

function checkProcurementTotals(ctx: ImportContext, t: ProcurementTable): void {
  const sum = t.lines.reduce<bigint>((a, l) => a + (fenOf(l.amount) ?? 0n), 0n);
  for (const total of t.totals) {
    const f = fenOf(total.amount);
    if (f !== undefined && f !== sum) {
      ctx.report(
        "warning",
        "total_mismatch",
        `「${total.label}」合计 ${total.amount.text} ${total.amount.unit}，明细合计 ${fenToWanYuanText(sum)} 万元`,
        `"${total.label}" states ${total.amount.text} ${total.amount.unit}; the lines add up to ${fenToWanYuanText(sum)} 万元`,
        total.location,
      );
    }
  }
}

/** 固定资产占用情况表: title, 编制单位, 截止时间, then 项目 | 数量 | 金额：元 (or 万元). */
function readAssets(ctx: ImportContext, t: Table): AssetTable {
  const header = t.rows.findIndex((row) => row.some((c) => /金额/.test(c.text)));
  const heads = (t.rows[header] ?? []).map((c) => c.text);
  const amountCol = heads.findIndex((h) => /金额/.test(h));
  const qtyCol = heads.findIndex((h) => /数量/.test(h));
  const unit = unitIn(heads[amountCol] ?? "") ?? "元";
  const result: AssetTable = { title: "", unit, lines: [], location: ctx.at(t) };
  for (let r = 0; r < Math.max(header, 0); r++) {
    for (const c of t.rows[r]!) {
      const x = tidy(c.text);
      if (x === "") continue;
      const org = /^编制单位[：:]\s*(.+)$/.exec(x);
      const asOf = /^截止时间[：:]\s*(.+)$/.exec(x);
      if (org) result.organisation = org[1]!;
      else if (asOf) result.asOf = asOf[1]!;
      else if (result.title === "") result.title = x;
    }
  }
  for (let r = header + 1; r < t.rows.length; r++) {
    if (isEmptyRow(t, r)) continue;
    const label = tidy(cell(t, r, 0));
    const amountText = tidy(cell(t, r, amountCol));
    const loc = ctx.at(t, r);
    if (amountText === "") {
      ctx.unmappedRow(t, r);
      continue;
    }
    const amount = ctx.amount(amountText, unit, ctx.at(t, r, amountCol));
    if (/资产总额|合计/.test(label)) {
      result.total = amount;
      continue;
    }
    const line: AssetTable["lines"][number] = { label, amount, location: loc };
    const q = tidy(cell(t, r, qtyCol));
    if (q !== "") line.quantity = readNumber(q);
    result.lines.push(line);
  }
  checkParts(
    ctx,
    result.total,
    result.lines.map((l) => l.amount),
    `${result.title}资产总额`,
    "the asset total",
    ctx.at(t),
  );
  return result;
}

/** A stated total against the sum of its stated parts (parts that are absent count as nothing). */
function checkParts(
  ctx: ImportContext,
  total: Amount | undefined,
  parts: (Amount | undefined)[],
  labelZh: string,
  labelEn: string,
  location: ImportLocation,
): void {
  const t = fenOf(total);
  const known = parts.map(fenOf).filter((x): x is bigint => x !== undefined);
  if (t === undefined || known.length === 0) return;
  const sum = known.reduce((a, b) => a + b, 0n);
  if (sum !== t) {
    const show = (f: bigint) => (total!.unit === "万元" ? `${fenToWanYuanText(f)} 万元` : `${fenToYuanText(f)} 元`);
    ctx.report(
      "warning",
      "total_mismatch",
      `${labelZh}填报 ${show(t)}，各分项合计 ${show(sum)}，不一致`,
      `${labelEn} is stated as ${show(t)}; its parts add up to ${show(sum)}`,
      location,
    );
  }
}

/** Text figures against the tables: procurement and asset totals. */
function checkStated(ctx: ImportContext, d: Disclosure): void {
  for (const a of d.assets) {
    const total = fenOf(a.total);
    if (total === undefined) continue;
    const org = a.organisation ?? a.title;
    const stated = d.assetsStated.find((s) => /国有资产总额/.test(s.label) && fenOf(s.amount) === total);
    const near = d.assetsStated.find(
      (s) =>
        /国有资产总额/.test(s.label) &&
        org !== undefined &&
        (s.label.includes(org.slice(-4)) || org.includes("公安局")),
    );
    if (!stated && near) {
      ctx.report(
        "info",
        "text_table_mismatch",
        `${org}资产表总额 ${a.total!.text}${a.unit} 未在文字中找到相同数额`,
        `The asset table total ${a.total!.text} ${a.unit} of ${org} is not stated in the text`,
        a.location,
      );
    }
  }
  for (const p of d.procurement) {
    const totals = p.totals.map((x) => fenOf(x.amount));
    const matched = d.procurementStated.some((s) => totals.includes(fenOf(s.amount)));
    if (!matched && p.totals.length > 0) {
      ctx.report(
        "info",
        "text_table_mismatch",
        `政府采购表合计 ${p.totals[0]!.amount.text} 万元未在文字中找到相同数额`,
        `The procurement table total ${p.totals[0]!.amount.text} 万元 is not stated in the text`,
        p.location,
      );
    }
  }
}
