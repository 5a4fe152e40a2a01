/**
 * Seed 001 (赵县公安局 2017 budget disclosure) through the import API on both stores, checked against the
 * independently transcribed fixtures/expected/001 JSON: the department (the chosen organisation) and its
 * 交警大队 (a child organisation the commit creates, or the one the client names) each get their own goal
 * tables and budget — income, spending, every 三公 figure with the prior year, every procurement line, both
 * asset tables. Re-import: the same file changes nothing; a changed file replaces the budgets in one
 * transaction, audited with counts before and after. A failure half-way writes nothing.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { and, asc, eq, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import {
  assetSummaries,
  budgetIncomeLines,
  budgetSpendingLines,
  departmentBudgets,
  procurementLines,
  threePublicSpending,
} from "../src/budgets/schema.ts";
import { activities, activityIndicators, duties } from "../src/duties/schema.ts";
import { imports } from "../src/imports/schema.ts";
import { insertOrganisation } from "../src/orgs/repository.ts";
import { type OrganisationRow, organisations } from "../src/orgs/schema.ts";
import { projects } from "../src/projects/schema.ts";
import { fiscalYears } from "../src/years/schema.ts";
import { type Client, createAccount } from "./support/app.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";
import { uploadRaw } from "./support/upload.ts";

const FIXTURES = join(import.meta.dirname, "../../../fixtures");
const SEED = readFileSync(join(FIXTURES, "seeds/001_cf6ae51127079c27.txt"));
// biome-ignore lint/suspicious/noExplicitAny: the expected file is read loosely; its shape is the test's subject.
const X: any = JSON.parse(readFileSync(join(FIXTURES, "expected/001_cf6ae51127079c27.json"), "utf8"));
const XD = X.disclosure;

/** Exact amounts written in 万元 or 元 → fen (string arithmetic, no floats, independent of core). */
function fen(text: string, unit: "万元" | "元"): bigint {
  const [i, f = ""] = text.split(".");
  const places = unit === "万元" ? 6 : 2;
  if (f.length > places) throw new Error(`too many decimals: ${text}`);
  return BigInt(i! + f.padEnd(places, "0"));
}
const yuan = (f: bigint) => `${f / 100n}.${(f % 100n).toString().padStart(2, "0")}`;
const wan = (text: string) => yuan(fen(text, "万元"));
/** numeric(18,4) quantities come back as `1.0000`: compare as written. */
const qty = (q: string | null) => (q === null ? null : q.replace(/\.?0+$/, ""));

const UNIT_312 = X.organisations[0].name as string; // 赵县公安局
const UNIT_312007 = X.organisations[1].name as string; // 河北省赵县公安交通警察大队

