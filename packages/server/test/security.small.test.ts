/**
 * Issue 15, finding 11 — the session is rotated on a password change (the old token opens nothing, the person
 * goes on signed in under a new one), and backups, which hold password hashes, are written 0600 whatever the
 * umask or the mode of a file they replace.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { backup } from "../src/backup/backup.ts";
import { openDatabase } from "../src/db/open.ts";
import { Client, createAccount } from "./support/app.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("session rotation on a password change on %s", (kind) => {
  const { t } = appForSuite(kind);

  it("gives the session a new token: the old cookie is dead, the new one works", async () => {
    await createAccount(t.deps.db, { username: "rotor", roles: [{ role: "viewer", orgId: t.world.unit.id }] });
    const c = await t.as("rotor");
    const before = c.cookie!;
    const r = await c.post("/auth/password", { currentPassword: "Correct-Horse-9", newPassword: "Brand-New-Pass-7" });
    expect(r.status).toBe(204);
    expect(r.headers.get("set-cookie")).toMatch(/jixiao_session=.+; .*HttpOnly/i);
    expect(c.cookie).not.toBe(before);
    expect((await c.get("/auth/session")).status).toBe(200);
    // The CSRF token stays with the session: writes go on working.
    expect((await c.post("/auth/logout")).status).toBe(204);
    const stale = new Client(t.app);
    stale.cookie = before;
    expect((await stale.get("/auth/session")).status).toBe(401);
  });
});

describe("backup files are private (0600)", () => {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-backup-mode-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const mode = (f: string) => statSync(f).mode & 0o777;

  it("writes the embedded database's backup 0600 under a permissive umask, replacing a 0644 file", async () => {
    const source = join(dir, "source");
    const h = await openDatabase({ dataDir: source });
    await h.close();
    const out = join(dir, "db.tar.gz");
    writeFileSync(out, "old", { mode: 0o644 });
    const old = process.umask(0);
    try {
      await backup({ dataDir: source }, out);
    } finally {
      process.umask(old);
    }
    expect(mode(out)).toBe(0o600);
    expect(statSync(out).size).toBeGreaterThan(1000);
  });

  it("writes a PostgreSQL backup (pg_dump) 0600", async () => {
    const { TEST_DATABASE_URL } = await import("./support/stores.ts");
    const out = join(dir, "pg.dump");
    const old = process.umask(0);
    try {
      await backup({ url: TEST_DATABASE_URL }, out);
    } finally {
      process.umask(old);
    }
    expect(mode(out)).toBe(0o600);
  });
});
