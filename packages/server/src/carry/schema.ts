/**
 * Carry-forward (issue 17 point 4): which record of last year a new year's draft was started from. One row per
 * carried duty, project or department-overall goal; the unique key (kind, source, target year) makes running the carry-forward again a
 * no-op for what was already carried. Activities and indicators go with their duty or project; last year's
 * actual values are read from where they live (the duty's activity indicators, the project's self-evaluation).
 */
import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "../db/columns.ts";
import { organisations } from "../orgs/schema.ts";
import { fiscalYears } from "../years/schema.ts";

export const CARRIED_KINDS = ["duty", "project", "goal"] as const;
export type CarriedKind = (typeof CARRIED_KINDS)[number];

export const carriedRecords = pgTable(
  "carried_records",
  {
    id: id(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    fromYear: integer("from_year").notNull(),
    toYear: integer("to_year")
      .notNull()
      .references(() => fiscalYears.year),
    kind: text("kind").$type<CarriedKind>().notNull(),
    /** Last year's duty, project or department goal. */
    sourceId: uuid("source_id").notNull(),
    /** The draft made from it (the row may since have been deleted by the unit: then it may be carried again). */
    targetId: uuid("target_id").notNull(),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("carried_records_source_uq").on(t.kind, t.sourceId, t.toYear),
    index("carried_records_org_year_idx").on(t.orgId, t.toYear),
    index("carried_records_target_idx").on(t.targetId),
    check("carried_records_kind_ck", sql`${t.kind} IN ('duty', 'project', 'goal')`),
  ],
);

export type CarriedRecordRow = typeof carriedRecords.$inferSelect;
