/**
 * Imported documents as a source of the indicator library (issue 17 point 3, "…and from imported documents"), on
 * both stores: once a unit commits an import, the indicators of the document — its projects' goal tables (seed
 * 004), a project self-evaluation (a corpus document), a department self-evaluation (seed 002) — are suggested to
 * every unit of the bureau and listed with where they were used (the document, its record and file); an upload only
 * previewed, or an import in another tree, adds nothing; a project once approved in Jixiao is counted from the
 * approved project, not again from the document; and the automatic review of a record written by an import does
 * not take the document it came from for its history. What is expected is read from the documents as the importer
 * reads them (readUpload), not written down.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { normaliseIndicatorName } from "@jixiao/core/library";
import type { ImportedDocument } from "@jixiao/core/model";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db/open.ts";
import { readUpload } from "../src/imports/read.ts";
import { insertIndicator } from "../src/indicators/repository.ts";
import { indicators } from "../src/indicators/schema.ts";
import { insertProject } from "../src/projects/repository.ts";
import { projects } from "../src/projects/schema.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";
import { uploadRaw } from "./support/upload.ts";

const FIXTURES = join(import.meta.dirname, "../../../fixtures");
const FILES = {
  goals: "seeds/004_8649601bbeaed617.txt",
  department: "seeds/002_720a01ff2c7d777f.txt",
  projectEvaluation: "corpus/docs/ah-xuancheng-gaj-2021-pse-1.txt",
};
const bytesOf = (p: string) => new Uint8Array(readFileSync(join(FIXTURES, p)));
const fileNameOf = (p: string) => p.split("/").pop()!;
const documentOf = async (p: string): Promise<ImportedDocument> =>
  (await readUpload(bytesOf(p), fileNameOf(p))).document;

interface UsedIn {
  kind: string;
  id: string;
  name: string;
  orgName: string | null;
  year: number;
  targetText: string | null;
}

/** An approved project with level-3 indicators under one 一级/二级 (enough for the library). */
async function approvedProject(
  db: Db,
  v: { orgId: string; year: number; name: string },
  rows: [name: string, target: string][],
) {
  const p = await insertProject(db, { ...v, workflowState: "approved" });
  const l1 = await insertIndicator(db, { projectId: p.id, level: 1, name: "产出指标" });
  const l2 = await insertIndicator(db, { projectId: p.id, level: 2, name: "数量指标", parentId: l1.id });
  for (const [name, targetText] of rows)
    await insertIndicator(db, { projectId: p.id, level: 3, name, targetText, parentId: l2.id });
  return p;
}

