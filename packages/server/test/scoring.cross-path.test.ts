/**
 * One scoring truth (issue 12): a self-evaluation's total, group scores and grade are the same on every path —
 * the CLI's function (`scoreEvaluation` on the stored input, and on fixtures/evaluations/seed-002.json), the score
 * API, the stored record, the dashboard's roll-up, each export format read back (xlsx and docx by the project's
 * own readers, PDF through pdftotext) and the public page — and the total never exceeds 100. Taken through it:
 * the demo's seed 002 record (stated 92 kept beside), the demo's 60/20/20 project under the national scheme, and
 * generated evaluations whose points do not match the scheme.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEvaluationInput, type ScoreResult, scoreEvaluation } from "@jixiao/core";
import { readDocx, readXlsx } from "@jixiao/documents";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, FLAWED_DEMO_PROJECT, loadDemo } from "../src/demo/seed.ts";
import { selfEvaluations } from "../src/evaluations/schema.ts";
import { createApp } from "../src/http/app.ts";
import { DEFAULT_SETTINGS, type Deps } from "../src/http/context.ts";
import { organisations } from "../src/orgs/schema.ts";
import { projects } from "../src/projects/schema.ts";
import { Client } from "./support/app.ts";
import { freshStore, STORES, type TestStore } from "./support/stores.ts";

const SEED_002_JSON = join(import.meta.dirname, "../../../fixtures/evaluations/seed-002.json");

/** A score as the forms print it: two decimals without trailing zeros (the test's own formatting). */
const printed = (n: number) => n.toFixed(2).replace(/\.?0+$/, "");

/** The texts of a row, merged cells once. */
const rowTexts = (cells: { text: string }[]) =>
  cells.map((c) => c.text).filter((t, i, a) => t !== "" && a[i - 1] !== t);

