/**
 * 本次修改 of a department budget: the header figures and every section's rows (收入, 基本/项目支出, 三公经费 with the
 * prior year, 政府采购, 资产) as core's diffVersions compares them, and how they are named and shown. Amounts stay
 * the server's exact 元 decimal strings (core compares them as text); they are shown in 万元 as the budget page
 * shows them, with the exact 元 beside.
 *
 * Section lines carry no id (the sections are saved as a whole), so rows are matched by section and name: an
 * income line by its category, a spending line by its name, a procurement line by its item name; 三公 and 资产
 * give one row per part. Codes (科目编码, 品目编码) are compared as values, so a corrected code is a change.
 */
import type { VersionRow, VersionSnapshot, VersionValue } from "@jixiao/core";
import type { ChangesView } from "../../components/workflow/index.ts";
import type { Lang } from "../../i18n.tsx";
import { formatYuan, parseYuan } from "../../lib/rules.ts";
import { wanShown, wanText } from "./model.ts";

/** The budget's header fields compared between versions. */
export const BUDGET_FIELDS = ["incomeTotal", "expenditureTotal", "operatingFunds", "notes"] as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const text = (v: unknown): string | null => (typeof v === "string" ? v : null);

function scalar(v: unknown): VersionValue {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v === null ? v : undefined;
}

/** Values of a row under the names 本次修改 shows (`as` → the record's field). */
function values(o: Obj, as: Record<string, string>): Record<string, VersionValue> {
  return Object.fromEntries(Object.entries(as).map(([shown, field]) => [shown, scalar(o[field])]));
}

/** The sections, by the key kept in a row's level1 (language-free; named when shown). */
const SECTION: Record<string, [string, string]> = {
  income: ["收入", "Income"],
  basic: ["基本支出", "Basic spending"],
  project: ["项目支出", "Project spending"],
  threePublic: ["三公经费", "三公 spending"],
  procurement: ["政府采购", "Procurement"],
  assets: ["资产", "Assets"],
};

/** The parts of 三公 and 资产, each one row. */
const PART: Record<string, [string, string]> = {
  abroad: ["因公出国（境）费", "Travel abroad"],
  vehiclePurchase: ["公务用车购置费", "Vehicle purchase"],
  vehicleOperation: ["公务用车运行维护费", "Vehicle operation"],
  reception: ["公务接待费", "Reception"],
  threePublicTotal: ["“三公”经费合计（填报）", "Stated total"],
  buildings: ["房屋", "Buildings"],
  vehicles: ["车辆", "Vehicles"],
  other: ["其他", "Other"],
  assetsTotal: ["资产合计（填报）", "Stated total"],
};

const THREE_PRIOR = {
  abroad: "priorAbroad",
  vehiclePurchase: "priorVehiclePurchase",
  vehicleOperation: "priorVehicleOperation",
  reception: "priorReception",
} as const;

const FIELD: Record<string, [string, string]> = {
  incomeTotal: ["收入合计", "Income total"],
  expenditureTotal: ["支出合计", "Spending total"],
  operatingFunds: ["机关运行经费", "Operating funds"],
  notes: ["说明", "Notes"],
  amount: ["金额", "Amount"],
  priorAmount: ["上年金额", "Prior year"],
  subkind: ["类型", "Type"],
  classCode: ["科目编码", "Class"],
  catalogCode: ["品目编码", "Catalog"],
  category: ["类别", "Kind"],
  quantity: ["数量", "Quantity"],
  unit: ["单位", "Unit"],
  unitPrice: ["单价", "Unit price"],
  fundingSource: ["资金来源", "Funding"],
  changeReason: ["增减原因", "Why it changed"],
  vehicleCount: ["车辆数", "Vehicle count"],
  buildingArea: ["房屋面积（平方米）", "Building area (m²)"],
};

/** Fields holding 元 amounts. */
const MONEY = new Set(["incomeTotal", "expenditureTotal", "operatingFunds", "amount", "priorAmount", "unitPrice"]);

/** Fields holding one of a few words, and those words. */
const WORDS: Record<string, Record<string, [string, string]>> = {
  subkind: { personnel: ["人员经费", "personnel"], public: ["公用经费", "public"] },
  category: { goods: ["货物", "goods"], works: ["工程", "works"], services: ["服务", "services"] },
};