describe.each(STORES)("the indicator library from imported documents on %s", (kind) => {
  const { t, filler, reviewer, foreignFiller } = appForSuite(kind, ["filler", "reviewer", "foreignFiller"]);
  let goals: ImportedDocument;
  /** The import id of each committed file. */
  const imported: Record<string, string> = {};

  const entry = async (name: string, c = filler, orgId = t.world.unit.id) => {
    const r = await c.get(`/library/entries?orgId=${orgId}&q=${encodeURIComponent(name)}`);
    expect(r.status).toBe(200);
    return r.body.items.find((e: { key: string }) => e.key === normaliseIndicatorName(name)) as
      | { uses: number; usedIn: UsedIn[]; level2: { value: string }[] }
      | undefined;
  };
  const commit = async (file: string, year: number, orgId = t.world.unit.id, c = filler) => {
    const up = await uploadRaw(t, c, bytesOf(file), { orgId, year, fileName: fileNameOf(file) });
    expect(up.status).toBe(201);
    const done = await c.post(`/imports/${up.body.id}/commit`);
    expect(done.status).toBe(200);
    return up.body.id as string;
  };

  beforeAll(async () => {
    goals = await documentOf(FILES.goals);
  });

  it("adds nothing for an upload only previewed", async () => {
    const up = await uploadRaw(t, filler, bytesOf(FILES.goals), {
      orgId: t.world.unit.id,
      year: 2024,
      fileName: fileNameOf(FILES.goals),
    });
    expect(up.status).toBe(201);
    const first = goals.projects[0]!.indicators.find((i) => i.target?.text)!;
    expect(await entry(first.name)).toBeUndefined();
  });

  it("suggests a committed goal table's indicators to the bureau's units, with the document as where used", async () => {
    imported.goals = await commit(FILES.goals, 2024);
    // every indicator of the document, by its normalised name, with the projects and targets it has there
    const byKey = new Map<string, { project: string; target: string | null }[]>();
    for (const p of goals.projects)
      for (const i of p.indicators) {
        const k = normaliseIndicatorName(i.name);
        if (k === "") continue;
        byKey.set(k, [...(byKey.get(k) ?? []), { project: p.name, target: i.target?.text ?? null }]);
      }
    const [shared, used] = [...byKey].sort((a, b) => b[1].length - a[1].length)[0]!;
    expect(used.length).toBeGreaterThan(1);
    const e = await entry(shared);
    expect(e?.uses).toBe(used.length);
    expect(
      e!.usedIn.map((u) => [u.kind, u.id, u.name, u.orgName, u.year, u.targetText]).sort((a, b) => (a < b ? -1 : 1)),
    ).toEqual(
      used
        .map((u) => [
          "document",
          imported.goals,
          `${u.project}（${fileNameOf(FILES.goals)}）`,
          t.world.unit.name,
          2024,
          u.target,
        ])
        .sort((a, b) => (a < b ? -1 : 1)),
    );

    // offered while another unit of the bureau types, with its 二级 and target as the document has them
    const one = goals.projects[0]!.indicators.find(
      (i) =>
        i.level2 && /^≥\d+人$/.test(i.target?.text ?? "") && byKey.get(normaliseIndicatorName(i.name))!.length === 1,
    )!;
    const s = await reviewer.get(
      `/library/suggestions?orgId=${t.world.sibling.id}&q=${encodeURIComponent(one.name.slice(0, 4))}`,
    );
    expect(s.body.items.find((x: { key: string }) => x.key === normaliseIndicatorName(one.name))).toMatchObject({
      level2: one.level2,
      typicalTarget: one.target!.text,
      uses: 1,
    });
    // another tree's unit is not offered them
    const foreign = await foreignFiller.get(
      `/library/suggestions?orgId=${t.world.foreign.id}&q=${encodeURIComponent(one.name)}`,
    );
    expect(foreign.body.items).toEqual([]);
  });

  it("reads a project self-evaluation's and a department self-evaluation's indicators too", async () => {
    const pse = await documentOf(FILES.projectEvaluation);
    const evaluation = pse.projectSelfEvaluations[0]!;
    imported.pse = await commit(FILES.projectEvaluation, 2025);
    for (const i of evaluation.indicators) {
      const e = await entry(i.name);
      expect(e?.usedIn.filter((u) => u.kind === "document").map((u) => [u.name, u.targetText])).toEqual([
        [`${evaluation.name}（${fileNameOf(FILES.projectEvaluation)}）`, i.target?.text ?? null],
      ]);
    }

    const dse = await documentOf(FILES.department);
    imported.department = await commit(FILES.department, 2025);
    const first = dse.departmentSelfEvaluation!.indicators[0]!;
    const e = await entry(first.name);
    expect(e?.usedIn.filter((u) => u.kind === "document").map((u) => [u.id, u.name, u.year])).toContainEqual([
      imported.department,
      `${t.world.unit.name} 部门整体绩效目标（${fileNameOf(FILES.department)}）`,
      2025,
    ]);
  });

  it("counts a project approved in Jixiao once: from the approved project, not again from its document", async () => {
    const p = goals.projects.find((x) => x.indicators.length > 0)!;
    const i = p.indicators[0]!;
    const before = (await entry(i.name))!;
    const [stored] = await t.deps.db
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.orgId, t.world.unit.id), eq(projects.year, 2024), eq(projects.name, p.name)));
    await t.deps.db.update(projects).set({ workflowState: "approved" }).where(eq(projects.id, stored!.id));
    const after = (await entry(i.name))!;
    expect(after.uses).toBe(before.uses);
    const mine = (u: UsedIn) => u.name === p.name || u.name.startsWith(`${p.name}（`);
    expect(before.usedIn.filter(mine).map((u) => u.kind)).toEqual(["document"]);
    expect(after.usedIn.filter(mine).map((u) => [u.kind, u.id])).toEqual([["project", stored!.id]]);
  });

  it("reviews a record written by an import against the others' history, not against its own document", async () => {
    // an indicator used once in the document, with a target in 人 (≥N人)
    const counts = new Map<string, number>();
    for (const p of goals.projects)
      for (const i of p.indicators)
        counts.set(normaliseIndicatorName(i.name), (counts.get(normaliseIndicatorName(i.name)) ?? 0) + 1);
    const p = goals.projects.find((x) =>
      x.indicators.some(
        (i) => /^≥\d+人$/.test(i.target?.text ?? "") && counts.get(normaliseIndicatorName(i.name)) === 1,
      ),
    )!;
    const i = p.indicators.find(
      (x) => /^≥\d+人$/.test(x.target?.text ?? "") && counts.get(normaliseIndicatorName(x.name)) === 1,
    )!;
    const n = Number(/\d+/.exec(i.target!.text)![0]);
    // two approved projects elsewhere with the same target: with the document, three targets — a norm (core's
    // minHistory); without it, two — none
    for (const name of ["其他单位项目一", "其他单位项目二"])
      await approvedProject(t.deps.db, { orgId: t.world.sibling.id, year: 2025, name }, [[i.name, `≥${n}人`]]);
    const low = `≥${Math.max(1, Math.floor(n / 10))}人`;
    const [draft] = await t.deps.db
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.orgId, t.world.unit.id), eq(projects.year, 2024), eq(projects.name, p.name)));
    await t.deps.db
      .update(indicators)
      .set({ targetText: low, targetParsed: null })
      .where(and(eq(indicators.projectId, draft!.id), eq(indicators.name, i.name)));
    const below = (findings: { rule: string; details: Record<string, string> }[]) =>
      findings.filter((f) => f.rule === "library.target-below-history").map((f) => f.details.computed);
    const own = await filler.get(`/reviews/project/${draft!.id}`);
    expect(own.status).toBe(200);
    expect(below(own.body.findings)).toEqual([]);

    // another project with the same low target: the document is history for it (three targets, median n)
    const other = await insertProject(t.deps.db, { orgId: t.world.unit.id, year: 2025, name: "新项目" });
    const l1 = await insertIndicator(t.deps.db, { projectId: other.id, level: 1, name: "产出指标" });
    const l2 = await insertIndicator(t.deps.db, { projectId: other.id, level: 2, name: "数量指标", parentId: l1.id });
    await insertIndicator(t.deps.db, { projectId: other.id, level: 3, name: i.name, targetText: low, parentId: l2.id });
    const r = await filler.get(`/reviews/project/${other.id}`);
    expect(below(r.body.findings)).toEqual([String(n)]);
  });
});
