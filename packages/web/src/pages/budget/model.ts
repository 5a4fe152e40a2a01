/**
 * The department budget form: a draft of text as typed (money in 万元 as the forms show it), the conversion to
 * the exact 元 strings the server takes, and the checks of totals against their parts and of procurement lines
 * (quantity × unit price = amount), all by core's exact money (checkTotal, checkProcurementLine): never floats.
 */
import {
  checkBudgetLine,
  checkProcurementLine,
  checkTotal,
  DomainError,
  decimal,
  type Fen,
  formatWanYuan,
  formatYuan,
  parseWanYuan,
} from "@jixiao/core";
import type { Lang } from "../../i18n.tsx";
import { readWan, wanText, wireYuan } from "../duties/model.ts";
import type { Budget, BudgetHeader, SectionsInput } from "./api.ts";

export { readWan, wanText };

export interface IncomeDraft {
  category: string;
  amount: string;
  priorAmount: string;
}
export interface SpendingDraft {
  kind: "basic" | "project";
  subkind: "" | "personnel" | "public";
  classCode: string;
  name: string;
  amount: string;
  priorAmount: string;
}
export interface ThreePublicDraft {
  abroad: string;
  vehiclePurchase: string;
  vehicleOperation: string;
  reception: string;
  priorAbroad: string;
  priorVehiclePurchase: string;
  priorVehicleOperation: string;
  priorReception: string;
  statedTotal: string;
  changeReason: string;
}
export interface ProcurementDraft {
  catalogCode: string;
  itemName: string;
  category: "" | "goods" | "works" | "services";
  quantity: string;
  unit: string;
  unitPrice: string;
  amount: string;
  fundingSource: string;
}
export interface AssetsDraft {
  buildings: string;
  vehicles: string;
  other: string;
  statedTotal: string;
  vehicleCount: string;
  buildingArea: string;
}
export interface BudgetDraft {
  incomeTotal: string;
  expenditureTotal: string;
  operatingFunds: string;
  notes: string;
  income: IncomeDraft[];
  spending: SpendingDraft[];
  threePublic: ThreePublicDraft | null;
  procurement: ProcurementDraft[];
  assets: AssetsDraft | null;
}

export const THREE_PARTS = ["abroad", "vehiclePurchase", "vehicleOperation", "reception"] as const;
export const PRIOR: Record<(typeof THREE_PARTS)[number], keyof ThreePublicDraft> = {
  abroad: "priorAbroad",
  vehiclePurchase: "priorVehiclePurchase",
  vehicleOperation: "priorVehicleOperation",
  reception: "priorReception",
};

const q = (v: string | null | undefined) => (v == null ? "" : v.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, ""));

export function draftOf(b: Budget): BudgetDraft {
  const s = b.sections;
  const tp = s.threePublic;
  const as = s.assets;
  return {
    incomeTotal: wanText(b.incomeTotal),
    expenditureTotal: wanText(b.expenditureTotal),
    operatingFunds: wanText(b.operatingFunds),
    notes: b.notes ?? "",
    income: s.income.map((l) => ({
      category: l.category,
      amount: wanText(l.amount),
      priorAmount: wanText(l.priorAmount),
    })),
    spending: s.spending.map((l) => ({
      kind: l.kind,
      subkind: l.subkind ?? "",
      classCode: l.classCode ?? "",
      name: l.name,
      amount: wanText(l.amount),
      priorAmount: wanText(l.priorAmount),
    })),
    threePublic: tp
      ? {
          abroad: wanText(tp.abroad),
          vehiclePurchase: wanText(tp.vehiclePurchase),
          vehicleOperation: wanText(tp.vehicleOperation),
          reception: wanText(tp.reception),
          priorAbroad: wanText(tp.priorAbroad),
          priorVehiclePurchase: wanText(tp.priorVehiclePurchase),
          priorVehicleOperation: wanText(tp.priorVehicleOperation),
          priorReception: wanText(tp.priorReception),
          statedTotal: wanText(tp.statedTotal),
          changeReason: tp.changeReason ?? "",
        }
      : null,
    procurement: s.procurement.map((l) => ({
      catalogCode: l.catalogCode,
      itemName: l.itemName,
      category: l.category ?? "",
      quantity: q(l.quantity),
      unit: l.unit ?? "",
      unitPrice: wanText(l.unitPrice),
      amount: wanText(l.amount),
      fundingSource: l.fundingSource ?? "",
    })),
    assets: as
      ? {
          buildings: wanText(as.buildings),
          vehicles: wanText(as.vehicles),
          other: wanText(as.other),
          statedTotal: wanText(as.statedTotal),
          vehicleCount: as.vehicleCount == null ? "" : String(as.vehicleCount),
          buildingArea: q(as.buildingArea),
        }
      : null,
  };
}

