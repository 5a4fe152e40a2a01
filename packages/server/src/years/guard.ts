/** A closed fiscal year accepts no more changes to its budgets, goals, evaluations or figures. */
import { eq } from "drizzle-orm";
import type { Db } from "../db/open.ts";
import { ServerError } from "../http/errors.ts";
import { fiscalYears } from "./schema.ts";

export async function assertOpenYear(db: Db, year: number): Promise<void> {
  const [row] = await db.select({ status: fiscalYears.status }).from(fiscalYears).where(eq(fiscalYears.year, year));
  if (row?.status === "closed") {
    throw new ServerError(
      "not_editable",
      { zh: `预算年度 ${year} 已关闭，不能再修改`, en: `Fiscal year ${year} is closed: no more changes` },
      { details: { year } },
    );
  }
}
