/**
 * A budget disclosure (seed 001) as department-budget rows, per unit: the department gets the header (收入共计,
 * 机关运行经费, the explanatory text), the income lines with the prior year where the text gives it, the same
 * lines as spending (人员经费 → basic/personnel, 公用经费 → basic/public, the rest project), "三公"经费 with the
 * prior year worked back from the stated year-on-year change, and its procurement and asset tables; another
 * unit gets a budget with its own procurement and asset tables. Amounts are stored in 元 exactly as read.
 */
import type { Amount, Disclosure, ImportedDocument } from "@jixiao/core/model";
import type { SectionRows } from "../budgets/sections.repository.ts";
import { type DocUnit, unitNamed } from "./units.ts";

export interface UnitBudget {
  unit: string;
  header: { incomeTotal: string | null; operatingFunds: string | null; notes: string | null };
  sections: SectionRows;
  /** What the document holds that the budget's columns cannot (zh / en), shown in the preview. */
  notes: { message: string; messageEn: string }[];
}

const yuan = (a: Amount | undefined): string | null => a?.yuan ?? null;

function fenToYuan(f: bigint): string {
  const neg = f < 0n;
  const a = neg ? -f : f;
  return `${neg ? "-" : ""}${a / 100n}.${(a % 100n).toString().padStart(2, "0")}`;
}

/** An exact quantity for numeric(18,4), else null (`—`, `若干`). */
function quantity(v: string | undefined): string | null {
  return v && /^\d{1,14}(\.\d{1,4})?$/.test(v) ? v : null;
}

/** goods / works / services from the catalog code (政府采购品目: A 货物, B 工程, C 服务) or the words. */
function category(catalog: string | undefined, words: string | undefined): "goods" | "works" | "services" | null {
  const c = catalog?.trim().charAt(0).toUpperCase();
  if (c === "A") return "goods";
  if (c === "B") return "works";
  if (c === "C") return "services";
  if (!words) return null;
  if (/服务/.test(words)) return "services";
  if (/工程|施工|建筑/.test(words)) return "works";
  if (/货物/.test(words)) return "goods";
  return null;
}

type ProcurementTable = Disclosure["procurement"][number];
type AssetTable = Disclosure["assets"][number];

function procurementRows(t: ProcurementTable, notes: UnitBudget["notes"]): SectionRows["procurement"] {
  const rows: SectionRows["procurement"] = [];
  for (const l of t.lines) {
    const amount = yuan(l.amount);
    const name = l.project ?? l.item;
    if (amount === null) {
      notes.push({
        message: `政府采购「${name}」没有可读的金额（${l.amount?.text ?? "空"}），未写入`,
        messageEn: `Procurement "${name}" has no readable amount (${l.amount?.text ?? "empty"}): not written`,
      });
      continue;
    }
    const sources = Object.entries(l.funding ?? {})
      .filter(([k, a]) => k !== "当年部门预算安排资金合计" && a.fen !== undefined && a.fen !== "0")
      .map(([k]) => k);
    rows.push({
      catalogCode: (l.catalog ?? "").trim().slice(0, 20) || "—",
      // By source (seed 001's first table) the line is a project and `item` its kind (服务类, 货物); a list's
      // line is the item itself (its group, e.g. 一、专用技术装备, goes to fundingSource when no source is given).
      itemName: (l.project ? l.project : l.item).slice(0, 200),
      category: category(l.catalog, l.project ? l.item : undefined),
      quantity: quantity(l.quantity?.value),
      unit: l.quantityUnit?.slice(0, 20) ?? null,
      unitPrice: yuan(l.unitPrice),
      amount,
      fundingSource: (sources.join("、") || l.group || null)?.slice(0, 100) ?? null,
    });
  }
  return rows;
}

function assetRow(t: AssetTable): NonNullable<SectionRows["assets"]> {
  let buildings = 0n;
  let vehicles = 0n;
  let other = 0n;
  let vehicleCount: number | null = null;
  let buildingArea: string | null = null;
  for (const l of t.lines) {
    const f = BigInt(l.amount.fen ?? "0");
    if (/房屋|土地/.test(l.label)) {
      buildings += f;
      buildingArea ??= quantity(l.quantity?.value);
    } else if (/车辆/.test(l.label)) {
      vehicles += f;
      const q = l.quantity?.value;
      if (q && /^\d{1,9}$/.test(q)) vehicleCount = Number(q);
    } else other += f;
  }
  return {
    buildings: fenToYuan(buildings),
    vehicles: fenToYuan(vehicles),
    other: fenToYuan(other),
    statedTotal: yuan(t.total),
    vehicleCount,
    buildingArea,
  };
}

/**
 * 三公 this year as stated, and the prior year worked back from `比去年增加/减少 X` (exact, in fen). A change stated
 * for 公务用车购置及运维费 as a whole gives the prior year of the two together: it is kept as the prior year of
 * 运行维护 (the purchase's prior year is not stated and stays empty); the statements themselves are kept whole in
 * `changeReason`.
 */