export const emptyThreePublic = (): ThreePublicDraft => ({
  abroad: "0",
  vehiclePurchase: "0",
  vehicleOperation: "0",
  reception: "0",
  priorAbroad: "",
  priorVehiclePurchase: "",
  priorVehicleOperation: "",
  priorReception: "",
  statedTotal: "",
  changeReason: "",
});
export const emptyAssets = (): AssetsDraft => ({
  buildings: "0",
  vehicles: "0",
  other: "0",
  statedTotal: "",
  vehicleCount: "",
  buildingArea: "",
});

export function headerOf(d: BudgetDraft): BudgetHeader {
  return {
    incomeTotal: wireYuan(d.incomeTotal),
    expenditureTotal: wireYuan(d.expenditureTotal),
    operatingFunds: wireYuan(d.operatingFunds),
    notes: d.notes.trim() || null,
  };
}

const t = (s: string) => (s.trim() === "" ? null : s.trim());
const req = (s: string) => wireYuan(s) ?? "0.00";

export function sectionsOf(d: BudgetDraft): SectionsInput {
  return {
    income: d.income.map((l) => ({
      category: l.category.trim(),
      amount: req(l.amount),
      priorAmount: wireYuan(l.priorAmount),
    })),
    spending: d.spending.map((l) => ({
      kind: l.kind,
      subkind: l.subkind || null,
      classCode: t(l.classCode),
      name: l.name.trim(),
      amount: req(l.amount),
      priorAmount: wireYuan(l.priorAmount),
    })),
    threePublic: d.threePublic && {
      abroad: req(d.threePublic.abroad),
      vehiclePurchase: req(d.threePublic.vehiclePurchase),
      vehicleOperation: req(d.threePublic.vehicleOperation),
      reception: req(d.threePublic.reception),
      priorAbroad: wireYuan(d.threePublic.priorAbroad),
      priorVehiclePurchase: wireYuan(d.threePublic.priorVehiclePurchase),
      priorVehicleOperation: wireYuan(d.threePublic.priorVehicleOperation),
      priorReception: wireYuan(d.threePublic.priorReception),
      statedTotal: wireYuan(d.threePublic.statedTotal),
      changeReason: t(d.threePublic.changeReason),
    },
    procurement: d.procurement.map((l) => ({
      catalogCode: l.catalogCode.trim(),
      itemName: l.itemName.trim(),
      category: l.category || null,
      quantity: t(l.quantity),
      unit: t(l.unit),
      unitPrice: wireYuan(l.unitPrice),
      amount: req(l.amount),
      fundingSource: t(l.fundingSource),
    })),
    assets: d.assets && {
      buildings: req(d.assets.buildings),
      vehicles: req(d.assets.vehicles),
      other: req(d.assets.other),
      statedTotal: wireYuan(d.assets.statedTotal),
      vehicleCount: d.assets.vehicleCount.trim() === "" ? null : Number.parseInt(d.assets.vehicleCount, 10),
      buildingArea: t(d.assets.buildingArea),
    },
  };
}

export const headerChanged = (a: BudgetDraft, b: BudgetDraft) =>
  JSON.stringify(headerOf(a)) !== JSON.stringify(headerOf(b));
export const sectionsChanged = (a: BudgetDraft, b: BudgetDraft) => {
  const { incomeTotal: _a, expenditureTotal: _b, operatingFunds: _c, notes: _d, ...x } = a;
  const { incomeTotal: _e, expenditureTotal: _f, operatingFunds: _g, notes: _h, ...y } = b;
  return JSON.stringify(x) !== JSON.stringify(y);
};

const QUANTITY = /^\d{1,14}(\.\d{1,4})?$/;