describe.each(STORES)("one score on every path (%s)", (kind) => {
  let store: TestStore;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  const filler = () => new Client(app);
  let asFiller: Client;
  let asApprover: Client;
  let asReviewer: Client;
  const work = mkdtempSync(join(tmpdir(), "jixiao-cross-"));

  beforeAll(async () => {
    store = await freshStore(kind);
    const now = new Date("2026-03-02T08:00:00.000Z");
    deps = { db: store.handle.db, store: kind, settings: DEFAULT_SETTINGS, now: () => now, logError: () => {} };
    await loadDemo(deps.db, now);
    app = createApp(deps);
    asFiller = filler();
    asApprover = filler();
    asReviewer = filler();
    for (const [c, u] of [
      [asFiller, "demo-filler"],
      [asApprover, "demo-approver"],
      [asReviewer, "demo-reviewer"],
    ] as const) {
      const r = await c.login(u, DEMO_PASSWORD);
      if (r.status !== 200) throw new Error(`login ${u}: ${r.status}`);
    }
  });
  afterAll(async () => {
    rmSync(work, { recursive: true, force: true });
    await store?.dispose();
  });

  const download = async (path: string, c: Client) => {
    const res = await app.request(`/api/v1${path}`, { headers: { Cookie: c.cookie! } });
    expect(res.status, path).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  };

  /** Every path for one record: returns the stored result after asserting that all paths agree with it. */
  async function everyPath(id: string, opts: { rootOrgId: string; year: number; publicationId?: string }) {
    // The score API and the stored record
    const api = await asReviewer.get(`/evaluations/${id}/scores`);
    expect(api.status).toBe(200);
    expect(api.body.computable).toBe(true);
    expect(api.body.scoredAt).not.toBeNull();
    const result = api.body.result as ScoreResult;
    const [row] = await deps.db.select().from(selfEvaluations).where(eq(selfEvaluations.id, id));
    expect(row!.scoreResult).toEqual(result);
    expect(Number(row!.computedTotal)).toBeCloseTo(result.total, 4);
    expect(row!.scoreSchemeId).toBe(api.body.scheme.id);

    // The CLI's function on the stored input gives the same result
    const parsed = parseEvaluationInput(api.body.input);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return result;
    expect(JSON.parse(JSON.stringify(scoreEvaluation(parsed.value)))).toEqual(result);

    // Within the maximum, group by group
    expect(result.total).toBeGreaterThanOrEqual(0);
    expect(result.total).toBeLessThanOrEqual(100);
    for (const g of result.groups) {
      expect(g.score).toBeGreaterThanOrEqual(0);
      expect(g.score).toBeLessThanOrEqual(g.points + 1e-9);
    }

    // The record as presented, and the dashboard's roll-up
    const rec = (await asReviewer.get(`/evaluations/${id}`)).body;
    expect(Number(rec.computedTotal)).toBeCloseTo(result.total, 4);
    expect(rec.computedGrade).toBe(result.grade);
    const roll = await asReviewer.get(`/rollups/scores?orgId=${opts.rootOrgId}&year=${opts.year}`);
    const mine = roll.body.items.find((i: { id: string }) => i.id === id);
    expect(Number(mine.total)).toBeCloseTo(result.total, 4);
    expect(mine.grade).toBe(result.grade);

    // Each export format, read back
    const total = printed(result.total);
    const checkTables = (tables: { text: string }[][][]) => {
      const rows = tables.flat().map(rowTexts);
      const totalRow = rows.find((r) => r[0] === "总分");
      expect(totalRow, "a 总分 row").toBeDefined();
      expect(totalRow).toContain(total);
      for (const g of result.groups) {
        const gr = rows.find((r) => r[0]?.startsWith(`${g.name}小计`));
        expect(gr, `${g.name}小计`).toBeDefined();
        expect(gr).toContain(printed(g.score));
      }
      expect(rows.flat().join(" ")).toContain(result.grade!);
      // the indicator rows with their 分值 and computed 得分
      for (const ind of result.indicators) {
        const r = rows.find((x) => x.includes(ind.name));
        expect(r, ind.name).toBeDefined();
        if (ind.score !== undefined) expect(r).toContain(printed(ind.score));
      }
    };
    const xlsx = readXlsx(await download(`/exports/evaluation/${id}?format=xlsx`, asReviewer), "e.xlsx");
    checkTables(xlsx.blocks.flatMap((b) => (b.type === "table" ? [b.table.rows] : [])));
    const docx = readDocx(await download(`/exports/evaluation/${id}?format=docx`, asReviewer), "e.docx");
    checkTables(docx.blocks.flatMap((b) => (b.type === "table" ? [b.table.rows] : [])));
    const pdfFile = join(work, `${id}.pdf`);
    writeFileSync(pdfFile, await download(`/exports/evaluation/${id}?format=pdf`, asReviewer));
    const text = execFileSync("pdftotext", ["-layout", pdfFile, "-"], { encoding: "utf8" });
    const totalLine = text.split("\n").find((l) => /^\s*总分/.test(l));
    expect(totalLine, "the PDF's 总分 line").toBeDefined();
    expect(totalLine!.split(/\s+/)).toContain(total);

    // The public page
    if (opts.publicationId) {
      const res = await app.request(`/public/${opts.publicationId}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toMatch(
        new RegExp(`<tr data-total><th>总分</th><td>[^<]*</td><td>${total.replace(".", "\\.")}</td>`),
      );
      for (const g of result.groups)
        expect(html).toContain(
          `<tr data-group="${g.name}"><td>${g.name}</td><td>${printed(g.points)}</td><td>${printed(g.score)}</td>`,
        );
      expect(html).toContain(`<tr data-grade><th>自评等级</th><td colspan="2">${result.grade}</td>`);
    }
    return result;
  }

  it("seed 002's demo record: the CLI's total on the fixture, the stored one and every view agree; stated 92 beside", async () => {
    const [qingshan] = await deps.db.select().from(organisations).where(eq(organisations.code, "420107"));
    const [seed] = await deps.db.select().from(selfEvaluations).where(eq(selfEvaluations.orgId, qingshan!.id));
    const pubs = (await new Client(app).get("/public/publications")).body.items;
    const pub = pubs.find((p: { entityId: string }) => p.entityId === seed!.id);
    expect(pub).toBeDefined();
    const result = await everyPath(seed!.id, { rootOrgId: qingshan!.id, year: 2020, publicationId: pub.id });
    expect(result.indicators).toHaveLength(24);
    // `jixiao score fixtures/evaluations/seed-002.json`
    const cli = parseEvaluationInput(JSON.parse(readFileSync(SEED_002_JSON, "utf8")));
    expect(cli.ok).toBe(true);
    if (!cli.ok) return;
    const fromFixture = scoreEvaluation(cli.value);
    expect(result.total).toBe(fromFixture.total);
    expect(result.grade).toBe(fromFixture.grade);
    expect(result.groups.map((g) => [g.level1, g.points, g.score])).toEqual(
      fromFixture.groups.map((g) => [g.level1, g.points, g.score]),
    );
    // The stated total beside the computed one, on the record, the roll-up and the public page
    expect(result.statedTotal).toBe(92);
    const roll = await asReviewer.get(`/rollups/scores?orgId=${qingshan!.id}&year=2020`);
    expect(roll.body.items[0].statedTotal).toBe("92");
    const html = await (await app.request(`/public/${pub.id}`)).text();
    expect(html).toContain('<th>原表填报总分</th><td colspan="2">92');
  });

  it("the demo's 60/20/20 project under the national scheme: within 100, every path the same, the fitting said", async () => {
    const [flawed] = await deps.db.select().from(projects).where(eq(projects.name, FLAWED_DEMO_PROJECT));
    const [e] = await deps.db.select().from(selfEvaluations).where(eq(selfEvaluations.projectId, flawed!.id));
    const result = await everyPath(e!.id, { rootOrgId: flawed!.orgId, year: 2024 });
    const byGroup = new Map(result.groups.map((g) => [g.level1, g.points]));
    // 财预〔2020〕10号: 产出 50, 效益 30, 满意度 10 — whatever the evaluation's own points (60/20/20)
    expect(byGroup.get("output")).toBe(50);
    expect(byGroup.get("effect")).toBe(30);
    expect(byGroup.get("satisfaction")).toBe(10);
  });

  it("generated evaluations whose points do not match the scheme agree on every path and stay within 100", async () => {
    const [flawed] = await deps.db.select().from(projects).where(eq(projects.name, FLAWED_DEMO_PROJECT));
    const projectId = flawed!.id;
    const orgId = flawed!.orgId;
    const group = (level1: string, level2: string) =>
      fc
        .array(
          fc.record({
            points: fc.integer({ min: 1, max: 40 }),
            target: fc.integer({ min: 50, max: 100 }),
            actual: fc.integer({ min: 0, max: 150 }),
          }),
          { minLength: 1, maxLength: 3 },
        )
        .map((rows) => rows.map((r, i) => ({ level1, level2, name: `${level2}${i + 1}`, ...r })));
    let published = false;
    await fc.assert(
      fc.asyncProperty(
        group("产出指标", "数量指标"),
        group("效益指标", "社会效益指标"),
        group("满意度指标", "服务对象满意度指标"),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 1200 }),
        async (out, eff, sat, budget, executed) => {
          const c = await asFiller.post("/evaluations", {
            kind: "project",
            orgId,
            year: 2024,
            projectId,
            scheme: "national-project",
            fullYearBudget: `${budget}.00`,
            executed: `${executed}.00`,
            conclusion: "总体完成",
            improvements: "持续改进",
          });
          expect(c.status).toBe(201);
          const items = [...out, ...eff, ...sat].map((r) => ({
            level1: r.level1,
            level2: r.level2,
            name: r.name,
            targetText: `≥${r.target}%`,
            actualText: `${r.actual}%`,
            points: String(r.points),
            deviationReason: "生成的偏差原因",
          }));
          const put = await asFiller.req("PUT", `/api/v1/evaluations/${c.body.id}/items`, { version: 1, items });
          expect(put.status).toBe(200);
          let publicationId: string | undefined;
          if (!published) {
            // One of them through the workflow to the public page
            expect((await asFiller.post(`/evaluations/${c.body.id}/submit`, { version: 2 })).status).toBe(200);
            expect((await asApprover.post(`/evaluations/${c.body.id}/unit-approve`, { version: 3 })).status).toBe(200);
            expect((await asReviewer.post(`/evaluations/${c.body.id}/approve`, { version: 4 })).status).toBe(200);
            const pub = await asReviewer.post("/publications", { type: "evaluation", id: c.body.id });
            expect(pub.status).toBe(201);
            publicationId = pub.body.id;
            published = true;
          }
          await everyPath(c.body.id, { rootOrgId: orgId, year: 2024, ...(publicationId ? { publicationId } : {}) });
        },
      ),
      { numRuns: 4 },
    );
  });
});
