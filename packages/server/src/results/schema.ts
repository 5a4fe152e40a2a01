/**
 * 结果应用 rules (issue 17 point 2): the rule set a finance bureau (a reviewer's organisation) sets for a budget
 * year — what each grade of last year's evaluation and each execution-rate threshold means for the year's budget.
 * One row per organisation and year; an organisation without one uses its nearest ancestor's, else core's
 * DEFAULT_RESULT_RULES. The rules are core's `ResultRules`, checked by core before they are stored.
 */
import type { ResultRules } from "@jixiao/core/results";
import { integer, jsonb, pgTable, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt, version } from "../db/columns.ts";
import { organisations } from "../orgs/schema.ts";
import { fiscalYears } from "../years/schema.ts";

export const resultRules = pgTable(
  "result_rules",
  {
    id: id(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** The budget year the rules give recommendations for (from the evaluations of year − 1). */
    year: integer("year")
      .notNull()
      .references(() => fiscalYears.year),
    rules: jsonb("rules").$type<ResultRules>().notNull(),
    updatedBy: uuid("updated_by"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("result_rules_org_year_uq").on(t.orgId, t.year)],
);

export type ResultRulesRow = typeof resultRules.$inferSelect;
