/** Fiscal years (预算年度). A closed year accepts no more edits to its budgets and goals. */
import { sql } from "drizzle-orm";
import { check, integer, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, updatedAt, version } from "../db/columns.ts";

export const fiscalYears = pgTable(
  "fiscal_years",
  {
    year: integer("year").primaryKey(),
    status: text("status").notNull().default("open"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("fiscal_years_year_ck", sql`${t.year} BETWEEN 2000 AND 2100`),
    check("fiscal_years_status_ck", sql`${t.status} IN ('open', 'closed')`),
  ],
);
