/**
 * Organisations as a tree (province > city > county > unit). `path` is the materialised path of ids
 * ("/<root id>/<child id>/…/<own id>/"), so a subtree is `path LIKE '<path>%'` — no ltree extension needed.
 */
import { sql } from "drizzle-orm";
import { type AnyPgColumn, check, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt, version } from "../db/columns.ts";

export const ORG_NATURES = ["行政", "事业", "企业", "其他"] as const;

export const organisations = pgTable(
  "organisations",
  {
    id: id(),
    parentId: uuid("parent_id").references((): AnyPgColumn => organisations.id, { onDelete: "restrict" }),
    path: text("path").notNull(),
    depth: integer("depth").notNull().default(0),
    /** The unit code as printed in the budget documents, e.g. `312007`. Unique among siblings. */
    code: text("code").notNull(),
    name: text("name").notNull(),
    /** 单位性质: 行政 / 事业 … */
    nature: text("nature"),
    /** 单位级别: 正科级, 副处级 … */
    rank: text("rank"),
    /** 经费形式: 财政拨款, 财政补助 … */
    fundingForm: text("funding_form"),
    sortOrder: integer("sort_order").notNull().default(0),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("organisations_path_uq").on(t.path),
    uniqueIndex("organisations_parent_code_uq").on(t.parentId, t.code),
    index("organisations_code_idx").on(t.code),
    index("organisations_path_pattern_idx").on(sql`${t.path} text_pattern_ops`),
    check("organisations_nature_ck", sql`${t.nature} IS NULL OR ${t.nature} IN ('行政', '事业', '企业', '其他')`),
  ],
);

export type OrganisationRow = typeof organisations.$inferSelect;
