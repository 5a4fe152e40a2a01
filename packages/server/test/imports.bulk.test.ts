/**
 * A large document through the import on both stores: seed 004's first project with 6,000 indicators (more
 * than one bulk statement, and more rows than a multi-row VALUES could bind under PostgreSQL's 65,535
 * parameters), as Word-extracted text in seed 004's layout (the xlsx writer takes minutes for one sheet of
 * that size). Every indicator lands once, in order, under the right 一级/二级 parents, with its target as
 * written and as parsed; a changed file replaces the tree of the same project in place.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ImportedDocument } from "@jixiao/core/model";
import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { indicators } from "../src/indicators/schema.ts";
import { projects } from "../src/projects/schema.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";
import { uploadRaw } from "./support/upload.ts";

const SEED = readFileSync(join(import.meta.dirname, "../../../fixtures/seeds/004_8649601bbeaed617.txt"), "utf8");
const BIG = 6000;
const TARGETS = ["≥100人", "≤500元/人/天", "2024年12月30日前", "符合相关规定", "≥90%"];

/** The written rows: 一级 / 二级 (empty where the cell above continues, as Word's merged cells read), 三级, 说明, 指标值. */
function rows(n: number, suffix: string) {
  return Array.from({ length: n }, (_, i) => ({
    level1: i < n / 2 ? "产出指标" : "效益指标",
    level2: `二级指标${Math.floor(i / 1000) + 1}`,
    name: `指标${suffix}${i + 1}`,
    description: `说明${i + 1}`,
    target: TARGETS[i % TARGETS.length]!,
  }));
}

/** Seed 004 up to its first indicator grid's header, then the generated rows (one cell per line, rows apart). */
function document(n: number, suffix = ""): { bytes: Uint8Array; written: ReturnType<typeof rows> } {
  const lines = SEED.split("\n");
  const header = lines.findIndex((l) => l.trim() === "一级指标");
  const written = rows(n, suffix);
  const body = written
    .map((r, i) =>
      [
        i === 0 || r.level1 !== written[i - 1]!.level1 ? r.level1 : "",
        i === 0 || r.level2 !== written[i - 1]!.level2 ? r.level2 : "",
        r.name,
        r.description,
        r.target,
      ]
        .map((c) => `\t${c}`)
        .join("\n"),
    )
    .join("\n\n");
  const text = `${lines.slice(0, header + 6).join("\n")}\n${body}\n\n`;
  return { bytes: new TextEncoder().encode(text), written };
}

describe.each(STORES)("a large workbook imported on %s", (kind) => {
  const { t, filler } = appForSuite(kind, ["filler"]);

  async function leavesOf(name: string) {
    const l2 = alias(indicators, "l2");
    const l1 = alias(indicators, "l1");
    return t.deps.db
      .select({
        name: indicators.name,
        sortOrder: indicators.sortOrder,
        target: indicators.targetText,
        parsed: indicators.targetParsed,
        level2: l2.name,
        level1: l1.name,
        l1Project: l1.projectId,
      })
      .from(indicators)
      .innerJoin(projects, eq(projects.id, indicators.projectId))
      .innerJoin(l2, eq(l2.id, indicators.parentId))
      .innerJoin(l1, eq(l1.id, l2.parentId))
      .where(and(eq(projects.orgId, t.world.unit.id), eq(projects.name, name), eq(indicators.level, 3)))
      .orderBy(asc(indicators.sortOrder));
  }

  it(`commits a project of ${BIG} indicators, every row in order under its parents`, async () => {
    const { bytes, written } = document(BIG);
    const up = await uploadRaw(t, filler, bytes, { orgId: t.world.unit.id, year: 2024, fileName: "big.txt" });
    expect(up.status, JSON.stringify(up.body).slice(0, 500)).toBe(201);
    expect(up.body.summary.indicators).toBe(BIG);
    const c = await filler.post(`/imports/${up.body.id}/commit`);
    expect(c.status).toBe(200);
    expect(c.body.import.created.projects).toHaveLength(1);
    const read = (up.body.document as ImportedDocument).projects[0]!;
    const got = await leavesOf(read.name);
    expect(got.map((r) => r.sortOrder)).toEqual(written.map((_, i) => i));
    expect(got.map((r) => [r.level1, r.level2, r.name, r.target])).toEqual(
      written.map((w) => [w.level1, w.level2, w.name, w.target]),
    );
    // The target as parsed beside the text: what the preview read, kept as is.
    expect(got.map((r) => r.parsed)).toEqual(read.indicators.map((i) => i.target?.parsed ?? null));
    expect(got.every((r) => r.parsed !== null)).toBe(true);
  });

  it("a changed file replaces the big tree in place (same project, new rows, none left over)", async () => {
    const name = SEED.split("\n")
      .find((l) => l.startsWith("\t2024"))!
      .trim();
    const [before] = await t.deps.db
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.orgId, t.world.unit.id), eq(projects.name, name)));
    expect(before).toBeDefined();
    const { bytes, written } = document(BIG - 1000, "改");
    const up = await uploadRaw(t, filler, bytes, { orgId: t.world.unit.id, year: 2024, fileName: "big2.txt" });
    expect(up.body.plan).toMatchObject([{ kind: "project", name, action: "update", existingId: before!.id }]);
    expect((await filler.post(`/imports/${up.body.id}/commit`)).status).toBe(200);
    const got = await leavesOf(name);
    expect(got.map((r) => r.name)).toEqual(written.map((w) => w.name));
    const all = await t.deps.db
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.orgId, t.world.unit.id), eq(projects.name, name)));
    expect(all.map((r) => r.id)).toEqual([before!.id]);
  });
});
