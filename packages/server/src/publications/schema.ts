/**
 * Published documents (信息公开): an explicit act on an approved version, frozen as it was — the normalised
 * document and the hashes of the files rendered from it. Withdrawing keeps the row (and who, when, why); the
 * public site shows only rows not withdrawn.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id } from "../db/columns.ts";
import { organisations } from "../orgs/schema.ts";

export const publications = pgTable(
  "publications",
  {
    id: id(),
    entityType: text("entity_type").notNull(),
    entityId: uuid("entity_id").notNull(),
    entityVersion: integer("entity_version").notNull(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    year: integer("year").notNull(),
    title: text("title").notNull(),
    /** The normalised document as published (frozen). */
    document: jsonb("document").notNull(),
    /** Per format: file name, size and SHA-256 of the file rendered at publication. */
    files: jsonb("files").notNull(),
    publishedBy: uuid("published_by").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    withdrawnBy: uuid("withdrawn_by"),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    withdrawReason: text("withdraw_reason"),
  },
  (t) => [
    index("publications_org_year_idx").on(t.orgId, t.year),
    uniqueIndex("publications_live_uq")
      .on(t.entityType, t.entityId, t.entityVersion)
      .where(sql`${t.withdrawnAt} IS NULL`),
    check("publications_type_ck", sql`${t.entityType} IN ('project', 'goal', 'evaluation', 'budget')`),
  ],
);

export type PublicationRow = typeof publications.$inferSelect;
