/**
 * The 部门预算信息公开 of a stored budget (seed 001 imported through the server): exported as docx and xlsx, read
 * back by the documents importer and compared with the stored figures — income with the prior year, spending,
 * 三公 with the prior year, every procurement line and both asset tables, per unit — all worked out here from
 * the stored rows, nothing copied from the output. Foreign readers get 404; each export is audited.
 */

import { openZip } from "@jixiao/documents";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { findBudget, type Sections, sectionsOf } from "../src/budgets/department.repository.ts";
import { registerBatchExportJobs } from "../src/exports/index.ts";
import { readUpload } from "../src/imports/read.ts";
import { inProcessQueue, type JobQueue, pgBossQueue } from "../src/jobs/queue.ts";
import { type TestApp, testApp } from "./support/app.ts";
import { type BudgetSeed, importSeed001 } from "./support/budget-seed.ts";
import { STORES } from "./support/stores.ts";
import { jobEnd } from "./support/wait.ts";

/** Exact 元 text → fen, and 万元 text → fen (string arithmetic: no floats, independent of the code under test). */
function fen(yuan: string | null | undefined): bigint {
  if (yuan === null || yuan === undefined) return 0n;
  const neg = yuan.startsWith("-");
  const [i, f = ""] = yuan.replace("-", "").split(".");
  const v = BigInt(i! + f.padEnd(2, "0").slice(0, 2));
  return neg ? -v : v;
}
function wanFen(text: string): bigint {
  const [i, f = ""] = text.split(".");
  return BigInt(i! + f.padEnd(6, "0"));
}
const amountFen = (a: { fen?: string } | undefined) => (a?.fen === undefined ? undefined : BigInt(a.fen));
const trim = (q: string | null) => (q === null ? undefined : q.replace(/\.?0+$/, ""));

