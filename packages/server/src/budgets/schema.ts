/**
 * Department budgets (部门预算) of one organisation and fiscal year, as disclosed in the nine standard tables:
 * income lines, spending lines (基本支出 人员/公用, 项目支出), 三公经费 with the prior year, procurement
 * lines, the asset summary, and budget execution (年初 + 调整 = 确定; 执行, optionally per month).
 * All amounts are numeric(18,2) in 元.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import {
  createdAt,
  id,
  money,
  quantity,
  updatedAt,
  version,
  workflowState,
  workflowStateCheck,
} from "../db/columns.ts";
import { organisations } from "../orgs/schema.ts";
import { projects } from "../projects/schema.ts";
import { fiscalYears } from "../years/schema.ts";

export const departmentBudgets = pgTable(
  "department_budgets",
  {
    id: id(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    year: integer("year")
      .notNull()
      .references(() => fiscalYears.year),
    /** Budget revision: 1 = 年初; a later adjustment (预算调整) makes revision 2… and keeps the old one. */
    revision: integer("revision").notNull().default(1),
    incomeTotal: money("income_total"),
    expenditureTotal: money("expenditure_total"),
    /** 机关运行经费 */
    operatingFunds: money("operating_funds"),
    notes: text("notes"),
    workflowState: workflowState(),
    /** Who submitted the current round (they may not unit-approve, approve or return it). */
    submittedBy: uuid("submitted_by"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("department_budgets_org_year_rev_uq").on(t.orgId, t.year, t.revision),
    workflowStateCheck("department_budgets", t.workflowState),
  ],
);

/** 收入: 一般公共预算拨款, 政府性基金, 事业收入, 上年结转 … with the prior year's figure. */
export const budgetIncomeLines = pgTable(
  "budget_income_lines",
  {
    id: id(),
    budgetId: uuid("budget_id")
      .notNull()
      .references(() => departmentBudgets.id, { onDelete: "cascade" }),
    category: text("category").notNull(),
    amount: money("amount").notNull(),
    priorAmount: money("prior_amount"),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [index("budget_income_lines_budget_idx").on(t.budgetId)],
);

/** 支出: kind basic (人员 / 公用) or project; optional functional classification code (功能分类 2140… ). */
export const budgetSpendingLines = pgTable(
  "budget_spending_lines",
  {
    id: id(),
    budgetId: uuid("budget_id")
      .notNull()
      .references(() => departmentBudgets.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    subkind: text("subkind"),
    classCode: text("class_code"),
    name: text("name").notNull(),
    amount: money("amount").notNull(),
    priorAmount: money("prior_amount"),
    projectId: uuid("project_id").references(() => projects.id, { onDelete: "set null" }),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [
    index("budget_spending_lines_budget_idx").on(t.budgetId),
    check("budget_spending_lines_kind_ck", sql`${t.kind} IN ('basic', 'project')`),
    check("budget_spending_lines_subkind_ck", sql`${t.subkind} IS NULL OR ${t.subkind} IN ('personnel', 'public')`),
  ],
);

/** 三公经费: 因公出国(境), 公务用车购置, 公务用车运行维护, 公务接待 — this year and the prior year. */
export const threePublicSpending = pgTable("three_public_spending", {
  budgetId: uuid("budget_id")
    .primaryKey()
    .references(() => departmentBudgets.id, { onDelete: "cascade" }),
  abroad: money("abroad").notNull().default("0"),
  vehiclePurchase: money("vehicle_purchase").notNull().default("0"),
  vehicleOperation: money("vehicle_operation").notNull().default("0"),
  reception: money("reception").notNull().default("0"),
  priorAbroad: money("prior_abroad"),
  priorVehiclePurchase: money("prior_vehicle_purchase"),
  priorVehicleOperation: money("prior_vehicle_operation"),
  priorReception: money("prior_reception"),
  /** The stated total as written in the document (kept even when it does not add up). */
  statedTotal: money("stated_total"),
  changeReason: text("change_reason"),
});

/** 政府采购预算: catalog code (C0206, B01, A…), quantity × unit price = amount, funding source. */
export const procurementLines = pgTable(
  "procurement_lines",
  {
    id: id(),
    budgetId: uuid("budget_id")
      .notNull()
      .references(() => departmentBudgets.id, { onDelete: "cascade" }),
    projectId: uuid("project_id").references(() => projects.id, { onDelete: "set null" }),
    catalogCode: text("catalog_code").notNull(),
    itemName: text("item_name").notNull(),
    /** goods 货物 / works 工程 / services 服务 */
    category: text("category"),
    quantity: quantity("quantity"),
    unit: text("unit"),
    unitPrice: money("unit_price"),
    amount: money("amount").notNull(),
    fundingSource: text("funding_source"),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [index("procurement_lines_budget_idx").on(t.budgetId)],
);

/** 国有资产: total = buildings + vehicles + other (the stated total is kept beside the parts). */
export const assetSummaries = pgTable("asset_summaries", {
  budgetId: uuid("budget_id")
    .primaryKey()
    .references(() => departmentBudgets.id, { onDelete: "cascade" }),
  buildings: money("buildings").notNull().default("0"),
  vehicles: money("vehicles").notNull().default("0"),
  other: money("other").notNull().default("0"),
  statedTotal: money("stated_total"),
  vehicleCount: integer("vehicle_count"),
  buildingArea: quantity("building_area"),
});

/**
 * Budget execution (预算执行): 年初预算数 + 预算调整数 = 预算确定数; 执行数. Scope is the whole department,
 * basic or project spending, or one project; month 1–12 for monitoring figures, NULL for the full year.
 */
export const budgetExecution = pgTable(
  "budget_execution",
  {
    id: id(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    year: integer("year")
      .notNull()
      .references(() => fiscalYears.year),
    scope: text("scope").notNull(),
    projectId: uuid("project_id").references(() => projects.id, { onDelete: "cascade" }),
    month: integer("month"),
    initialBudget: money("initial_budget"),
    adjustment: money("adjustment"),
    determinedBudget: money("determined_budget"),
    executed: money("executed"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("budget_execution_org_year_idx").on(t.orgId, t.year),
    uniqueIndex("budget_execution_uq").on(
      t.orgId,
      t.year,
      t.scope,
      sql`coalesce(${t.projectId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      sql`coalesce(${t.month}, 0)`,
    ),
    check("budget_execution_scope_ck", sql`${t.scope} IN ('total', 'basic', 'project_spending', 'project')`),
    check("budget_execution_month_ck", sql`${t.month} IS NULL OR ${t.month} BETWEEN 1 AND 12`),
  ],
);
