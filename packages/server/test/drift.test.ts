/**
 * Drift checks: the committed migrations match the Drizzle schema, and the committed OpenAPI document
 * (packages/server/openapi.json) matches the routes. Regenerate with:
 *   npx drizzle-kit generate --config packages/server/drizzle.config.ts --name <change>
 *   JIXIAO_WRITE_OPENAPI=1 npx vitest run packages/server/test/drift.test.ts
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Db } from "../src/db/open.ts";
import { createApp } from "../src/http/app.ts";
import { DEFAULT_SETTINGS } from "../src/http/context.ts";

const ROOT = resolve(import.meta.dirname, "../../..");
const SERVER = resolve(import.meta.dirname, "..");

describe("drift", () => {
  it("the committed migrations match the schema (drizzle-kit generates nothing new)", () => {
    // drizzle-kit wants paths relative to the working directory.
    mkdirSync(join(ROOT, ".tmp"), { recursive: true });
    const tmp = mkdtempSync(join(ROOT, ".tmp", "drift-"));
    const rel = relative(ROOT, tmp);
    try {
      cpSync(join(SERVER, "drizzle"), join(tmp, "drizzle"), { recursive: true });
      const config = join(tmp, "drizzle.config.ts");
      writeFileSync(
        config,
        `export default { dialect: "postgresql", schema: "./packages/server/src/db/schema.ts", out: "./${rel}/drizzle" };\n`,
      );
      const before = readdirSync(join(tmp, "drizzle")).sort();
      const out = execFileSync(join(ROOT, "node_modules/.bin/drizzle-kit"), ["generate", `--config=${config}`], {
        cwd: ROOT,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
      expect(out).toMatch(/No schema changes/);
      expect(readdirSync(join(tmp, "drizzle")).sort(), out).toEqual(before);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("the committed OpenAPI document matches the routes", async () => {
    const app = createApp({
      db: {} as Db,
      store: "pglite",
      settings: DEFAULT_SETTINGS,
      now: () => new Date(0),
      logError: () => {},
    });
    const doc = `${JSON.stringify(await (await app.request("/api/openapi.json")).json(), null, 2)}\n`;
    const file = join(SERVER, "openapi.json");
    if (process.env.JIXIAO_WRITE_OPENAPI === "1" || !existsSync(file)) writeFileSync(file, doc);
    expect(doc).toBe(readFileSync(file, "utf8"));
  });
});
