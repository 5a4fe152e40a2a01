/**
 * Issue 15, finding 5 — the audit trail is tamper-evident. The application's database role can lift the
 * append-only trigger and rewrite a row; the hash chain (migration 0011) makes that visible: the verification
 * recomputes every row's hash independently of the database and names the changed, removed or smuggled-in row,
 * and an anchor kept outside the database catches a chain recomputed as a whole.
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { field, GENESIS_HASH, parseAnchor, verifyAuditChain } from "../src/audit/chain.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe("the hashed text of one row", () => {
  it("is unambiguous: NULL, empty and look-alike texts differ; lengths are UTF-8 bytes", () => {
    expect(field(null)).toBe("-");
    expect(field("")).toBe("0:");
    expect(field("-")).toBe("1:-");
    expect(field("审计")).toBe("6:审计");
    // Two fields "ab" + "c" and "a" + "bc" give different texts.
    expect(field("ab") + field("c")).not.toBe(field("a") + field("bc"));
  });
  it("reads an anchor written as seq:hash", () => {
    expect(parseAnchor(`12:${"A".repeat(64)}`)).toEqual({ seq: "12", hash: "a".repeat(64) });
    expect(parseAnchor("12:abc")).toBeUndefined();
  });
});

describe.each(STORES)("audit hash chain on %s", (kind) => {
  const { t, filler } = appForSuite(kind, ["filler"]);
  const exec = (q: ReturnType<typeof sql>) => t.deps.db.execute(q);

  beforeAll(async () => {
    await filler.post("/projects", { orgId: t.world.unit.id, year: 2024, name: "链上项目" });
    await filler.post("/projects", { orgId: t.world.unit.id, year: 2024, name: "第二个项目" });
  });

  it("chains every row written by the application, numbered 1…n, and verifies clean", async () => {
    const report = await verifyAuditChain(t.deps.db);
    expect(report.breaks).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.rows).toBe(3); // the sign-in and two projects
    expect(report.head!.seq).toBe(String(report.rows));
  });

  it("hashes the first row over the genesis hash, as documented (checked by hand with SHA-256)", async () => {
    const r = (await exec(
      sql`SELECT id::text AS id, hash, action, actor_name, actor_id::text AS actor_id, ip, details::text AS details,
        to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
        FROM audit_events WHERE chain_seq = 1`,
    )) as unknown as { rows: Record<string, string | null>[] };
    const row = r.rows[0]!;
    // The first row is a sign-in: no organisation, entity, before or after.
    const text = [
      "1:1",
      `${row.id!.length}:${row.id}`,
      `27:${row.at}`,
      `36:${row.actor_id}`,
      `${Buffer.byteLength(row.actor_name!)}:${row.actor_name}`,
      "-",
      "10:auth.login",
      "-",
      "-",
      "-",
      "-",
      row.ip == null ? "-" : `${row.ip.length}:${row.ip}`,
      row.details == null ? "-" : `${Buffer.byteLength(row.details)}:${row.details}`,
    ].join("");
    expect(row.action).toBe("auth.login");
    expect(row.hash).toBe(createHash("sha256").update(`${GENESIS_HASH}\n${text}`).digest("hex"));
  });

  it("names a row rewritten behind the append-only trigger's back", async () => {
    const before = await verifyAuditChain(t.deps.db);
    await exec(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`);
    await exec(sql`UPDATE audit_events SET actor_name = 'someone-else' WHERE chain_seq = 2`);
    await exec(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete`);
    const after = await verifyAuditChain(t.deps.db);
    expect(after.ok).toBe(false);
    expect(after.breaks.map((b) => [b.problem, b.seq])).toEqual([["hash_mismatch", "2"]]);
    expect(after.breaks[0]!.zh).toMatch(/第 2 条/);
    // Recomputing that row's hash to fit moves the break to the next row: the chain still shows it.
    await exec(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`);
    await exec(sql`UPDATE audit_events a SET hash = jixiao_audit_hash(p.hash, a)
      FROM audit_events p WHERE a.chain_seq = 2 AND p.chain_seq = 1`);
    await exec(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete`);
    const relinked = await verifyAuditChain(t.deps.db);
    expect(relinked.breaks.map((b) => [b.problem, b.seq])).toEqual([["hash_mismatch", "3"]]);
    // An anchor written down before the tampering: a full recomputation of the chain is caught by it.
    const anchor = before.head!;
    await exec(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`);
    await exec(sql`DO $$ DECLARE r audit_events; prev text := repeat('0', 64); BEGIN
      FOR r IN SELECT * FROM audit_events ORDER BY chain_seq LOOP
        r.hash := jixiao_audit_hash(prev, r);
        UPDATE audit_events SET hash = r.hash WHERE id = r.id;
        prev := r.hash;
      END LOOP; END $$`);
    await exec(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete`);
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
    const anchored = await verifyAuditChain(t.deps.db, { anchors: [anchor] });
    expect(anchored.ok).toBe(false);
    expect(anchored.breaks.map((b) => b.problem)).toEqual(["anchor_mismatch"]);
  });

  it("names a removed row and a row written with the chain trigger lifted", async () => {
    const head = (await verifyAuditChain(t.deps.db)).head!;
    await filler.post("/projects", { orgId: t.world.unit.id, year: 2024, name: "第三个项目" });
    await filler.post("/projects", { orgId: t.world.unit.id, year: 2024, name: "第四个项目" });
    const next = BigInt(head.seq) + 1n;
    await exec(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`);
    await exec(sql`DELETE FROM audit_events WHERE chain_seq = ${next.toString()}::bigint`);
    await exec(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete`);
    await exec(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_chain`);
    await exec(sql`INSERT INTO audit_events (action) VALUES ('project.create')`);
    await exec(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_chain`);
    const report = await verifyAuditChain(t.deps.db);
    const problems = report.breaks.map((b) => b.problem);
    expect(problems).toContain("unchained");
    expect(problems).toContain("gap");
    // The row after the removed one no longer links to its predecessor.
    expect(report.breaks.find((b) => b.problem === "hash_mismatch")!.seq).toBe((next + 1n).toString());
    // A vanished anchored row is reported too.
    const gone = await verifyAuditChain(t.deps.db, { anchors: [{ seq: next.toString(), hash: "0".repeat(64) }] });
    expect(gone.breaks.map((b) => b.problem)).toContain("anchor_missing");
  });
});