const row = (section: string, name: string, v: Record<string, VersionValue>, level2: string | null = null) => ({
  level1: section,
  level2,
  name,
  values: v,
});

/** The sections of a budget (a stored snapshot, or the budget as the page has it) as rows. */
export function budgetRows(rec: Obj): VersionRow[] {
  const s = isObj(rec.sections) ? rec.sections : {};
  const rows: VersionRow[] = [];
  for (const l of list(s.income)) {
    rows.push(row("income", text(l.category) ?? "", values(l, { amount: "amount", priorAmount: "priorAmount" })));
  }
  for (const l of list(s.spending)) {
    const kind = l.kind === "project" ? "project" : "basic";
    const v = values(l, { classCode: "classCode", subkind: "subkind", amount: "amount", priorAmount: "priorAmount" });
    rows.push(row(kind, text(l.name) ?? "", v));
  }
  if (isObj(s.threePublic)) {
    const t = s.threePublic;
    for (const [part, prior] of Object.entries(THREE_PRIOR)) {
      rows.push(row("threePublic", part, values(t, { amount: part, priorAmount: prior })));
    }
    rows.push(
      row("threePublic", "threePublicTotal", values(t, { amount: "statedTotal", changeReason: "changeReason" })),
    );
  }
  for (const l of list(s.procurement)) {
    const v = values(l, {
      catalogCode: "catalogCode",
      category: "category",
      quantity: "quantity",
      unit: "unit",
      unitPrice: "unitPrice",
      amount: "amount",
      fundingSource: "fundingSource",
    });
    rows.push(row("procurement", text(l.itemName) ?? "", v));
  }
  if (isObj(s.assets)) {
    const a = s.assets;
    rows.push(row("assets", "buildings", values(a, { amount: "buildings", buildingArea: "buildingArea" })));
    rows.push(row("assets", "vehicles", values(a, { amount: "vehicles", vehicleCount: "vehicleCount" })));
    rows.push(row("assets", "other", values(a, { amount: "other" })));
    rows.push(row("assets", "assetsTotal", values(a, { amount: "statedTotal" })));
  }
  return rows;
}

/** A budget as compared: its header fields and its sections' rows. */
export function budgetVersion(raw: unknown): VersionSnapshot {
  const rec = isObj(raw) ? raw : {};
  return { fields: values(rec, Object.fromEntries(BUDGET_FIELDS.map((f) => [f, f]))), rows: budgetRows(rec) };
}

/** The row's name: its section, then the part (三公, 资产) or the line (with its code). */
export function budgetRowLabel(r: VersionRow, lang: Lang): string {
  const i = lang === "zh" ? 0 : 1;
  const section = SECTION[r.level1 ?? ""]?.[i] ?? r.level1 ?? "";
  const part = r.level1 === "threePublic" || r.level1 === "assets" ? PART[r.name]?.[i] : undefined;
  const code = text(r.values.catalogCode) ?? text(r.values.classCode);
  const line = part ?? [code, r.name].filter((x) => x && x.trim() !== "").join(" ");
  return `${section} · ${line}`;
}

/**
 * An amount of 元 text in 万元 as the budget page shows it (separators, at least 2 decimals, never rounded), with
 * the exact 元: `1,350.50 万元（13,505,000.00 元）`.
 */
export function budgetAmount(yuan: string): string | undefined {
  try {
    return `${wanShown(wanText(yuan))} 万元（${formatYuan(parseYuan(yuan))} 元）`;
  } catch {
    return undefined;
  }
}

function format(field: string, v: string | number | boolean, lang: Lang): string | undefined {
  if (MONEY.has(field) && typeof v === "string") return budgetAmount(v);
  return WORDS[field]?.[String(v)]?.[lang === "zh" ? 0 : 1];
}

/** 本次修改 of a department budget (components/workflow ChangesPanel). */
export const BUDGET_CHANGES: ChangesView = {
  version: budgetVersion,
  rowLabel: budgetRowLabel,
  fieldLabel: (field, lang) => FIELD[field]?.[lang === "zh" ? 0 : 1],
  format,
  summaryField: () => "amount",
  recordTag: ["预算信息", "Budget"],
};
