/**
 * Issue 15 — the refusals of the hardening are part of the API contract: every route that can answer 413 (every
 * write: its body is read through the limit) or 429 (sign-in from one address, routes that queue a background job)
 * declares it in the OpenAPI document, and each declared one is given. Generated from the document itself, so a
 * new route cannot be left out.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts } from "../src/accounts/schema.ts";
import { imports, uploadChunks } from "../src/imports/schema.ts";
import { inProcessQueue, JOB_QUOTA } from "../src/jobs/queue.ts";
import { jobs } from "../src/jobs/schema.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

type Operation = { responses: Record<string, unknown> };
type Doc = { paths: Record<string, Record<string, Operation>> };

/** Routes that queue a background job (quota: 429) or limit failed sign-ins per address (429). */
const MAY_429 = ["post /api/v1/auth/login", "post /api/v1/imports", "post /api/v1/exports/batch"];

describe.each(STORES)("413 and 429 in the OpenAPI document on %s", (kind) => {
  const { t, filler } = appForSuite(kind, ["filler"]);
  let ops: { key: string; method: string; path: string; op: Operation }[] = [];

  beforeAll(async () => {
    const doc = (await (await t.app.request("/api/openapi.json")).json()) as Doc;
    ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ key: `${method} ${path}`, method, path, op })),
    );
  });

  it("every write declares 413, and each answers 413 to a body over the JSON limit", async () => {
    const writes = ops.filter((o) => o.method !== "get");
    expect(writes.length).toBeGreaterThan(40);
    expect(writes.filter((o) => !o.op.responses["413"]).map((o) => o.key)).toEqual([]);
    const big = JSON.stringify({ name: "x".repeat(t.deps.settings.jsonBodyLimit) });
    for (const o of writes) {
      const url = o.path.replace(/\{[^}]+\}/g, randomUUID());
      const res = await t.app.request(url, {
        method: o.method.toUpperCase(),
        headers: { "Content-Type": "application/json", Cookie: filler.cookie!, "X-CSRF-Token": filler.csrf! },
        body: big,
      });
      expect(res.status, o.key).toBe(413);
      expect(((await res.json()) as { error: { code: string } }).error.code, o.key).toBe("payload_too_large");
    }
  });

  it("the routes that can answer 429 declare it, and only those", () => {
    expect(
      ops
        .filter((o) => o.op.responses["429"])
        .map((o) => o.key)
        .sort(),
    ).toEqual([...MAY_429].sort());
  });

  it("a job-queuing route answers 429 past the account's quota, leaving no stored upload behind", async () => {
    t.deps.jobs = inProcessQueue(t.deps.db); // not started: the jobs stay queued
    const me = (await t.deps.db.select().from(accounts).where(eq(accounts.username, "filler")))[0]!;
    await t.deps.db
      .insert(jobs)
      .values(
        Array.from({ length: JOB_QUOTA.perAccount }, () => ({ name: "export.batch", payload: {}, createdBy: me.id })),
      );
    try {
      const batch = await filler.post("/exports/batch", {
        orgId: t.world.unit.id,
        year: 2024,
        documents: ["department-goals"],
        formats: ["xlsx"],
      });
      expect(batch.status, JSON.stringify(batch.body)).toBe(429);
      expect(batch.body.error.code).toBe("too_many_requests");
      // A large upload is stored as it arrives, then refused a job: the import says why, its file is gone.
      const res = await t.app.request(`/api/v1/imports?orgId=${t.world.unit.id}&year=2024&fileName=big.txt`, {
        method: "POST",
        headers: { "Content-Type": "application/octet-stream", Cookie: filler.cookie!, "X-CSRF-Token": filler.csrf! },
        body: new Uint8Array(t.deps.settings.importSyncBytes + 1024).fill(0x20),
      });
      expect(res.status).toBe(429);
      const [row] = await t.deps.db.select().from(imports).where(eq(imports.createdBy, me.id));
      expect(row).toMatchObject({ state: "failed", error: { code: "too_many_requests" } });
      expect(await t.deps.db.$count(uploadChunks)).toBe(0);
    } finally {
      delete t.deps.jobs;
    }
  });
});
