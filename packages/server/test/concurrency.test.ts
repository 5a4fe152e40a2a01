/**
 * No lost edits: 20 clients edit the same project at once, round after round, on PostgreSQL (real
 * concurrency through a pool of 20 connections). Every round exactly one write wins; every loser gets 409
 * with the current record; the record always shows the winner's value; the audit trail has one row per win.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { type Client, type TestApp, testApp } from "./support/app.ts";

const CLIENTS = 20;
// 100 rounds in the everyday suite (≈ 20 s); the release check runs JIXIAO_CONCURRENCY_ROUNDS=1000 (≈ 3.5 min).
const ROUNDS = Number(process.env.JIXIAO_CONCURRENCY_ROUNDS ?? 100);

describe("concurrent edits on PostgreSQL", () => {
  let t: TestApp;
  const clients: Client[] = [];
  beforeAll(async () => {
    t = await testApp("postgres", { poolSize: CLIENTS });
    for (let i = 0; i < CLIENTS; i++) clients.push(await t.as(i % 2 ? "filler" : "filler2"));
  });
  afterAll(async () => {
    await t?.dispose();
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
});