/** What keeps the draft from being saved, in the interface language, with where it is. */
export function draftErrors(d: BudgetDraft, lang: Lang): string[] {
  const zh = lang === "zh";
  const out: string[] = [];
  const money = (where: string, v: string, required = false) => {
    if (required && v.trim() === "") out.push(`${where}: ${zh ? "金额不能为空" : "an amount is needed"}`);
    const r = readWan(v, lang);
    if (r.error) out.push(`${where}: ${r.error}`);
  };
  money(zh ? "收入合计" : "Income total", d.incomeTotal);
  money(zh ? "支出合计" : "Spending total", d.expenditureTotal);
  money(zh ? "机关运行经费" : "Operating funds", d.operatingFunds);
  d.income.forEach((l, i) => {
    const w = zh ? `收入第 ${i + 1} 行` : `Income line ${i + 1}`;
    if (!l.category.trim()) out.push(`${w}: ${zh ? "类别不能为空" : "a category is needed"}`);
    money(w, l.amount, true);
    money(w, l.priorAmount);
  });
  d.spending.forEach((l, i) => {
    const w = zh ? `支出第 ${i + 1} 行` : `Spending line ${i + 1}`;
    if (!l.name.trim()) out.push(`${w}: ${zh ? "名称不能为空" : "a name is needed"}`);
    money(w, l.amount, true);
    money(w, l.priorAmount);
  });
  if (d.threePublic) {
    const w = zh ? "三公经费" : "三公";
    for (const k of Object.keys(d.threePublic) as (keyof ThreePublicDraft)[]) {
      if (k !== "changeReason") money(w, d.threePublic[k]);
    }
  }
  d.procurement.forEach((l, i) => {
    const w = zh ? `政府采购第 ${i + 1} 行` : `Procurement line ${i + 1}`;
    if (!l.catalogCode.trim()) out.push(`${w}: ${zh ? "品目编码不能为空" : "a catalog code is needed"}`);
    if (!l.itemName.trim()) out.push(`${w}: ${zh ? "名称不能为空" : "a name is needed"}`);
    if (l.quantity.trim() && !QUANTITY.test(l.quantity.trim())) {
      out.push(`${w}: ${zh ? "数量须为非负数，最多四位小数" : "the quantity is a number with at most 4 decimals"}`);
    }
    money(w, l.unitPrice);
    money(w, l.amount, true);
  });
  if (d.assets) {
    const w = zh ? "资产" : "Assets";
    for (const k of ["buildings", "vehicles", "other", "statedTotal"] as const) money(w, d.assets[k]);
    if (d.assets.vehicleCount.trim() && !/^\d{1,9}$/.test(d.assets.vehicleCount.trim())) {
      out.push(`${w}: ${zh ? "车辆数须为整数" : "the vehicle count is a whole number"}`);
    }
    if (d.assets.buildingArea.trim() && !QUANTITY.test(d.assets.buildingArea.trim())) {
      out.push(`${w}: ${zh ? "房屋面积须为数字" : "the building area is a number"}`);
    }
  }
  return out;
}

/** A total against its parts, in 万元 and 元, by core's checkTotal. */
export interface TotalView {
  sumWan: string;
  sumYuan: string;
  statedWan?: string;
  holds?: boolean;
  differenceWan?: string;
  differenceYuan?: string;
}

const fenOf = (v: string): Fen | undefined => {
  try {
    return v.trim() === "" ? undefined : parseWanYuan(v);
  } catch (e) {
    if (e instanceof DomainError) return undefined;
    throw e;
  }
};
const wan6 = (f: Fen) => formatWanYuan(f, 6).replace(/(\.\d\d\d*?)0+$/, "$1");

export function totalOf(stated: string, parts: string[]): TotalView {
  const s = fenOf(stated);
  const c = checkTotal(s ?? (0n as Fen), parts.map(fenOf));
  const v: TotalView = { sumWan: wan6(c.sum), sumYuan: formatYuan(c.sum) };
  if (s !== undefined) {
    v.statedWan = wan6(s);
    v.holds = c.holds;
    v.differenceWan = wan6(c.difference);
    v.differenceYuan = formatYuan(c.difference);
  }
  return v;
}

/**
 * A decimal text with thousands separators in its whole part (`13505000.00` → `13,505,000.00`): the one way
 * amounts are shown, in 万元 and in 元.
 */