describe.each(STORES)("budget disclosure export on %s", (kind) => {
  let t: TestApp;
  let s: BudgetSeed;
  let dept: Sections;
  let child: Sections;
  let queue: JobQueue;
  beforeAll(async () => {
    t = await testApp(kind);
    const { db, pool } = t.store.handle;
    queue = kind === "postgres" ? await pgBossQueue(db, pool!, (e) => t.errors.push(e)) : inProcessQueue(db);
    registerBatchExportJobs(queue, db, (e) => t.errors.push(e));
    await queue.start();
    t.deps.jobs = queue;
    s = await importSeed001(t);
    dept = await sectionsOf(t.deps.db, s.deptBudgetId);
    child = await sectionsOf(t.deps.db, s.childBudgetId);
  });
  afterAll(async () => {
    await queue?.stop();
    await t?.dispose();
  });
  const download = async (path: string, c = s.filler) => {
    const res = await t.app.request(`/api/v1${path}`, { headers: { Cookie: c.cookie! } });
    return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
  };

  for (const format of ["docx", "xlsx"] as const) {
    it(`writes the department's disclosure as ${format} that reads back to the stored figures`, async () => {
      const b = (await findBudget(t.deps.db, s.deptBudgetId))!;
      const r = await download(`/exports/budget/${s.deptBudgetId}?format=${format}`);
      expect(r.status).toBe(200);
      expect(decodeURIComponent(r.headers.get("content-disposition")!.split("UTF-8''")[1]!)).toMatch(
        new RegExp(`\\.${format}$`),
      );
      const back = await readUpload(r.bytes, `budget.${format}`);
      expect(back.kind).toBe("budget-disclosure");
      const d = back.document.disclosure!;
      expect(d.organisation).toBe(b.orgName);
      expect(d.year).toBe(b.year);
      expect(d.units.map((u) => u.name)).toEqual([s.dept.name, s.child.name]);

      // Income: the stated total, every line, and the prior year of the lines that have one.
      expect(amountFen(d.overview?.total)).toBe(fen(b.incomeTotal));
      expect(d.overview!.parts.map((p) => [p.label, amountFen(p.amount)])).toEqual(
        dept.income.map((l) => [l.category, fen(l.amount)]),
      );
      const withPrior = dept.income.filter((l) => l.priorAmount !== null);
      expect(withPrior.length).toBeGreaterThan(0);
      for (const l of withPrior) {
        const c = d.overview!.comparisons.find((x) => x.item === l.category);
        expect(amountFen(c?.values.find((v) => v.year === b.year - 1)?.amount), l.category).toBe(fen(l.priorAmount));
      }
      // Spending: each line in the overview's 支出明细 sentence, in order, with its kind and amount.
      const overview = d.sections.find((x) => x.heading.startsWith("二、"))!;
      const detail = overview.paragraphs.find((p) => p.startsWith("支出明细："))!;
      const spent = detail
        .replace(/^支出明细：/, "")
        .replace(/。$/, "")
        .split("；")
        .map((x) => /^(.*)（(基本支出|项目支出)）(\d+(?:\.\d+)?)万元$/.exec(x)!)
        .map((m) => [m[1], m[2] === "基本支出" ? "basic" : "project", wanFen(m[3]!)]);
      expect(spent).toEqual(dept.spending.map((l) => [l.name, l.kind, fen(l.amount)]));
      // 机关运行经费.
      expect(amountFen(d.runningCosts?.amount)).toBe(fen(b.operatingFunds));

      // 三公: this year, and the prior year worked back from the stated change.
      const tp = dept.threePublic!;
      const got = d.threePublic!;
      expect(amountFen(got.abroad)).toBe(fen(tp.abroad));
      expect(amountFen(got.vehicleOperation)).toBe(fen(tp.vehicleOperation));
      expect(amountFen(got.vehiclePurchase)).toBe(fen(tp.vehiclePurchase));
      expect(amountFen(got.vehicles)).toBe(fen(tp.vehicleOperation) + fen(tp.vehiclePurchase));
      expect(amountFen(got.reception)).toBe(fen(tp.reception));
      expect(amountFen(got.total)).toBe(
        tp.statedTotal !== null
          ? fen(tp.statedTotal)
          : fen(tp.abroad) + fen(tp.vehicleOperation) + fen(tp.vehiclePurchase) + fen(tp.reception),
      );
      const priors: [RegExp, bigint, bigint | undefined][] = [
        [/出国/, fen(tp.abroad), tp.priorAbroad === null ? undefined : fen(tp.priorAbroad)],
        [
          /公务用车/,
          fen(tp.vehicleOperation) + fen(tp.vehiclePurchase),
          tp.priorVehicleOperation === null && tp.priorVehiclePurchase === null
            ? undefined
            : fen(tp.priorVehicleOperation) + fen(tp.priorVehiclePurchase),
        ],
        [/接待/, fen(tp.reception), tp.priorReception === null ? undefined : fen(tp.priorReception)],
      ];
      const changed = priors.filter(([, now, prior]) => prior !== undefined && prior !== now);
      expect(changed.length).toBeGreaterThan(0);
      expect(got.changes).toHaveLength(changed.length);
      for (const [item, now, prior] of changed) {
        const c = got.changes.find((x) => item.test(x.item))!;
        const delta = BigInt(c.amount.fen!) * (c.direction === "增加" ? 1n : -1n);
        expect(now - delta, String(item)).toBe(prior);
      }

      // Procurement: every line of each unit's table.
      for (const [lines, unitName, first] of [
        [dept.procurement, s.dept.name, true],
        [child.procurement, s.child.name, false],
      ] as const) {
        const table = first ? d.procurement[0]! : d.procurement.find((p) => p.organisation === unitName)!;
        expect(table, unitName).toBeDefined();
        expect(
          table.lines.map((l) => [
            l.project,
            l.catalog ?? "—",
            l.quantity?.value,
            amountFen(l.unitPrice),
            amountFen(l.amount),
          ]),
        ).toEqual(
          lines.map((l) => [
            l.itemName,
            l.catalogCode,
            trim(l.quantity),
            l.unitPrice === null ? undefined : fen(l.unitPrice),
            fen(l.amount),
          ]),
        );
        expect(lines.length).toBeGreaterThan(0);
      }

      // Assets: both units' tables, by bucket as the import files them.
      for (const [sections, unitName] of [
        [dept, s.dept.name],
        [child, s.child.name],
      ] as const) {
        const a = sections.assets!;
        const table = d.assets.find((x) => x.organisation === unitName)!;
        expect(table, unitName).toBeDefined();
        const bucket = (re: RegExp | null) =>
          table.lines
            .filter((l) => (re ? re.test(l.label) : !/房屋|土地|车辆/.test(l.label)))
            .reduce((n, l) => n + BigInt(l.amount.fen!), 0n);
        expect(bucket(/房屋|土地/)).toBe(fen(a.buildings));
        expect(bucket(/车辆/)).toBe(fen(a.vehicles));
        expect(bucket(null)).toBe(fen(a.other));
        expect(amountFen(table.total)).toBe(
          a.statedTotal !== null ? fen(a.statedTotal) : fen(a.buildings) + fen(a.vehicles) + fen(a.other),
        );
      }
      // Each unit's goal table comes along.
      expect(back.document.dutyGoals.length).toBe(2);
    });
  }

  it("audits each export; refuses a foreign reader (404) and an unknown budget (404)", async () => {
    const before = await t.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "export.budget"), eq(auditEvents.entityId, s.deptBudgetId)));
    expect((await download(`/exports/budget/${s.deptBudgetId}?format=docx`)).status).toBe(200);
    const after = await t.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "export.budget"), eq(auditEvents.entityId, s.deptBudgetId)));
    expect(after.length).toBe(before.length + 1);
    const foreign = await t.as("foreignFiller");
    expect((await download(`/exports/budget/${s.deptBudgetId}`, foreign)).status).toBe(404);
    // The 交警大队's filler-less world unit filler cannot see the department either.
    expect((await download(`/exports/budget/${s.deptBudgetId}`, await t.as("filler"))).status).toBe(404);
    expect((await download(`/exports/budget/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it("the batch writes one disclosure per department: the 交警大队's budget is inside the department's", async () => {
    const start = await s.filler.post("/exports/batch", {
      orgId: s.dept.id,
      year: 2017,
      documents: ["budget-disclosure"],
      formats: ["docx"],
    });
    expect(start.status).toBe(202);
    const view = await jobEnd(
      queue,
      start.body.jobId,
      async () => (await s.filler.get(`/exports/batch/${start.body.jobId}`)).body,
    );
    expect(view.state, JSON.stringify(view.error)).toBe("completed");
    expect(view.result.counts).toMatchObject({ records: 1, files: 1, errors: 0 });
    expect(view.result.files.map((f: { id: string; type: string }) => [f.type, f.id])).toEqual([
      ["budget", s.deptBudgetId],
    ]);
    const zip = await t.app.request(`/api/v1/exports/batch/${start.body.jobId}/file`, {
      headers: { Cookie: s.filler.cookie! },
    });
    const archive = openZip(new Uint8Array(await zip.arrayBuffer()), "batch.zip");
    const name = [...archive.entries.keys()].find((n) => n.endsWith(".docx"))!;
    expect(name).toBe(view.result.files[0].path);
    const back = await readUpload(archive.read(name)!, "b.docx");
    expect(back.document.disclosure?.units.map((u) => u.name)).toEqual([s.dept.name, s.child.name]);
  });
});
