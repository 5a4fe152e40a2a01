/**
 * The bureau's marks on indicator library entries (指标库): per governing organisation (the finance bureau, a
 * reviewer's organisation) and normalised indicator name, `recommended` or `not_allowed`. The library itself is not
 * stored: it is a query over the approved goals (library/repository.ts).
 */
import { sql } from "drizzle-orm";
import { check, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt, version } from "../db/columns.ts";
import { organisations } from "../orgs/schema.ts";

export const LIBRARY_MARKS = ["recommended", "not_allowed"] as const;
export type LibraryMarkValue = (typeof LIBRARY_MARKS)[number];

export const libraryMarks = pgTable(
  "library_marks",
  {
    id: id(),
    /** The bureau whose library the mark belongs to (its subtree sees it). */
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** core's normaliseIndicatorName of the name. */
    key: text("key").notNull(),
    /** The name as the reviewer wrote it. */
    name: text("name").notNull(),
    mark: text("mark").$type<LibraryMarkValue>().notNull(),
    note: text("note"),
    markedBy: uuid("marked_by"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("library_marks_org_key_uq").on(t.orgId, t.key),
    check("library_marks_mark_ck", sql`${t.mark} IN ('recommended', 'not_allowed')`),
  ],
);

export type LibraryMarkRow = typeof libraryMarks.$inferSelect;