describe.each(STORES)("budget disclosure import (seed 001) on %s", (kind) => {
  const { t } = appForSuite(kind);
  let dept: OrganisationRow;
  let filler: Client;
  let cityFiller: Client;

  beforeAll(async () => {
    await t.deps.db.insert(fiscalYears).values({ year: 2017 }).onConflictDoNothing();
    // The department: a county-level organisation under the city (depth 2), with its own filler.
    dept = await insertOrganisation(
      t.deps.db,
      { parentId: t.world.city.id, code: "130133", name: "赵县公安局" },
      t.world.city,
    );
    await createAccount(t.deps.db, { username: "deptFiller", roles: [{ role: "filler", orgId: dept.id }] });
    await createAccount(t.deps.db, { username: "cityFiller", roles: [{ role: "filler", orgId: t.world.city.id }] });
    filler = await t.as("deptFiller");
    cityFiller = await t.as("cityFiller");
  });

  const upload = (bytes: Uint8Array, year: number, c = filler, orgId = dept.id) =>
    uploadRaw(t, c, bytes, { orgId, year, fileName: "001_cf6ae51127079c27.txt" });
  const childrenOf = (id: string) =>
    t.deps.db.select().from(organisations).where(eq(organisations.parentId, id)).orderBy(asc(organisations.code));
  const budgetOf = async (orgId: string, year: number) =>
    (
      await t.deps.db
        .select()
        .from(departmentBudgets)
        .where(and(eq(departmentBudgets.orgId, orgId), eq(departmentBudgets.year, year)))
    )[0];
  const count = async (table: typeof auditEvents | typeof organisations | typeof departmentBudgets) =>
    (await t.deps.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(table))[0]!.n;

  /** Each duty of an organisation and year: name, activity names, indicators [name, 优, 良, 中, 差]. */
  async function dutiesIn(orgId: string, year: number) {
    const ds = await t.deps.db
      .select()
      .from(duties)
      .where(and(eq(duties.orgId, orgId), eq(duties.year, year)))
      .orderBy(asc(duties.sortOrder));
    const out = [];
    for (const d of ds) {
      const acts = await t.deps.db
        .select()
        .from(activities)
        .where(eq(activities.dutyId, d.id))
        .orderBy(asc(activities.sortOrder));
      const inds = [];
      for (const a of acts) {
        const rows = await t.deps.db
          .select()
          .from(activityIndicators)
          .where(eq(activityIndicators.activityId, a.id))
          .orderBy(asc(activityIndicators.sortOrder));
        inds.push(...rows.map((r) => [r.name, r.standardExcellent, r.standardGood, r.standardFair, r.standardPoor]));
      }
      out.push({ name: d.name, budget: d.statedBudget, activities: acts.map((a) => a.name), indicators: inds });
    }
    return out;
  }

  /** The expected duties of a goal table, a name the table repeats being one duty with every activity. */
  function expectedDuties(table: number) {
    // biome-ignore lint/suspicious/noExplicitAny: see X.
    const byName = new Map<string, { name: string; budget: string | null; activities: string[]; indicators: any[] }>();
    for (const d of X.dutyGoals[table].duties) {
      let m = byName.get(d.name);
      if (!m) {
        m = { name: d.name, budget: null, activities: [], indicators: [] };
        byName.set(d.name, m);
      }
      m.budget ??= d.budget === null ? null : wan(d.budget);
      if (d.indicators.length > 0) {
        m.activities.push(d.name);
        m.indicators.push(...d.indicators);
      }
      for (const a of d.activities) {
        m.activities.push(a.name);
        m.indicators.push(...a.indicators);
      }
    }
    return [...byName.values()];
  }

  async function procurementOf(budgetId: string) {
    return t.deps.db
      .select()
      .from(procurementLines)
      .where(eq(procurementLines.budgetId, budgetId))
      .orderBy(asc(procurementLines.sortOrder));
  }

  let importId: string;

  it("previews the two units (the department, the 交警大队 to create) and what each budget will hold", async () => {
    const up = await upload(new Uint8Array(SEED), 2017);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    importId = up.body.id;
    expect(up.body.units).toEqual([
      { unit: UNIT_312, code: "312", action: "department", orgId: dept.id, orgName: dept.name, orgCode: dept.code },
      {
        unit: UNIT_312007,
        code: "312007",
        aliases: X.organisations[1].aliases,
        action: "create",
        orgName: UNIT_312007,
        orgCode: "312007",
      },
    ]);
    const plan = up.body.plan as {
      kind: string;
      name: string;
      action: string;
      unit?: string;
      sections?: object;
      reason?: string;
    }[];
    expect(plan.filter((p) => p.kind === "organisation").map((p) => [p.name, p.action])).toEqual([
      [UNIT_312, "match"],
      [UNIT_312007, "create"],
    ]);
    const budgets = plan.filter((p) => p.kind === "budget");
    expect(budgets.map((b) => [b.unit, b.action, b.sections])).toEqual([
      [
        UNIT_312,
        "create",
        {
          income: XD.overview.parts.length,
          spending: XD.overview.parts.length,
          threePublic: 1,
          procurement: XD.procurement[0].lines.length,
          assets: 1,
        },
      ],
      [
        UNIT_312007,
        "create",
        { income: 0, spending: 0, threePublic: 0, procurement: XD.procurement[1].lines.length, assets: 1 },
      ],
    ]);
    expect(budgets[0]!.reason).toContain(`${XD.procurement[0].lines.length} 条政府采购`);
    const dutyPlan = plan.filter((p) => p.kind === "duty");
    expect(dutyPlan.filter((p) => p.unit === UNIT_312)).toHaveLength(expectedDuties(0).length);
    expect(dutyPlan.filter((p) => p.unit === UNIT_312007)).toHaveLength(expectedDuties(1).length);
    // Nothing written by a preview.
    expect(await childrenOf(dept.id)).toEqual([]);
    expect(await budgetOf(dept.id, 2017)).toBeUndefined();
  });

  it("commits each unit's goal tables and budget into its own organisation, creating the 交警大队 under the department", async () => {
    const c = await filler.post(`/imports/${importId}/commit`);
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    expect(c.body.unchanged).toBe(false);
    const [child, ...more] = await childrenOf(dept.id);
    expect(more).toEqual([]);
    expect(child).toMatchObject({
      code: "312007",
      name: UNIT_312007,
      path: `${dept.path}${child!.id}/`,
      depth: dept.depth + 1,
      nature: XD.units[1][1],
      rank: XD.units[1][2],
      fundingForm: XD.units[1][3],
    });
    expect(c.body.import.created.organisations).toEqual([child!.id]);
    expect(c.body.import.units[1]).toMatchObject({ action: "create", orgId: child!.id });
    const created = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.entityId, child!.id));
    expect(created.map((a) => a.action)).toEqual(["org.create"]);

    // Goal tables: every duty, activity and four-tier indicator, each unit's in its own organisation.
    for (const [orgId, table] of [
      [dept.id, 0],
      [child!.id, 1],
    ] as const) {
      const got = await dutiesIn(orgId, 2017);
      const want = expectedDuties(table);
      expect(got.map((d) => d.name)).toEqual(want.map((d) => d.name));
      for (const [i, w] of want.entries()) {
        expect(got[i]!.budget, w.name).toBe(w.budget);
        expect(got[i]!.activities, w.name).toEqual(w.activities);
        expect(got[i]!.indicators, w.name).toEqual(w.indicators);
      }
    }
    expect(X.summary.indicators).toBe(
      expectedDuties(0).reduce((n, d) => n + d.indicators.length, 0) +
        expectedDuties(1).reduce((n, d) => n + d.indicators.length, 0),
    );

    // The department's budget: header, income and spending with the prior year where the text gives it.
    const b = (await budgetOf(dept.id, 2017))!;
    expect(b.incomeTotal).toBe(wan(XD.overview.total));
    expect(b.operatingFunds).toBe(wan(XD.runningCosts));
    expect(b.notes).toContain(XD.sectionHeadings[3]);
    const priorOf = (label: string) => {
      const c = XD.overview.comparisons.find((x: [string]) => x[0] === label);
      const v = c?.[1].find((y: [number]) => y[0] === XD.year - 1);
      return v ? wan(v[1]) : null;
    };
    const income = await t.deps.db
      .select()
      .from(budgetIncomeLines)
      .where(eq(budgetIncomeLines.budgetId, b.id))
      .orderBy(asc(budgetIncomeLines.sortOrder));
    expect(income.map((l) => [l.category, l.amount, l.priorAmount])).toEqual(
      XD.overview.parts.map(([label, amount]: [string, string]) => [label, wan(amount), priorOf(label)]),
    );
    expect(income.find((l) => l.category === "人员经费")!.priorAmount).not.toBeNull();
    const spending = await t.deps.db
      .select()
      .from(budgetSpendingLines)
      .where(eq(budgetSpendingLines.budgetId, b.id))
      .orderBy(asc(budgetSpendingLines.sortOrder));
    expect(spending.map((l) => [l.name, l.amount])).toEqual(
      XD.overview.parts.map(([label, amount]: [string, string]) => [label, wan(amount)]),
    );
    expect(spending.filter((l) => l.kind === "basic").map((l) => [l.name, l.subkind])).toEqual([
      ["人员经费", "personnel"],
      ["正常公用经费", "public"],
    ]);

    // 三公: every figure this year as stated, the prior year worked back from the stated change.
    const [tp] = await t.deps.db.select().from(threePublicSpending).where(eq(threePublicSpending.budgetId, b.id));
    const xt = XD.threePublic;
    const change = (item: string) => {
      const [, dir, amount] = xt.changes.find((c: [string]) => c[0] === item);
      return (dir === "增加" ? 1n : -1n) * fen(amount, "万元");
    };
    expect(tp).toMatchObject({
      statedTotal: wan(xt.total),
      abroad: wan(xt.abroad),
      vehiclePurchase: yuan(fen(xt.vehiclePurchase[0], xt.vehiclePurchase[1])),
      vehicleOperation: wan(xt.vehicleOperation),
      reception: wan(xt.reception),
      priorAbroad: null,
      priorVehiclePurchase: null,
      priorVehicleOperation: yuan(fen(xt.vehicles, "万元") - change("公务用车购置及运维费")),
      priorReception: yuan(fen(xt.reception, "万元") - change("公务接待费")),
    });
    for (const [, , amount, reason] of xt.changes) {
      expect(tp!.changeReason).toContain(amount);
      expect(tp!.changeReason).toContain(reason);
    }

    // Procurement: the department's table by source, the 交警大队's list, line by line.
    const p1 = await procurementOf(b.id);
    expect(p1.map((l) => [l.itemName, l.catalogCode, qty(l.quantity), l.unitPrice, l.amount])).toEqual(
      XD.procurement[0].lines.map((l: string[]) => [l[0], l[3], l[4], wan(l[5]!), wan(l[6]!)]),
    );
    expect(p1.map((l) => l.category)).toEqual(["services", "works", "goods"]);
    const cb = (await budgetOf(child!.id, 2017))!;
    expect(cb.incomeTotal).toBeNull();
    const p2 = await procurementOf(cb.id);
    expect(p2.map((l) => [l.itemName, qty(l.quantity), l.unitPrice, l.amount])).toEqual(
      XD.procurement[1].lines.map((l: (string | null)[]) => [l[2], l[3], wan(l[4]!), wan(l[5]!)]),
    );

    // Assets: both tables, each in its own unit's budget, in 元 from the unit they were written in.
    for (const [budgetId, a] of [
      [b.id, XD.assets[0]],
      [cb.id, XD.assets[1]],
    ] as const) {
      const [row] = await t.deps.db.select().from(assetSummaries).where(eq(assetSummaries.budgetId, budgetId));
      const amount = (i: number) => yuan(fen(a.lines[i][2], a.unit));
      expect(row).toMatchObject({
        statedTotal: yuan(fen(a.total, a.unit)),
        buildings: amount(0),
        vehicles: amount(1),
        other: amount(2),
        vehicleCount: Number(a.lines[1][1]),
      });
      expect(qty(row!.buildingArea)).toBe(a.lines[0][1]);
    }

    // What the API (and the web budget page) reads: both budgets under the department, with what does not add up.
    const listed = await filler.get(`/budgets?orgId=${dept.id}&year=2017`);
    expect(listed.status).toBe(200);
    const byOrg = new Map(listed.body.items.map((x: { orgId: string }) => [x.orgId, x]));
    // biome-ignore lint/suspicious/noExplicitAny: response read loosely.
    const mine: any = byOrg.get(dept.id);
    // biome-ignore lint/suspicious/noExplicitAny: response read loosely.
    const theirs: any = byOrg.get(child!.id);
    expect(mine.sections.procurement).toHaveLength(XD.procurement[0].lines.length);
    expect(mine.sections.threePublic.priorReception).toBe(tp!.priorReception);
    expect(theirs.sections.procurement).toHaveLength(XD.procurement[1].lines.length);
    // The 交警大队's asset total (853.46 万元) is not the sum of its parts (853.45): kept, and said.
    expect(theirs.problems.map((p: { path: string }) => p.path)).toContain("assets.statedTotal");
    // The 电子屏 line: 1 × 8.918 万元 ≠ 8.92 万元, kept as written.
    expect(theirs.problems.map((p: { code: string }) => p.code)).toContain("procurement_amount");

    const audit = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, "budget.import.create"));
    expect(audit.map((a) => [a.entityId, (a.details as { after: object }).after])).toEqual([
      [b.id, { income: 11, spending: 11, threePublic: 1, procurement: 3, assets: 1 }],
      [cb.id, { income: 0, spending: 0, threePublic: 0, procurement: 14, assets: 1 }],
    ]);
  });

  it("the same file again changes nothing; a changed file replaces the budgets in place, audited before/after", async () => {
    const before = { orgs: await count(organisations), budgets: await count(departmentBudgets) };
    const audits = await count(auditEvents);
    const again = await upload(new Uint8Array(SEED), 2017);
    expect(again.body.alreadyImportedAs).toBe(importId);
    const c = await filler.post(`/imports/${again.body.id}/commit`);
    expect(c.body.unchanged).toBe(true);
    expect(await count(auditEvents)).toBe(audits + 1); // the upload only
    expect(await count(organisations)).toBe(before.orgs);

    // The 摩托车 line bought 5 instead of 4 (7.90 万元): another file, same units.
    const text = SEED.toString("utf8");
    const old = "摩托车 GR150J\n\t4\n\t1.58\n\t6.32";
    expect(text).toContain(old);
    const changed = new TextEncoder().encode(text.replace(old, "摩托车 GR150J\n\t5\n\t1.58\n\t7.90"));
    const up = await upload(changed, 2017);
    expect(up.status).toBe(201);
    const [child] = await childrenOf(dept.id);
    expect(up.body.units[1]).toMatchObject({ action: "matched", orgId: child!.id });
    const budgets = up.body.plan.filter((p: { kind: string }) => p.kind === "budget");
    expect(budgets.map((p: { action: string }) => p.action)).toEqual(["update", "update"]);
    expect(budgets[1].replaces).toEqual(budgets[1].sections);
    const b1 = (await budgetOf(child!.id, 2017))!;
    const done = await filler.post(`/imports/${up.body.id}/commit`);
    expect(done.status).toBe(200);
    expect(done.body.import.created.organisations).toEqual([]);
    expect(await count(organisations)).toBe(before.orgs);
    expect(await count(departmentBudgets)).toBe(before.budgets);
    const b2 = (await budgetOf(child!.id, 2017))!;
    expect(b2.id).toBe(b1.id);
    expect(b2.version).toBe(b1.version + 1);
    const lines = await procurementOf(b2.id);
    expect(lines).toHaveLength(XD.procurement[1].lines.length);
    expect(lines.at(-1)).toMatchObject({ itemName: "摩托车 GR150J", amount: "79000.00" });
    expect(qty(lines.at(-1)!.quantity)).toBe("5");
    expect(await dutiesIn(child!.id, 2017)).toHaveLength(expectedDuties(1).length);
    const replaced = await t.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "budget.import.replace"), eq(auditEvents.entityId, b2.id)));
    expect(replaced.map((a) => a.details)).toMatchObject([
      {
        importId: up.body.id,
        before: { procurement: 14, assets: 1 },
        after: { procurement: 14, assets: 1 },
      },
    ]);
  });

  it("lets the client map a unit to an organisation of its choice, inside the department's subtree and scope only", async () => {
    const mine = await insertOrganisation(t.deps.db, { parentId: dept.id, code: "JJ", name: "赵县交警（已有）" }, dept);
    const up = await upload(new Uint8Array(SEED), 2024);
    expect(up.body.units[1]).toMatchObject({ action: "matched" }); // 312007, created above
    const commit = (body: object, c = filler) => c.post(`/imports/${up.body.id}/commit`, body);
    // Outside the department's subtree, though in the actor's scope (the city's filler): refused, saying where.
    const r1 = await commit({ unitOrgs: { [UNIT_312007]: t.world.unit.id } }, cityFiller);
    expect(r1.status).toBe(400);
    expect(r1.body.error.location.field).toBe(`unitOrgs.${UNIT_312007}`);
    // Outside the actor's scope, or no such organisation: 404 (its existence not revealed), said of the unit.
    const unseen = {
      code: "not_found",
      message: `单位「${UNIT_312007}」对应的机构不存在或无权查看`,
      location: { field: `unitOrgs.${UNIT_312007}` },
    };
    const r2 = await commit({ unitOrgs: { [UNIT_312007]: t.world.foreign.id } });
    expect(r2.status).toBe(404);
    expect(r2.body.error).toMatchObject(unseen);
    const r2b = await commit({ unitOrgs: { "312007": randomUUID() } });
    expect(r2b.status).toBe(404);
    expect(r2b.body.error).toMatchObject(unseen);
    // Visible but not writable (a viewer of the city who fills for the department): 403, said of the unit.
    await createAccount(t.deps.db, {
      username: "deptFillerCityViewer",
      roles: [
        { role: "filler", orgId: dept.id },
        { role: "viewer", orgId: t.world.city.id },
      ],
    });
    const r2c = await commit({ unitOrgs: { [UNIT_312007]: t.world.unit.id } }, await t.as("deptFillerCityViewer"));
    expect(r2c.status).toBe(403);
    expect(r2c.body.error).toMatchObject({
      code: "forbidden",
      message: `您无权写入单位「${UNIT_312007}」对应的机构「${t.world.unit.name}」`,
      location: { field: `unitOrgs.${UNIT_312007}` },
    });
    // Not a unit of the file.
    const r3 = await commit({ unitOrgs: { 不存在的单位: mine.id } });
    expect(r3.status).toBe(400);
    expect(await budgetOf(mine.id, 2024)).toBeUndefined();
    expect((await t.deps.db.select().from(imports).where(eq(imports.id, up.body.id)))[0]!.state).toBe("preview");

    const ok = await commit({ unitOrgs: { "312007": mine.id } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.import.units[1]).toMatchObject({ unit: UNIT_312007, action: "mapped", orgId: mine.id });
    expect(ok.body.import.created.organisations).toEqual([]);
    expect((await dutiesIn(mine.id, 2024)).map((d) => d.name)).toEqual(expectedDuties(1).map((d) => d.name));
    expect((await procurementOf((await budgetOf(mine.id, 2024))!.id)).length).toBe(XD.procurement[1].lines.length);
    expect((await dutiesIn(dept.id, 2024)).map((d) => d.name)).toEqual(expectedDuties(0).map((d) => d.name));
  });

  it("under an organisation at the deepest level: the preview says a unit cannot be created there, the commit refuses, mapping it to the department merges both", async () => {
    const county = await insertOrganisation(t.deps.db, { parentId: dept.id, code: "Z1", name: "最末级机构" }, dept);
    expect(county.depth).toBe(3);
    const up = await upload(new Uint8Array(SEED), 2024, cityFiller, county.id);
    expect(up.status).toBe(201);
    expect(up.body.units[1]).toMatchObject({
      action: "create",
      problem: { messageEn: expect.stringMatching(/deepest level/) },
    });
    const orgRow = up.body.plan.find(
      (p: { kind: string; name: string }) => p.kind === "organisation" && p.name === UNIT_312007,
    );
    expect(orgRow.reason).toContain("最末一级");
    const refused = await cityFiller.post(`/imports/${up.body.id}/commit`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.location.field).toBe("unitOrgs");
    expect(await childrenOf(county.id)).toEqual([]);

    // Both units into the chosen organisation: one budget with both procurement tables; the second asset table
    // cannot be a second summary of the same budget and the plan says so; every duty of both tables.
    // A project of the organisation and year named as a procurement line: the line is linked to it.
    const projectName = XD.procurement[0].lines[1][0] as string; // 赵县韩村派出所建设项目
    const [project] = await t.deps.db
      .insert(projects)
      .values({ orgId: county.id, year: 2024, name: projectName })
      .returning({ id: projects.id });
    const ok = await cityFiller.post(`/imports/${up.body.id}/commit`, { unitOrgs: { [UNIT_312007]: county.id } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const budgets = ok.body.import.plan.filter((p: { kind: string }) => p.kind === "budget");
    expect(budgets).toHaveLength(1);
    expect(budgets[0].sections.procurement).toBe(XD.procurement[0].lines.length + XD.procurement[1].lines.length);
    expect(budgets[0].notes.map((n: { messageEn: string }) => n.messageEn).join()).toMatch(/only the first is written/);
    const b = (await budgetOf(county.id, 2024))!;
    const lines = await procurementOf(b.id);
    expect(lines).toHaveLength(XD.procurement[0].lines.length + XD.procurement[1].lines.length);
    expect(lines.filter((l) => l.projectId !== null).map((l) => [l.itemName, l.projectId])).toEqual([
      [projectName, project!.id],
    ]);
    const [assets] = await t.deps.db.select().from(assetSummaries).where(eq(assetSummaries.budgetId, b.id));
    expect(assets!.statedTotal).toBe(yuan(fen(XD.assets[0].total, XD.assets[0].unit)));
    // The 交警大队's three duties have names the department's table has too: one duty each, holding both
    // units' activities (the department's first).
    const both = new Map<string, { activities: string[]; indicators: number }>();
    for (const d of [...expectedDuties(0), ...expectedDuties(1)]) {
      const m = both.get(d.name) ?? { activities: [], indicators: 0 };
      m.activities.push(...d.activities);
      m.indicators += d.indicators.length;
      both.set(d.name, m);
    }
    expect(both.size).toBeLessThan(expectedDuties(0).length + expectedDuties(1).length);
    const got = await dutiesIn(county.id, 2024);
    expect(got.map((d) => [d.name, d.activities, d.indicators.length])).toEqual(
      [...both].map(([name, m]) => [name, m.activities, m.indicators]),
    );
  });

  it("writes nothing when the commit fails half-way (a procurement insert refused by the database)", async () => {
    const up = await upload(new Uint8Array(SEED), 2025);
    expect(up.status).toBe(201);
    const before = {
      orgs: await count(organisations),
      budgets: await count(departmentBudgets),
      audits: await count(auditEvents),
    };
    await t.deps.db.execute(sql`CREATE FUNCTION refuse_procurement() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused for the test'; END $$`);
    await t.deps.db.execute(sql`CREATE TRIGGER refuse_procurement BEFORE INSERT ON procurement_lines
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_procurement()`);
    try {
      const c = await filler.post(`/imports/${up.body.id}/commit`, { unitOrgs: {} });
      expect(c.status).toBe(500);
    } finally {
      await t.deps.db.execute(sql`DROP TRIGGER refuse_procurement ON procurement_lines`);
      await t.deps.db.execute(sql`DROP FUNCTION refuse_procurement()`);
    }
    t.errors.length = 0;
    expect(await count(organisations)).toBe(before.orgs);
    expect(await count(departmentBudgets)).toBe(before.budgets);
    expect(await count(auditEvents)).toBe(before.audits);
    const d25 = await t.deps.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(duties)
      .innerJoin(organisations, eq(organisations.id, duties.orgId))
      .where(and(eq(duties.year, 2025), like(organisations.path, `${dept.path}%`)));
    expect(d25[0]!.n).toBe(0);
    expect((await t.deps.db.select().from(imports).where(eq(imports.id, up.body.id)))[0]!.state).toBe("preview");
    // The same import commits once the database accepts the rows.
    const again = await filler.post(`/imports/${up.body.id}/commit`);
    expect(again.status).toBe(200);
    expect(await count(departmentBudgets)).toBe(before.budgets + 2);
  });
});
