/**
 * Issue 15, finding 11 — the session is rotated on a password change (the old token opens nothing, the person
 * goes on signed in under a new one), and backups, which hold password hashes, are written 0600 whatever the
 * umask or the mode of a file they replace, and encrypted with a passphrase when one is given.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { backup, restore } from "../src/backup/backup.ts";
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

describe("passphrase-encrypted backups", () => {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-backup-enc-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("round-trips the embedded database through AES-256-GCM; a wrong passphrase or a changed byte restores nothing", async () => {
    const source = join(dir, "source");
    const h = await openDatabase({ dataDir: source });
    await h.db.execute(sql`INSERT INTO audit_events (action, actor_name) VALUES ('backup.secret', '机密')`);
    await h.close();
    const out = join(dir, "db.jxbk");
    await backup({ dataDir: source }, out, { passphrase: "correct horse battery" });
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 6).toString()).toBe("JXBK1\n");
    // The payload is not the clear dump (which starts with gzip's header), and no clear temporary file is left.
    // (Ciphertext of megabytes holds any three given bytes somewhere by chance: only its start is checked.)
    expect(bytes.subarray(34, 37).equals(Buffer.from([0x1f, 0x8b, 0x08]))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(["db.jxbk", "source"]);

    await expect(restore({ dataDir: join(dir, "r0") }, out)).rejects.toThrow(/备份已加密/);
    await expect(restore({ dataDir: join(dir, "r1") }, out, { passphrase: "wrong" })).rejects.toThrow(/口令错误/);
    const tampered = join(dir, "tampered.jxbk");
    const copy = Buffer.from(bytes);
    copy[copy.length - 100]! ^= 1;
    writeFileSync(tampered, copy);
    await expect(
      restore({ dataDir: join(dir, "r2") }, tampered, { passphrase: "correct horse battery" }),
    ).rejects.toThrow(/文件已被改动/);
    rmSync(tampered);

    await restore({ dataDir: join(dir, "r3") }, out, { passphrase: "correct horse battery" });
    const r = await openDatabase({ dataDir: join(dir, "r3") });
    try {
      const rows = (await r.db.execute(
        sql`SELECT actor_name FROM audit_events WHERE action = 'backup.secret'`,
      )) as unknown as {
        rows: { actor_name: string }[];
      };
      expect(rows.rows).toEqual([{ actor_name: "机密" }]);
    } finally {
      await r.close();
    }
  });
});
