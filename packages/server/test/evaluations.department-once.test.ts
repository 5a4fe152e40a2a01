/**
 * One 部门整体 self-evaluation per organisation and year, whatever the path that makes it (department-once.ts), on
 * both stores: POST /evaluations with kind "department" (two at once: one made, the other refused; a second one
 * later: refused in Chinese with the English beside it, at the field "year"), POST /evaluations/department, and an
 * import's commit (one there is updated, as its preview says; the claim, should one appear after the plan, names
 * the file and the record). Refused means nothing written: one record, one audited create.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DomainError } from "@jixiao/core";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../src/accounts/repository.ts";
import { accounts } from "../src/accounts/schema.ts";
import { auditEvents } from "../src/audit/schema.ts";
import { PG_UNIQUE_VIOLATION, pgError } from "../src/db/errors.ts";
import { transact } from "../src/db/transaction.ts";
import { isDepartmentYearViolation } from "../src/evaluations/department-once.ts";
import { insertEvaluation } from "../src/evaluations/repository.ts";
import { evaluationItems, selfEvaluations } from "../src/evaluations/schema.ts";
import { insertGoal } from "../src/goals/repository.ts";
import { commitPlan } from "../src/imports/commit.ts";
import { planImport } from "../src/imports/plan.ts";
import { readUpload } from "../src/imports/read.ts";
import { insertIndicator } from "../src/indicators/repository.ts";
import { insertOrganisation } from "../src/orgs/repository.ts";
import type { OrganisationRow } from "../src/orgs/schema.ts";
import { insertProject } from "../src/projects/repository.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";
import { uploadRaw } from "./support/upload.ts";

const SEED_002 = "seeds/002_720a01ff2c7d777f.txt";
const seed002 = () => new Uint8Array(readFileSync(join(import.meta.dirname, "../../../fixtures", SEED_002)));

describe.each(STORES)("one department self-evaluation per organisation and year on %s", (kind) => {
  const { t, filler, filler2 } = appForSuite(kind, ["filler", "filler2"]);

  /** A unit of its own under the filler's (each test counts its records and audit alone). */
  const leaf = (name: string) =>
    insertOrganisation(t.deps.db, { parentId: t.world.unit.id, code: randomUUID(), name }, t.world.unit);
  const departmentOnes = (org: OrganisationRow, year: number) =>
    t.deps.db
      .select()
      .from(selfEvaluations)
      .where(
        and(eq(selfEvaluations.orgId, org.id), eq(selfEvaluations.year, year), eq(selfEvaluations.kind, "department")),
      );
  const creates = (org: OrganisationRow) =>
    t.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, org.id), eq(auditEvents.action, "evaluation.create")));
  const post = (c: typeof filler, org: OrganisationRow, year: number, fields: Record<string, unknown> = {}) =>
    c.post("/evaluations", { kind: "department", orgId: org.id, year, ...fields });

  let fillerId: string;
  beforeAll(async () => {
    fillerId = (await filler.get("/auth/session")).body.user.id;
  });

  it("two POSTs at once make one: one 201, one 409; one record, one audited create", async () => {
    const org = await leaf("并发单位");
    const both = await Promise.all([
      post(filler, org, 2024, { conclusion: "第一份" }),
      post(filler2, org, 2024, { conclusion: "第二份" }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const made = both.find((r) => r.status === 201)!.body;
    const refused = both.find((r) => r.status === 409)!.body;
    expect(refused.error.code).toBe("conflict");
    const rows = await departmentOnes(org, 2024);
    expect(rows.map((r) => [r.id, r.conclusion])).toEqual([[made.id, made.conclusion]]);
    const audit = await creates(org);
    expect(audit.map((a) => a.entityId)).toEqual([made.id]);
  });

  it("a second POST later is refused in Chinese, the English beside it, at the year; the first is unchanged", async () => {
    const org = await leaf("重复单位");
    const first = await post(filler, org, 2025, { statedTotal: "92" });
    expect(first.status).toBe(201);
    const again = await post(filler2, org, 2025, { statedTotal: "60", conclusion: "又一份" });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(`本单位 2025 年度已有部门整体自评`);
    expect(again.body.error.messageEn).toContain("already has a department self-evaluation for 2025");
    expect(again.body.error.location).toEqual({ field: "year" });
    const rows = await departmentOnes(org, 2025);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first.body.id, statedTotal: "92.0000", conclusion: null, version: 1 });
    expect((await creates(org)).map((a) => a.entityId)).toEqual([first.body.id]);
    // another year of the same unit, and a project self-evaluation of the year, are not the department's
    const p = (await filler.post("/projects", { orgId: org.id, year: 2025, name: "另一项目" })).body;
    expect((await post(filler, org, 2024)).status).toBe(201);
    expect(
      (await filler.post("/evaluations", { kind: "project", orgId: org.id, year: 2025, projectId: p.id })).status,
    ).toBe(201);
  });

  it("POST /evaluations and the start from the goal count each other, also at once", async () => {
    const org = await leaf("两条路径单位");
    // a goal with one level-3 indicator for each year, so that a start can make its rows
    for (const year of [2024, 2025]) {
      const goal = await insertGoal(t.deps.db, { orgId: org.id, year, submittedBy: null });
      const l1 = await insertIndicator(t.deps.db, { departmentGoalId: goal.id, level: 1, name: "产出指标" });
      const l2 = await insertIndicator(t.deps.db, {
        departmentGoalId: goal.id,
        parentId: l1.id,
        level: 2,
        name: "数量指标",
      });
      await insertIndicator(t.deps.db, {
        departmentGoalId: goal.id,
        parentId: l2.id,
        level: 3,
        name: "保障车辆数",
        targetText: "≥60辆",
      });
    }
    // 2024: made by POST, then started: refused (and the other way round is the start's own test)
    const made = await post(filler, org, 2024);
    expect(made.status).toBe(201);
    const start = await filler2.post("/evaluations/department", { orgId: org.id, year: 2024 });
    expect(start.status).toBe(409);
    expect(start.body.error.message).toContain("已有部门整体自评");
    // 2025: both at once
    const both = await Promise.all([
      post(filler, org, 2025),
      filler2.post("/evaluations/department", { orgId: org.id, year: 2025 }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    for (const year of [2024, 2025]) expect(await departmentOnes(org, year)).toHaveLength(1);
    // the refused start wrote no rows: every item belongs to the one record of its year
    const ids = [...(await departmentOnes(org, 2024)), ...(await departmentOnes(org, 2025))].map((r) => r.id);
    const items = await t.deps.db
      .select({ evaluationId: evaluationItems.evaluationId })
      .from(evaluationItems)
      .where(sql`${evaluationItems.evaluationId} IN (SELECT id FROM self_evaluations WHERE org_id = ${org.id})`);
    for (const i of items) expect(ids).toContain(i.evaluationId);
    expect((await creates(org)).map((a) => a.entityId).sort()).toEqual([...ids].sort());
  });

  it("an import of the year's 自评表 updates the one there (as its preview says), and never makes a second", async () => {
    const org = await leaf("导入单位");
    const made = await post(filler, org, 2025, { conclusion: "手工填写" });
    expect(made.status).toBe(201);
    const up = await uploadRaw(t, filler, seed002(), { orgId: org.id, year: 2025, fileName: "002.txt" });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body.plan).toMatchObject([{ kind: "evaluation", action: "update", existingId: made.body.id }]);
    const c = await filler.post(`/imports/${up.body.id}/commit`);
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    expect(c.body.import.created).toMatchObject({ evaluations: [], updated: [made.body.id] });
    const rows = await departmentOnes(org, 2025);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: made.body.id, statedTotal: "92.0000" });
    expect((await creates(org)).map((a) => a.entityId)).toEqual([made.body.id]);
  });

  it("an import's commit and a POST at once make one", async () => {
    const org = await leaf("导入并发单位");
    const up = await uploadRaw(t, filler, seed002(), { orgId: org.id, year: 2024, fileName: "002.txt" });
    expect(up.body.plan).toMatchObject([{ kind: "evaluation", action: "create" }]);
    const [commit, posted] = await Promise.all([
      filler.post(`/imports/${up.body.id}/commit`),
      post(filler2, org, 2024),
    ]);
    expect(commit.status, JSON.stringify(commit.body)).toBe(200);
    const rows = await departmentOnes(org, 2024);
    expect(rows).toHaveLength(1);
    if (posted.status === 201) {
      // the POST first: the commit (its plan made under the lock) updated it
      expect(commit.body.import.created).toMatchObject({ evaluations: [], updated: [posted.body.id] });
      expect(rows[0]!.id).toBe(posted.body.id);
    } else {
      // the commit first: the POST was refused
      expect(posted.status).toBe(409);
      expect(commit.body.import.created.evaluations).toEqual([rows[0]!.id]);
    }
  });

  it("a commit whose plan meant to make one finds one there: refused, naming the file and the record; nothing written", async () => {
    const org = await leaf("导入冲突单位");
    const target = { orgId: org.id, year: 2025 };
    const read = await readUpload(seed002(), "002.txt");
    if (read.kind === null) throw new Error("seed 002 is read");
    // the plan made before the one below exists (a commit takes the lock before it plans: this is the claim's answer
    // should anything get past that)
    const plan = await planImport(t.deps.db, target, read.document);
    expect(plan).toMatchObject([{ kind: "evaluation", action: "create" }]);
    const made = await post(filler, org, 2025);
    expect(made.status).toBe(201);
    const [account] = await t.deps.db.select().from(accounts).where(eq(accounts.id, fillerId));
    const actor = await actorOf(t.deps.db, account!, "");
    const meta = { now: new Date(), actor, importId: randomUUID(), fileName: "002.txt" };
    const refused = await transact(t.deps.db, (tx) => commitPlan(tx, target, read.document, plan, meta)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(DomainError);
    const e = refused as DomainError;
    expect(e.code).toBe("conflict");
    expect(e.location).toMatchObject({ file: "002.txt", path: plan[0]!.name });
    expect(e.describe("zh")).toContain("文件 002.txt");
    expect(e.describe("zh")).toContain("已有部门整体自评");
    expect(e.describe("en")).toContain("file 002.txt");
    const rows = await departmentOnes(org, 2025);
    expect(rows.map((r) => r.id)).toEqual([made.body.id]);
    const items = await t.deps.db.select().from(evaluationItems).where(eq(evaluationItems.evaluationId, made.body.id));
    expect(items).toEqual([]);
  });

  it("the database holds the rule too (migration 0025): a second written past the claim is refused, as the same 409", async () => {
    const org = await leaf("索引单位");
    const first = await insertEvaluation(t.deps.db, { kind: "department", orgId: org.id, year: 2024 });
    // written straight to the table (no claim, no service): the partial unique index refuses it
    const raw = await t.deps.db
      .insert(selfEvaluations)
      .values({ kind: "department", orgId: org.id, year: 2024 })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(pgError(raw)?.code).toBe(PG_UNIQUE_VIOLATION);
    expect(isDepartmentYearViolation(raw)).toBe(true);
    // through the insert every path uses: the claim's conflict, in Chinese with the English beside it, at the year
    const refused = await insertEvaluation(t.deps.db, { kind: "department", orgId: org.id, year: 2024 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(DomainError);
    const e = refused as DomainError;
    expect(e.code).toBe("conflict");
    expect(e.location).toEqual({ field: "year" });
    expect(e.describe("zh")).toContain("本单位 2024 年度已有部门整体自评");
    expect(e.describe("en")).toContain("already has a department self-evaluation for 2024");
    expect((await departmentOnes(org, 2024)).map((r) => r.id)).toEqual([first.id]);
    // the index is the department's alone: another year, and the year's project self-evaluations, are written
    await insertEvaluation(t.deps.db, { kind: "department", orgId: org.id, year: 2025 });
    const project = await insertProject(t.deps.db, { orgId: org.id, year: 2024, name: "索引项目" });
    const other = await insertProject(t.deps.db, { orgId: org.id, year: 2024, name: "索引项目二" });
    for (const p of [project, other]) {
      await insertEvaluation(t.deps.db, { kind: "project", orgId: org.id, year: 2024, projectId: p.id });
    }
    // and a second through the API is a 409, never a 500
    const again = await post(filler, org, 2024);
    expect(again.status).toBe(409);
    expect(again.body.error.messageEn).toContain("already has a department self-evaluation for 2024");
  });

  it("a database that already holds two stops at migration 0025 saying which organisation and year, and keeps both", async () => {
    const org = await leaf("迁移前重复单位");
    const file = join(import.meta.dirname, "../drizzle/0025_department_evaluation_once.sql");
    const [guard, createIndex] = readFileSync(file, "utf8").split("--> statement-breakpoint");
    // the database as it stood before 0025, with two written by plain SQL; in a transaction undone after
    const failure = await transact(t.deps.db, async (tx) => {
      await tx.execute(sql.raw("DROP INDEX self_evaluations_department_org_year_uq"));
      await tx.insert(selfEvaluations).values([
        { kind: "department", orgId: org.id, year: 2025 },
        { kind: "department", orgId: org.id, year: 2025 },
      ]);
      const e = await tx.execute(sql.raw(guard!)).then(
        () => undefined,
        (err: unknown) => err,
      );
      throw new Error("undo", { cause: e });
    }).then(
      () => undefined,
      (e: unknown) => (e as Error).cause,
    );
    const message = pgError(failure)?.message ?? String(failure);
    expect(message).toContain(`迁移 0025：组织 ${org.id} 的 2025 年度有 2 份部门整体自评`);
    expect(message).toContain(`organisation ${org.id} has 2 department self-evaluations for 2025`);
    // undone: the index is there again and nothing was written
    expect(await departmentOnes(org, 2025)).toEqual([]);
    expect(createIndex).toContain("self_evaluations_department_org_year_uq");
    // on a database without two, the guard passes and the index is made (as every store here was migrated)
    await transact(t.deps.db, async (tx) => {
      await tx.execute(sql.raw("DROP INDEX self_evaluations_department_org_year_uq"));
      await tx.execute(sql.raw(guard!));
      await tx.execute(sql.raw(createIndex!));
    });
  });
});