function threePublicRow(tp: NonNullable<Disclosure["threePublic"]>): NonNullable<SectionRows["threePublic"]> {
  const fen = (a: Amount | undefined) => (a?.fen === undefined ? undefined : BigInt(a.fen));
  const operation = tp.vehicleOperation ?? (tp.vehiclePurchase ? undefined : tp.vehicles);
  const row: NonNullable<SectionRows["threePublic"]> = {
    abroad: yuan(tp.abroad) ?? "0",
    vehiclePurchase: yuan(tp.vehiclePurchase) ?? "0",
    vehicleOperation: yuan(operation) ?? "0",
    reception: yuan(tp.reception) ?? "0",
    statedTotal: yuan(tp.total),
    changeReason: null,
  };
  const reasons: string[] = [];
  for (const c of tp.changes) {
    const delta = BigInt(c.amount.fen ?? "0") * (c.direction === "增加" ? 1n : -1n);
    const prior = (now: Amount | undefined) => {
      const f = fen(now);
      return f === undefined || c.amount.fen === undefined ? null : fenToYuan(f - delta);
    };
    if (/出国/.test(c.item)) row.priorAbroad = prior(tp.abroad);
    else if (/接待/.test(c.item)) row.priorReception = prior(tp.reception);
    else if (/购置及运/.test(c.item)) row.priorVehicleOperation = prior(tp.vehicles);
    else if (/购置/.test(c.item)) row.priorVehiclePurchase = prior(tp.vehiclePurchase);
    else if (/运行|运维/.test(c.item)) row.priorVehicleOperation = prior(operation);
    reasons.push(
      `${c.item}比上年${c.direction}${c.amount.text}${c.amount.unit}${c.reason ? `，原因：${c.reason}` : ""}`,
    );
  }
  if (reasons.length) row.changeReason = reasons.join("；").slice(0, 2000);
  return row;
}

/** 人员经费 → basic/personnel, …公用经费 → basic/public, anything else is project spending. */
function spendingOf(label: string): { kind: "basic" | "project"; subkind: "personnel" | "public" | null } {
  if (/人员经费|工资福利/.test(label)) return { kind: "basic", subkind: "personnel" };
  if (/公用经费/.test(label)) return { kind: "basic", subkind: "public" };
  return { kind: "project", subkind: null };
}

/** The budgets a disclosure gives, one per unit that has anything; the department's first. */
export function disclosureBudgets(doc: ImportedDocument, units: DocUnit[]): UnitBudget[] {
  const d = doc.disclosure;
  if (!d) return [];
  const department = units[0]?.name ?? d.organisation ?? "部门";
  const byUnit = new Map<string, UnitBudget>();
  const budgetOf = (unit: string) => {
    let b = byUnit.get(unit);
    if (!b) {
      b = {
        unit,
        header: { incomeTotal: null, operatingFunds: null, notes: null },
        sections: { income: [], spending: [], threePublic: null, procurement: [], assets: null },
        notes: [],
      };
      byUnit.set(unit, b);
    }
    return b;
  };
  const dept = budgetOf(department);
  dept.header = {
    incomeTotal: yuan(d.overview?.total),
    operatingFunds: yuan(d.runningCosts?.amount),
    notes: d.sections.map((s) => [s.heading, ...s.paragraphs].join("\n")).join("\n\n") || null,
  };
  const priorYear = d.year ? d.year - 1 : undefined;
  const parts = (d.overview?.parts ?? []).filter((p) => p.amount.yuan !== undefined);
  for (const p of parts) {
    const prior = d.overview?.comparisons
      .find((c) => c.item === p.label)
      ?.values.find((v) => v.year === priorYear)?.amount;
    const label = p.label.slice(0, 100);
    dept.sections.income.push({ category: label, amount: p.amount.yuan!, priorAmount: yuan(prior) });
    dept.sections.spending.push({
      ...spendingOf(p.label),
      name: p.label.slice(0, 200),
      amount: p.amount.yuan!,
      priorAmount: yuan(prior),
    });
  }
  for (const p of d.overview?.parts ?? []) {
    if (p.amount.yuan === undefined)
      dept.notes.push({
        message: `收入「${p.label}」的金额「${p.amount.text}」无法读取，未写入`,
        messageEn: `Income "${p.label}": the amount "${p.amount.text}" cannot be read: not written`,
      });
  }
  if (d.threePublic) dept.sections.threePublic = threePublicRow(d.threePublic);
  for (const t of d.procurement) {
    const unit = unitNamed(units, { name: t.organisation ?? t.region })?.name ?? department;
    const b = budgetOf(unit);
    b.sections.procurement.push(...procurementRows(t, b.notes));
  }
  for (const t of d.assets) {
    const unit = unitNamed(units, { name: t.organisation ?? t.title })?.name ?? department;
    const b = budgetOf(unit);
    if (b.sections.assets) {
      b.notes.push({
        message: `「${unit}」已有一张资产表，「${t.title}」未写入（每个预算一张资产汇总）`,
        messageEn: `"${unit}" already has an asset table: "${t.title}" is not written (one asset summary per budget)`,
      });
      continue;
    }
    b.sections.assets = assetRow(t);
  }
  return [...byUnit.values()];
}
