/**
 * Seed 001 (赵县公安局 2017 budget disclosure) imported through the server's import API into a department under
 * the test world's city: the department's budget and its 交警大队's (a child organisation the commit creates).
 * Accounts at the department: deptFiller (filler), deptApprover (unit approver); the world's reviewer (city)
 * reviews it. Shared by the budget export, workflow and publication tests.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { expect } from "vitest";
import { departmentBudgets } from "../../src/budgets/schema.ts";
import { insertOrganisation } from "../../src/orgs/repository.ts";
import { type OrganisationRow, organisations } from "../../src/orgs/schema.ts";
import { fiscalYears } from "../../src/years/schema.ts";
import { type Client, createAccount, type TestApp } from "./app.ts";
import { uploadRaw } from "./upload.ts";

export const SEED_001 = join(import.meta.dirname, "../../../../fixtures/seeds/001_cf6ae51127079c27.txt");

export interface BudgetSeed {
  dept: OrganisationRow;
  child: OrganisationRow;
  /** The department's budget and the 交警大队's. */
  deptBudgetId: string;
  childBudgetId: string;
  filler: Client;
  approver: Client;
}

export async function importSeed001(t: TestApp): Promise<BudgetSeed> {
  await t.deps.db.insert(fiscalYears).values({ year: 2017 }).onConflictDoNothing();
  const dept = await insertOrganisation(
    t.deps.db,
    { parentId: t.world.city.id, code: "130133", name: "赵县公安局", nature: "行政", rank: "正科级" },
    t.world.city,
  );
  await createAccount(t.deps.db, { username: "deptFiller", roles: [{ role: "filler", orgId: dept.id }] });
  await createAccount(t.deps.db, { username: "deptApprover", roles: [{ role: "unit_approver", orgId: dept.id }] });
  const filler = await t.as("deptFiller");
  const approver = await t.as("deptApprover");
  const up = await uploadRaw(t, filler, new Uint8Array(readFileSync(SEED_001)), {
    orgId: dept.id,
    year: 2017,
    fileName: "001_cf6ae51127079c27.txt",
  });
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  const c = await filler.post(`/imports/${up.body.id}/commit`);
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  const [child] = await t.deps.db.select().from(organisations).where(eq(organisations.parentId, dept.id));
  const budgetOf = async (orgId: string) =>
    (
      await t.deps.db
        .select({ id: departmentBudgets.id })
        .from(departmentBudgets)
        .where(and(eq(departmentBudgets.orgId, orgId), eq(departmentBudgets.year, 2017)))
        .orderBy(asc(departmentBudgets.revision))
    )[0]!.id;
  return {
    dept,
    child: child!,
    deptBudgetId: await budgetOf(dept.id),
    childBudgetId: await budgetOf(child!.id),
    filler,
    approver,
  };
}
