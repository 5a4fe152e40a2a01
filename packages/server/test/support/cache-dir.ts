/** A test's own folder for the prepared databases (db/template.ts, demo/template.ts): made, used, then removed. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";

/** A temporary folder whose `cache/` holds the templates during the suite (JIXIAO_CACHE_DIR); its path. */
export function temporaryCacheDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const before = process.env.JIXIAO_CACHE_DIR;
  beforeAll(() => {
    process.env.JIXIAO_CACHE_DIR = join(dir, "cache");
  });
  afterAll(() => {
    if (before === undefined) delete process.env.JIXIAO_CACHE_DIR;
    else process.env.JIXIAO_CACHE_DIR = before;
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}