export function groupDigits(text: string): string {
  return text.replace(
    /^(-?)(\d+)/,
    (_, sign: string, whole: string) => sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ","),
  );
}

/** 万元 as kept in a draft (`1350.5`) as shown: separators and at least 2 decimals (`1,350.50`), never rounded. */
export function wanShown(text: string): string {
  const t = text.trim();
  if (!/^-?\d+(\.\d*)?$/.test(t)) return t;
  const [whole, frac = ""] = t.split(".");
  return groupDigits(`${whole}.${frac.padEnd(2, "0")}`);
}

/** This year − the prior year (万元), when both are there. */
export function change(now: string, prior: string): string | undefined {
  const a = fenOf(now);
  const b = fenOf(prior);
  if (a === undefined || b === undefined) return undefined;
  const d = (a - b) as Fen;
  return `${d > 0n ? "+" : ""}${wan6(d)}`;
}

export interface ProductView {
  /** quantity × unit price, 万元 and 元 (exact, up to the fen or beyond when it does not fall on one). */
  productWan: string;
  productYuan: string;
  holds: boolean;
}

/** quantity × unit price against the amount of one procurement line; nothing when a factor is missing. */
export function procurementProduct(l: ProcurementDraft): ProductView | undefined {
  const qty = QUANTITY.test(l.quantity.trim()) ? decimal.parseDecimal(l.quantity.trim()) : undefined;
  const price = fenOf(l.unitPrice);
  const amount = fenOf(l.amount);
  if (!qty || price === undefined) return undefined;
  const { product: productFen, holds } = checkProcurementLine(qty, price, amount);
  const yuan = decimal.div(productFen, decimal.fromInt(100n));
  return {
    productWan: groupDigits(
      decimal.toFixed(decimal.div(productFen, decimal.fromInt(1_000_000n)), 6).replace(/(\.\d\d\d*?)0+$/, "$1"),
    ),
    productYuan: groupDigits(decimal.toFixed(yuan, 2)),
    holds,
  };
}

/** After a 409: each field or section the user did not touch takes the server's value; the rest stays theirs. */
export function mergeDraft(original: BudgetDraft, mine: BudgetDraft, theirs: BudgetDraft): BudgetDraft {
  const out = { ...mine };
  for (const k of Object.keys(mine) as (keyof BudgetDraft)[]) {
    if (JSON.stringify(mine[k]) === JSON.stringify(original[k])) (out as Record<string, unknown>)[k] = theirs[k];
  }
  return out;
}

export interface ExecutionDraft {
  initialBudget: string;
  adjustment: string;
  determinedBudget: string;
  executed: string;
}

export function executionDraftOf(e: {
  initialBudget: string | null;
  adjustment: string | null;
  determinedBudget: string | null;
  executed: string | null;
}): ExecutionDraft {
  return {
    initialBudget: wanText(e.initialBudget),
    adjustment: wanText(e.adjustment),
    determinedBudget: wanText(e.determinedBudget),
    executed: wanText(e.executed),
  };
}

export function executionFields(d: ExecutionDraft) {
  return {
    initialBudget: wireYuan(d.initialBudget),
    adjustment: wireYuan(d.adjustment),
    determinedBudget: wireYuan(d.determinedBudget),
    executed: wireYuan(d.executed),
  };
}

/** 年初 + 调整 = 确定 and the rate 执行 ÷ 确定, as core's checkBudgetLine says, for a row as typed. */
export function executionCheck(d: ExecutionDraft, lang: Lang): { rate?: string; problems: string[]; errors: string[] } {
  const read = (v: string) => readWan(v, lang);
  const parts = [d.initialBudget, d.adjustment, d.determinedBudget, d.executed].map(read);
  const errors = parts.flatMap((p) => (p.error ? [p.error] : []));
  if (errors.length > 0) return { problems: [], errors };
  const [initial, adjustment, final, executed] = parts.map((p) => p.fen);
  const c = checkBudgetLine({ initial, adjustment, final, executed });
  return {
    ...(c.rate ? { rate: c.rate.text } : {}),
    problems: c.problems.map((p) => (lang === "en" ? p.en : p.zh)),
    errors,
  };
}
