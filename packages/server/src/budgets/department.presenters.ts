import { z } from "@hono/zod-openapi";
import { checkTotal, decimal, type Fen, formatYuan, parseYuan } from "@jixiao/core";
import { WORKFLOW_STATES } from "../db/columns.ts";
import { Money } from "../projects/presenters.ts";
import type { BudgetWithOrg, Sections } from "./department.repository.ts";

const Quantity = z.string().regex(/^\d{1,14}(\.\d{1,4})?$/, "数量最多四位小数 / a quantity with at most 4 decimals");

export const IncomeLineSchema = z.object({
  category: z.string().min(1).max(100),
  amount: Money,
  priorAmount: Money.nullable().optional(),
});
export const SpendingLineSchema = z.object({
  kind: z.enum(["basic", "project"]),
  subkind: z.enum(["personnel", "public"]).nullable().optional(),
  classCode: z.string().max(20).nullable().optional(),
  name: z.string().min(1).max(200),
  amount: Money,
  priorAmount: Money.nullable().optional(),
  projectId: z.string().uuid().nullable().optional(),
});
export const ThreePublicSchema = z.object({
  abroad: Money.default("0"),
  vehiclePurchase: Money.default("0"),
  vehicleOperation: Money.default("0"),
  reception: Money.default("0"),
  priorAbroad: Money.nullable().optional(),
  priorVehiclePurchase: Money.nullable().optional(),
  priorVehicleOperation: Money.nullable().optional(),
  priorReception: Money.nullable().optional(),
  statedTotal: Money.nullable().optional(),
  changeReason: z.string().max(2000).nullable().optional(),
});
export const ProcurementLineSchema = z.object({
  projectId: z.string().uuid().nullable().optional(),
  catalogCode: z.string().min(1).max(20).openapi({ example: "C0206" }),
  itemName: z.string().min(1).max(200),
  category: z.enum(["goods", "works", "services"]).nullable().optional(),
  quantity: Quantity.nullable().optional(),
  unit: z.string().max(20).nullable().optional(),
  unitPrice: Money.nullable().optional(),
  amount: Money,
  fundingSource: z.string().max(100).nullable().optional(),
});
export const AssetSummarySchema = z.object({
  buildings: Money.default("0"),
  vehicles: Money.default("0"),
  other: Money.default("0"),
  statedTotal: Money.nullable().optional(),
  vehicleCount: z.number().int().min(0).nullable().optional(),
  buildingArea: Quantity.nullable().optional(),
});

export const SectionsSchema = z
  .object({
    income: z.array(IncomeLineSchema).max(500).default([]),
    spending: z.array(SpendingLineSchema).max(2000).default([]),
    threePublic: ThreePublicSchema.nullable().default(null),
    procurement: z.array(ProcurementLineSchema).max(2000).default([]),
    assets: AssetSummarySchema.nullable().default(null),
  })
  .openapi("BudgetSections");

const Problem = z.object({ code: z.string(), message: z.string(), messageEn: z.string(), path: z.string() });

