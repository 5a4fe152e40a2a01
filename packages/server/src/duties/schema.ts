/**
 * 部门职责 → 工作活动 (duty → activity goal table, seeds 000/001): each activity has an annual budget,
 * content and goal; its indicators carry the four-tier standards 优 / 良 / 中 / 差 as written.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, money, updatedAt, version } from "../db/columns.ts";
import { organisations } from "../orgs/schema.ts";
import { fiscalYears } from "../years/schema.ts";

export const duties = pgTable(
  "duties",
  {
    id: id(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    year: integer("year")
      .notNull()
      .references(() => fiscalYears.year),
    name: text("name").notNull(),
    description: text("description"),
    /** The duty's budget as stated (should equal the sum of its activities; checked, not forced). */
    statedBudget: money("stated_budget"),
    sortOrder: integer("sort_order").notNull().default(0),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("duties_org_year_idx").on(t.orgId, t.year)],
);

export const activities = pgTable(
  "activities",
  {
    id: id(),
    dutyId: uuid("duty_id")
      .notNull()
      .references(() => duties.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    budget: money("budget"),
    content: text("content"),
    goal: text("goal"),
    sortOrder: integer("sort_order").notNull().default(0),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("activities_duty_idx").on(t.dutyId)],
);

export const activityIndicators = pgTable(
  "activity_indicators",
  {
    id: id(),
    activityId: uuid("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    targetText: text("target_text"),
    targetParsed: jsonb("target_parsed"),
    /** Four-tier standards as written: 优 / 良 / 中 / 差 (may overlap or be inverted in real documents). */
    standardExcellent: text("standard_excellent"),
    standardGood: text("standard_good"),
    standardFair: text("standard_fair"),
    standardPoor: text("standard_poor"),
    /** The standards as parsed by @jixiao/core, when parsed. */
    standardsParsed: jsonb("standards_parsed"),
    /** 实际完成值 as written (after the year), and the tier it reached by the standards (优/良/中/差), stored. */
    actualText: text("actual_text"),
    tierReached: text("tier_reached"),
    sortOrder: integer("sort_order").notNull().default(0),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("activity_indicators_activity_idx").on(t.activityId),
    check("activity_indicators_tier_ck", sql`${t.tierReached} IS NULL OR ${t.tierReached} IN ('优', '良', '中', '差')`),
  ],
);
