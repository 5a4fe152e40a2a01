/**
 * No lost edits: 20 clients edit the same project at once, round after round, on PostgreSQL (real
 * concurrency through a pool of 20 connections). Every round exactly one write wins; every loser gets 409
 * with the current record; the record always shows the winner's value; the audit trail has one row per win.
 * And racing workflow steps: at each stage, several people acting at once on the same version make exactly one
 * step (one transition, one snapshot where due, one audit row); the others get 409.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { recordSnapshots, workflowTransitions } from "../src/workflow/schema.ts";
import { type Client, createAccount } from "./support/app.ts";
import { appForSuite } from "./support/suite.ts";

const CLIENTS = 20;
// The full check, 1,000 rounds (≈ 3.5 min), wherever CI is set (`.ci/run`); 100 on a developer's machine
// (≈ 20 s). JIXIAO_CONCURRENCY_ROUNDS sets any other number.
const ROUNDS = Number(process.env.JIXIAO_CONCURRENCY_ROUNDS ?? (process.env.CI ? 1000 : 100));

describe("concurrent edits on PostgreSQL", () => {
  const { t } = appForSuite("postgres", [], { poolSize: CLIENTS });
  const clients: Client[] = [];
  beforeAll(async () => {
    for (let i = 0; i < CLIENTS; i++) clients.push(await t.as(i % 2 ? "filler" : "filler2"));
  });

  it(`${CLIENTS} clients × ${ROUNDS} rounds: zero lost updates, every loser gets 409`, {
    timeout: 600_000,
  }, async () => {
    const created = await clients[0]!.post("/projects", { orgId: t.world.unit.id, year: 2024, name: "并发" });
    const id = created.body.id as string;
    let version = 1;
    let wins = 0;
    const problems: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const results = await Promise.all(
        clients.map((c, i) => c.patch(`/projects/${id}`, { version, purpose: `r${round}-c${i}` })),
      );
      const winners = results.filter((r) => r.status === 200);
      const losers = results.filter((r) => r.status === 409);
      if (winners.length !== 1 || losers.length !== CLIENTS - 1) {
        problems.push(`round ${round}: ${results.map((r) => r.status).join(",")}`);
        break;
      }
      const winner = winners[0]!.body;
      for (const l of losers) {
        if (l.body.error.code !== "stale_version" || l.body.error.current.version !== version + 1) {
          problems.push(`round ${round}: loser saw ${JSON.stringify(l.body.error.current?.version)}`);
        }
      }
      version = winner.version;
      wins++;
      if (round % 50 === 0 || round === ROUNDS - 1) {
        const now = await clients[round % CLIENTS]!.get(`/projects/${id}`);
        if (now.body.purpose !== winner.purpose || now.body.version !== version) {
          problems.push(`round ${round}: shows ${now.body.purpose}@${now.body.version}, won ${winner.purpose}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(wins).toBe(ROUNDS);
    const final = await clients[0]!.get(`/projects/${id}`);
    expect(final.body.version).toBe(ROUNDS + 1);
    const updates = await t.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "project.update")));
    expect(updates).toHaveLength(ROUNDS);
    expect(t.errors).toEqual([]);
  });

  it("racing workflow steps: one step per stage wins, the others get 409; one transition and audit row each", async () => {
    for (const [username, role, org] of [
      ["approver2", "unit_approver", t.world.unit.id],
      ["reviewer2", "reviewer", t.world.city.id],
    ] as const) {
      await createAccount(t.deps.db, { username, roles: [{ role, orgId: org }] });
    }
    const filler = clients[1]!;
    const approvers = [await t.as("approver"), await t.as("approver2")];
    const reviewers = [await t.as("reviewer"), await t.as("reviewer2")];
    const problems: string[] = [];
    const ROUNDS_WF = 10;
    for (let round = 0; round < ROUNDS_WF; round++) {
      const p = (await filler.post("/projects", { orgId: t.world.unit.id, year: 2024, name: `并发流程${round}` })).body;
      // Stage 0: two submissions and an edit of the same draft version.
      const s0 = await Promise.all([
        filler.post(`/projects/${p.id}/submit`, { version: 1 }),
        clients[0]!.post(`/projects/${p.id}/submit`, { version: 1 }),
        filler.patch(`/projects/${p.id}`, { version: 1, purpose: "同时修改" }),
      ]);
      // Stage 1: both unit approvers approve and one returns, on the submitted version.
      let v = 2;
      if (s0.filter((r) => r.status === 200).length !== 1)
        problems.push(`round ${round} s0 ${s0.map((r) => r.status)}`);
      const current = (await filler.get(`/projects/${p.id}`)).body;
      if (current.state !== "submitted") {
        // The edit won: submit the edited draft.
        v = (await filler.post(`/projects/${p.id}/submit`, { version: current.version })).body.version;
      }
      const s1 = await Promise.all([
        approvers[0]!.post(`/projects/${p.id}/unit-approve`, { version: v }),
        approvers[1]!.post(`/projects/${p.id}/unit-approve`, { version: v }),
        approvers[1]!.post(`/projects/${p.id}/return`, { version: v, comment: "同时退回" }),
      ]);
      const won1 = s1.filter((r) => r.status === 200);
      // A loser is told the version moved on (409), or — a return that reads the record already unit-approved —
      // that this stage is no longer theirs (403).
      if (won1.length !== 1 || s1.some((r) => ![200, 403, 409].includes(r.status))) {
        problems.push(`round ${round} s1 ${s1.map((r) => r.status)}`);
        continue;
      }
      if (won1[0]!.body.state === "unit_approved") {
        // Stage 2: both reviewers approve and return at once.
        const s2 = await Promise.all([
          reviewers[0]!.post(`/projects/${p.id}/approve`, { version: v + 1 }),
          reviewers[1]!.post(`/projects/${p.id}/return`, { version: v + 1, comment: "同时退回" }),
          reviewers[1]!.post(`/projects/${p.id}/approve`, { version: v + 1 }),
        ]);
        if (s2.filter((r) => r.status === 200).length !== 1 || s2.some((r) => r.status !== 200 && r.status !== 409)) {
          problems.push(`round ${round} s2 ${s2.map((r) => r.status)}`);
        }
      }
      // The history is a single path: each step from the state the previous one reached, versions in a row.
      const history = (await filler.get(`/projects/${p.id}/transitions`)).body.items as {
        fromState: string;
        toState: string;
        entityVersion: number;
      }[];
      let state = "draft";
      for (const h of history) {
        if (h.fromState !== state) problems.push(`round ${round}: ${h.fromState} after ${state}`);
        state = h.toState;
      }
      const final = (await filler.get(`/projects/${p.id}`)).body;
      if (final.state !== state) problems.push(`round ${round}: record ${final.state}, history ${state}`);
      const rows = await t.deps.db.select().from(workflowTransitions).where(eq(workflowTransitions.entityId, p.id));
      const steps = await t.deps.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, p.id)));
      const workflowAudit = steps.filter((a) => a.action.startsWith("workflow."));
      if (rows.length !== history.length || workflowAudit.length !== history.length) {
        problems.push(`round ${round}: ${rows.length} transitions, ${workflowAudit.length} audit rows`);
      }
      const snaps = await t.deps.db.select().from(recordSnapshots).where(eq(recordSnapshots.entityId, p.id));
      const due = history.filter((h) => h.toState === "submitted" || h.toState === "approved").length;
      if (snaps.length !== due) problems.push(`round ${round}: ${snaps.length} snapshots, ${due} due`);
    }
    expect(problems).toEqual([]);
    expect(t.errors).toEqual([]);
  });
});