export const BudgetSchema = z
  .object({
    id: z.string().uuid(),
    orgId: z.string().uuid(),
    orgName: z.string(),
    year: z.number().int(),
    revision: z.number().int(),
    incomeTotal: Money.nullable(),
    expenditureTotal: Money.nullable(),
    operatingFunds: Money.nullable(),
    notes: z.string().nullable(),
    state: z.enum(WORKFLOW_STATES),
    submittedBy: z
      .string()
      .uuid()
      .nullable()
      .openapi({ description: "Who submitted the current round (they may not review it)" }),
    sections: SectionsSchema,
    /** What does not add up, kept as written: 三公 ≠ its parts, 数量 × 单价 ≠ 金额, 资产合计 ≠ its parts, totals. */
    problems: z.array(Problem),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi("DepartmentBudget");

type Problem = z.infer<typeof Problem>;
const fen = (v: string | null | undefined): Fen | undefined =>
  v === null || v === undefined ? undefined : parseYuan(v);

/** The budget arithmetic that must hold (DOMAIN.md), checked with core's exact money; nothing is "fixed". */
export function budgetProblems(b: BudgetWithOrg, s: Sections): Problem[] {
  const out: Problem[] = [];
  const total = (path: string, stated: Fen | undefined, parts: (Fen | undefined)[], zh: string, en: string) => {
    if (stated === undefined) return;
    const c = checkTotal(stated, parts);
    if (!c.holds) {
      out.push({
        code: "total_mismatch",
        path,
        message: `${zh}：填报 ${formatYuan(stated)}，各项合计 ${formatYuan(c.sum)}，相差 ${formatYuan(c.difference)}`,
        messageEn: `${en}: stated ${formatYuan(stated)}, parts sum to ${formatYuan(c.sum)}, difference ${formatYuan(c.difference)}`,
      });
    }
  };
  total(
    "incomeTotal",
    fen(b.incomeTotal),
    s.income.map((l) => fen(l.amount)),
    "收入合计",
    "income total",
  );
  total(
    "expenditureTotal",
    fen(b.expenditureTotal),
    s.spending.map((l) => fen(l.amount)),
    "支出合计",
    "expenditure total",
  );
  if (s.threePublic) {
    const t = s.threePublic;
    total(
      "threePublic.statedTotal",
      fen(t.statedTotal),
      [fen(t.abroad), fen(t.vehiclePurchase), fen(t.vehicleOperation), fen(t.reception)],
      "“三公”经费",
      "three-public spending",
    );
  }
  if (s.assets) {
    const a = s.assets;
    total(
      "assets.statedTotal",
      fen(a.statedTotal),
      [fen(a.buildings), fen(a.vehicles), fen(a.other)],
      "国有资产合计",
      "asset total",
    );
  }
  s.procurement.forEach((p, i) => {
    const q = p.quantity === null ? undefined : decimal.parseDecimal(p.quantity);
    const price = fen(p.unitPrice);
    const amount = fen(p.amount);
    if (!q || price === undefined || amount === undefined) return;
    const product = decimal.mul(q, decimal.fromInt(price));
    if (decimal.cmp(product, decimal.fromInt(amount)) !== 0) {
      out.push({
        code: "procurement_amount",
        path: `procurement[${i}]`,
        message: `政府采购「${p.itemName}」：数量 ${p.quantity} × 单价 ${formatYuan(price)} = ${decimal.toFixed(decimal.div(product, decimal.fromInt(100n)), 2)}，与金额 ${formatYuan(amount)} 不符`,
        messageEn: `procurement "${p.itemName}": quantity ${p.quantity} × unit price ${formatYuan(price)} = ${decimal.toFixed(decimal.div(product, decimal.fromInt(100n)), 2)}, not the amount ${formatYuan(amount)}`,
      });
    }
  });
  return out;
}

/** A department budget as the API shows it. */
export type Budget = z.infer<typeof BudgetSchema>;

export function presentBudget(b: BudgetWithOrg, s: Sections): z.infer<typeof BudgetSchema> {
  const strip = <T extends object>(rows: T[]) =>
    rows.map((r) => {
      const {
        budgetId: _b,
        id: _i,
        sortOrder: _s,
        ...rest
      } = r as T & { budgetId?: string; id?: string; sortOrder?: number };
      return rest;
    });
  const one = <T extends object>(r: T | null) => (r ? (strip([r])[0] ?? null) : null);
  return {
    id: b.id,
    orgId: b.orgId,
    orgName: b.orgName,
    year: b.year,
    revision: b.revision,
    incomeTotal: b.incomeTotal,
    expenditureTotal: b.expenditureTotal,
    operatingFunds: b.operatingFunds,
    notes: b.notes,
    state: b.workflowState,
    submittedBy: b.submittedBy,
    // The enum-like text columns hold only what the input schema let in (and check constraints): typed as such.
    sections: {
      income: strip(s.income),
      spending: strip(s.spending),
      threePublic: one(s.threePublic),
      procurement: strip(s.procurement),
      assets: one(s.assets),
    } as z.infer<typeof SectionsSchema>,
    problems: budgetProblems(b, s),
    version: b.version,
    updatedAt: b.updatedAt.toISOString(),
  };
}

/** GET /budgets/{id}/sections: the sections as in the budget, with the budget's version (to save them back). */
export const BudgetSectionsSchema = SectionsSchema.extend({
  budgetId: z.string().uuid(),
  state: z.enum(WORKFLOW_STATES),
  problems: z.array(Problem),
  version: z.number().int(),
}).openapi("BudgetSectionsWithVersion");

export function presentSections(b: BudgetWithOrg, s: Sections): z.infer<typeof BudgetSectionsSchema> {
  const full = presentBudget(b, s);
  return { ...full.sections, budgetId: b.id, state: full.state, problems: full.problems, version: full.version };
}
