/**
 * What bench/import/run.ts and commit-steps.ts both set up: the generated workbook's document, a throwaway store
 * (a PGlite data folder, or a database created and dropped on PostgreSQL), the service's dependencies and a fresh
 * organisation with a filler account per round.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ImportedDocument, Indicator, Project } from "@jixiao/core/model";
import { importDocument, readExtractedText } from "@jixiao/documents";
import pg from "pg";
import type { Actor } from "../../packages/server/src/accounts/actor.ts";
import { accounts } from "../../packages/server/src/accounts/schema.ts";
import { type DatabaseHandle, openDatabase } from "../../packages/server/src/db/open.ts";
import { DEFAULT_SETTINGS, type Deps } from "../../packages/server/src/http/context.ts";
import { organisations } from "../../packages/server/src/orgs/schema.ts";
import { fiscalYears } from "../../packages/server/src/years/schema.ts";

export const ROOT = join(import.meta.dirname, "../..");
export const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const YEAR = 2024;

/**
 * A project goal table of `rows` indicators: projects of `perProject` indicators each (seed 004's projects in
 * turn), the indicators cycled from seed 004's 111 with numbered names.
 */
export function generateDocument(rows: number, perProject = 100): ImportedDocument {
  const seed = importDocument(
    readExtractedText(readFileSync(join(ROOT, "fixtures/seeds/004_8649601bbeaed617.txt"), "utf8"), "004.txt"),
  ).document;
  const pool: Indicator[] = seed.projects.flatMap((p) => p.indicators);
  const list: Project[] = [];
  let k = 0;
  for (let p = 0; k < rows; p++) {
    const base = seed.projects[p % seed.projects.length]!;
    const n = Math.min(perProject, rows - k);
    const inds: Indicator[] = [];
    for (let i = 0; i < n; i++, k++) {
      const ind = pool[k % pool.length]!;
      inds.push({ ...ind, name: `${ind.name}（${k + 1}）` });
    }
    const { title: _title, ...rest } = base;
    list.push({ ...rest, name: `${base.name}（第${p + 1}批）`, indicators: inds });
  }
  return { ...seed, projects: list, file: "bench.xlsx", format: "xlsx" };
}

/** A throwaway store and how to remove it: a database `<prefix>_xxxxxxxx` on PostgreSQL, or a PGlite folder. */
export async function openBenchStore(
  kind: "pglite" | "pg",
  prefix: string,
): Promise<{ handle: DatabaseHandle; cleanup: () => Promise<void> }> {
  if (kind === "pg") {
    const name = `${prefix}_${randomUUID().slice(0, 8)}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ url: url.toString(), poolSize: 4 });
    return {
      handle,
      cleanup: async () => {
        await handle.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), `${prefix.replaceAll("_", "-")}-`));
  const handle = await openDatabase({ dataDir: dir });
  return {
    handle,
    cleanup: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The import service's dependencies, with every upload read at once (no background job). */
export function benchDeps(handle: DatabaseHandle): Deps {
  return {
    db: handle.db,
    store: handle.kind,
    settings: { ...DEFAULT_SETTINGS, importSyncBytes: Number.MAX_SAFE_INTEGER },
    now: () => new Date(),
    logError: (e) => console.error(e),
  };
}

/** A fresh organisation (the same file then commits as new projects, not as an unchanged re-import) and its filler. */
export async function benchOrganisation(
  db: DatabaseHandle["db"],
  round: number,
  tag: { code: string; name: string; username: string },
): Promise<{ orgId: string; actor: Actor }> {
  await db.insert(fiscalYears).values({ year: YEAR }).onConflictDoNothing();
  const orgId = randomUUID();
  await db
    .insert(organisations)
    .values({ id: orgId, path: `/${orgId}/`, code: `${tag.code}${round}`, name: `${tag.name}${round}` });
  const username = `${tag.username}${round}`;
  const [acct] = await db
    .insert(accounts)
    .values({ username, displayName: tag.username, passwordHash: "x", mustChangePassword: false })
    .returning();
  const actor: Actor = {
    accountId: acct!.id,
    username,
    displayName: tag.username,
    mustChangePassword: false,
    csrfToken: "",
    memberships: [{ role: "filler", orgId, orgPath: `/${orgId}/` }],
  };
  return { orgId, actor };
}
