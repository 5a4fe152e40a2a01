/**
 * In-year monitoring beyond filling: department-goal records (部门整体, execution from the organisation's total rows),
 * records added for projects entered after the round opened, the bureau's actions on warnings (notice, 要求纠偏,
 * 建议调减 / 暂缓) seen and acknowledged by the unit, the notification centre (notices, overdue and due-soon records),
 * the to-do count, and the official form out (xlsx, docx, PDF; a round as one zip) — each authorised and audited.
 */
import { createHash } from "node:crypto";
import { and, asc, eq, like } from "drizzle-orm";
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { insertExecution } from "../src/budgets/execution.repository.ts";
import { registerBatchExportJobs } from "../src/exports/batch.service.ts";
import { insertGoal } from "../src/goals/repository.ts";
import { insertIndicator } from "../src/indicators/repository.ts";
import { inProcessQueue } from "../src/jobs/queue.ts";
import { insertProject } from "../src/projects/repository.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

type Tree = [string, string, string, string, string][];

describe.each(STORES)("monitoring actions, department records, reminders and the form on %s", (kind) => {
  const { t, filler, reviewer, approver } = appForSuite(kind, ["filler", "reviewer", "approver"]);
  let roundId = "";
  let projectRecord = "";
  let goalRecord = "";

  async function indicatorsOf(owner: { projectId: string } | { departmentGoalId: string }, tree: Tree) {
    const db = t.deps.db;
    for (const [i, [l1, l2, name3, target, weight]] of tree.entries()) {
      const a = await insertIndicator(db, { ...owner, level: 1, name: l1, sortOrder: i });
      const b = await insertIndicator(db, { ...owner, level: 2, name: l2, parentId: a.id });
      await insertIndicator(db, { ...owner, level: 3, name: name3, parentId: b.id, targetText: target, weight });
    }
  }

  async function project(orgId: string, name: string, executedJune: string) {
    const db = t.deps.db;
    const p = await insertProject(db, { orgId, year: 2024, name, annualFunds: "2000000.00" });
    await indicatorsOf({ projectId: p.id }, [
      ["产出指标", "数量指标", "巡逻里程", "≥5000公里", "50"],
      ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "10"],
    ]);
    await insertExecution(db, { orgId, year: 2024, scope: "project", projectId: p.id, determinedBudget: "2000000.00" });
    await insertExecution(db, {
      orgId,
      year: 2024,
      scope: "project",
      projectId: p.id,
      month: 6,
      executed: executedJune,
    });
    return p;
  }

  beforeAll(async () => {
    const db = t.deps.db;
    const w = t.world;
    await project(w.unit.id, "社区巡防", "200000.00");
    // the unit's department goal and its total execution: 3,000,000 budgeted, 1,350,000 by June (45%)
    const g = await insertGoal(db, { orgId: w.unit.id, year: 2024, annualGoal: "维护辖区治安稳定" });
    await indicatorsOf({ departmentGoalId: g.id }, [["产出指标", "数量指标", "案件办结数", "≥300件", "60"]]);
    await insertExecution(db, { orgId: w.unit.id, year: 2024, scope: "total", determinedBudget: "3000000.00" });
    await insertExecution(db, { orgId: w.unit.id, year: 2024, scope: "total", month: 6, executed: "1350000.00" });
    const r = await reviewer.post("/monitoring/rounds", {
      orgId: w.city.id,
      year: 2024,
      cutoffMonth: 6,
      deadline: "2024-07-15",
    });
    expect(r.status).toBe(201);
    roundId = r.body.id;
  });

  async function items(c = reviewer) {
    return (await c.get(`/monitoring/rounds/${roundId}/warnings?sort=org`)).body.items as {
      id: string;
      kind: string;
      projectName: string;
      departmentGoalId: string | null;
      light: string;
      behind: string;
      actions: number;
      execution: { budget: string; executed: string; rate: string };
    }[];
  }

  it("gives every department goal of the subtree a record (部门整体) read from the organisation's total rows", async () => {
    const list = await items();
    const dept = list.find((i) => i.kind === "department")!;
    expect(dept).toMatchObject({
      projectName: "部门整体绩效",
      execution: { budget: "3000000.00", executed: "1350000.00", rate: "45.00" },
      behind: "5.00",
      light: "green",
    });
    goalRecord = dept.id;
    projectRecord = list.find((i) => i.projectName === "社区巡防")!.id;
    const rec = (await filler.get(`/monitoring/records/${goalRecord}`)).body;
    expect(rec.indicators.map((i: { name: string; target: string }) => [i.name, i.target])).toEqual([
      ["案件办结数", "≥300件"],
    ]);
    const f = (await filler.get(`/monitoring/records/${goalRecord}/forecast`)).body;
    expect(f.scheme.id).toBe("department-2080");
  });

  it("adds the records of projects entered after the round opened, once, by the round's reviewer only", async () => {
    const before = (await items()).length;
    await project(t.world.sibling.id, "新增执法装备", "0.00");
    expect((await filler.post(`/monitoring/rounds/${roundId}/sync`, {})).status).toBe(403);
    const foreign = await t.as("foreignFiller");
    expect((await foreign.post(`/monitoring/rounds/${roundId}/sync`, {})).status).toBe(404);
    const synced = await reviewer.post(`/monitoring/rounds/${roundId}/sync`, {});
    expect(synced.status).toBe(200);
    expect(synced.body).toEqual({ added: 1, projects: 1, departments: 0 });
    expect((await reviewer.post(`/monitoring/rounds/${roundId}/sync`, {})).body.added).toBe(0);
    const after = await items();
    expect(after).toHaveLength(before + 1);
    expect(after.find((i) => i.projectName === "新增执法装备")).toMatchObject({ light: "red", behind: "50.00" });
    const audit = await t.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "monitoring.round.sync"), eq(auditEvents.entityId, roundId)));
    expect(audit.map((a) => a.details)).toEqual([{ projects: 1, departments: 0 }]);
  });

  it("lets the reviewer act on a red record; the unit sees it, acknowledges it once; audited in words", async () => {
    const url = `/monitoring/records/${projectRecord}/actions`;
    const body = { kind: "require_correction", message: "执行进度落后 40 个百分点，请于 7 月 31 日前报送纠偏措施" };
    expect((await filler.post(url, body)).status).toBe(403);
    expect((await approver.post(url, body)).status).toBe(403);
    expect((await (await t.as("foreignFiller")).post(url, body)).status).toBe(404);
    expect((await reviewer.post(url, { kind: "propose_reduce", message: "进度滞后" })).status).toBe(400);
    expect((await reviewer.post(url, { kind: "notice", message: "请关注", amount: "10.00" })).status).toBe(400);
    expect((await reviewer.post(url, { kind: "notice", message: "   " })).status).toBe(400);
    const sent = await reviewer.post(url, body);
    expect(sent.status).toBe(201);
    t.clock.advance(60_000);
    expect(sent.body).toMatchObject({ kind: "require_correction", kindName: "要求纠偏", acknowledgedAt: null });
    const cut = await reviewer.post(url, { kind: "propose_reduce", message: "下半年难以执行完毕", amount: "500000" });
    expect(cut.body).toMatchObject({ kindName: "建议调减预算", amount: "500000.00" });

    const seen = await filler.get(url);
    expect(seen.body.items.map((a: { kind: string }) => a.kind)).toEqual(["propose_reduce", "require_correction"]);
    expect((await items()).find((i) => i.id === projectRecord)?.actions).toBe(2);

    const ack = `/monitoring/actions/${sent.body.id}/acknowledge`;
    expect((await reviewer.post(ack, {})).status).toBe(403);
    t.clock.advance(60_000);
    const done = await filler.post(ack, {});
    expect(done.status).toBe(200);
    expect(done.body.acknowledgedAt).toBe(t.deps.now().toISOString());
    expect((await filler.post(ack, {})).status).toBe(409);

    const audit = await t.deps.db
      .select()
      .from(auditEvents)
      .where(and(like(auditEvents.action, "monitoring.action.%"), eq(auditEvents.entityId, projectRecord)));
    expect(audit.map((a) => a.action)).toEqual([
      "monitoring.action.require_correction",
      "monitoring.action.propose_reduce",
      "monitoring.action.acknowledge",
    ]);
    expect((audit[1]!.details as { zh: string }).zh).toBe(
      "对「赵县公安局交警大队 · 社区巡防」建议调减预算（调减 50.00 万元（500,000.00 元））：下半年难以执行完毕",
    );
  });

  it("tells the unit in its notifications: the bureau's notices (unread counted) and the overdue records", async () => {
    const n = (await filler.get("/monitoring/notifications")).body;
    expect(n.notices.map((x: { kind: string }) => x.kind)).toEqual(["propose_reduce", "require_correction"]);
    expect(n.unread).toBe(1);
    // the test clock is 2 March 2026: the round's deadline (15 July 2024) is 595 days gone, every draft overdue
    expect(n.reminders.length).toBe(2);
    expect(n.reminders.every((r: { overdue: boolean; daysLeft: number }) => r.overdue && r.daysLeft === -595)).toBe(
      true,
    );
    expect(n.overdue).toBe(2);
    expect(n.reminders[0].zh).toMatch(/绩效运行监控表已逾期 595 天（截止 2024-07-15）$/);
    // a reviewer files nothing: no reminders; a unit elsewhere sees neither
    expect((await reviewer.get("/monitoring/notifications")).body.reminders).toEqual([]);
    const foreign = (await (await t.as("foreignFiller")).get("/monitoring/notifications")).body;
    expect([foreign.notices, foreign.reminders]).toEqual([[], []]);
  });

  it("counts the records to fill among the filler's to-dos, then the submitted one among the approver's", async () => {
    const count = async (c = filler) =>
      (await c.get(`/workflow/todo/count?orgId=${t.world.unit.id}&year=2024`)).body as {
        count: number;
        monitoring: number;
      };
    expect(await count()).toMatchObject({ monitoring: 2 });
    const rec = (await filler.get(`/monitoring/records/${goalRecord}`)).body;
    const filled = await filler.patch(`/monitoring/records/${goalRecord}`, {
      version: rec.version,
      indicators: [{ id: rec.indicators[0].id, progress: "160件", forecast: "320件", likelihood: "确定能" }],
    });
    expect(filled.body.problems).toEqual([]);
    expect(
      (await filler.post(`/monitoring/records/${goalRecord}/submit`, { version: filled.body.version })).status,
    ).toBe(200);
    expect(await count()).toMatchObject({ monitoring: 1 });
    expect(await count(approver)).toMatchObject({ monitoring: 1 });
  });

  it("writes the record as the official form in xlsx (万元, every indicator), docx and PDF; audited", async () => {
    const get = async (path: string, c = filler) => {
      const res = await t.app.request(`/api/v1${path}`, { headers: { Cookie: c.cookie! } });
      return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
    };
    const x = await get(`/monitoring/records/${projectRecord}/export?format=xlsx`);
    expect(x.status, new TextDecoder().decode(x.bytes)).toBe(200);
    expect(x.headers.get("content-disposition")).toContain(
      encodeURIComponent("赵县公安局交警大队-社区巡防-项目支出绩效运行监控表.xlsx"),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.bytes.buffer as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((r) => {
      r.eachCell((c) => {
        cells.push(String(c.value ?? ""));
      });
    });
    expect(cells).toEqual(
      expect.arrayContaining([
        "项目支出绩效运行监控表",
        "（2024年1–6月）",
        "社区巡防",
        "巡逻里程",
        "≥5000公里",
        "群众满意度",
      ]),
    );
    // the funds in 万元 as number cells (#,##0.00), 执行率 the quotient 执行数 ÷ 全年预算数, 时间进度 a percentage
    const ws = wb.worksheets[0]!;
    let head: ExcelJS.Cell | undefined;
    ws.eachRow((r) =>
      r.eachCell((c) => {
        if (c.value === "全年预算数") head = c;
      }),
    );
    const below = (k: number) => ws.getCell(Number(head!.row) + 1, Number(head!.col) + k);
    expect([below(0).value, below(0).numFmt, below(1).value, below(1).numFmt]).toEqual([
      200,
      "#,##0.00",
      20,
      "#,##0.00",
    ]);
    expect(below(2).value).toEqual({ formula: `${below(1).address}/${below(0).address}`, result: 0.1 });
    expect(below(2).numFmt).toBe("0.00%");
    expect([below(3).value, below(3).numFmt]).toEqual([0.5, "0.00%"]);
    expect(cells.join("\n")).toMatch(/红灯：预算执行率 10\.00%，时间进度 50\.00%，落后 40\.00 个百分点/);
    expect(cells.join("\n")).toMatch(/要求纠偏：执行进度落后 40 个百分点/);
    expect(cells.join("\n")).toMatch(/建议调减预算（调减 50\.00 万元）/);

    const d = await get(`/monitoring/records/${goalRecord}/export?format=docx`);
    expect(d.status).toBe(200);
    expect(Object.keys(unzipSync(d.bytes))).toContain("word/document.xml");
    const xml = new TextDecoder().decode(unzipSync(d.bytes)["word/document.xml"]);
    expect(xml).toContain("部门整体绩效运行监控表");
    expect(xml).toContain("案件办结数");

    const pdf = await get(`/monitoring/records/${projectRecord}/export?format=pdf`, reviewer);
    expect(pdf.status, new TextDecoder().decode(pdf.bytes)).toBe(200);
    expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe("%PDF-");

    expect((await get(`/monitoring/records/${projectRecord}/export?format=doc`)).status).toBe(400);
    expect((await get(`/monitoring/records/${projectRecord}/export`, await t.as("foreignFiller"))).status).toBe(404);

    const audit = await t.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "export.monitoring"), eq(auditEvents.entityId, projectRecord)));
    expect(audit).toHaveLength(2);
    // the rows in no particular order (no ORDER BY): the xlsx download's is among them
    expect(audit.map((a) => (a.details as { sha256: string }).sha256)).toContain(
      createHash("sha256").update(x.bytes).digest("hex"),
    );
  });

  it("writes a round as one zip of the reader's records, a folder per unit (the unit's own only for the unit)", async () => {
    const get = async (c = reviewer) => {
      const res = await t.app.request(`/api/v1/monitoring/rounds/${roundId}/export?format=xlsx`, {
        headers: { Cookie: c.cookie! },
      });
      return { status: res.status, files: unzipSync(new Uint8Array(await res.arrayBuffer())) };
    };
    const all = await get();
    expect(all.status).toBe(200);
    expect(Object.keys(all.files).sort()).toEqual(
      [
        "清单.txt",
        "赵县公安局交警大队/社区巡防-项目支出绩效运行监控表.xlsx",
        "赵县公安局交警大队/部门整体绩效-部门整体绩效运行监控表.xlsx",
        "赵县公安局/新增执法装备-项目支出绩效运行监控表.xlsx",
      ].sort(),
    );
    const own = await get(filler);
    expect(Object.keys(own.files).filter((f) => f.startsWith("赵县公安局/"))).toEqual([]);
    const audit = await t.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "export.monitoring_round"), eq(auditEvents.entityId, roundId)))
      .orderBy(asc(auditEvents.id));
    expect(audit.map((a) => (a.details as { records: number }).records)).toEqual([3, 2]);
  });

  it("puts the monitoring records of the year in the batch export (a folder per unit, the round's months named)", async () => {
    const queue = inProcessQueue(t.deps.db);
    registerBatchExportJobs(queue, t.deps.db, (e) => {
      throw e;
    });
    await queue.start();
    t.deps.jobs = queue;
    const started = await reviewer.post("/exports/batch", {
      orgId: t.world.city.id,
      year: 2024,
      documents: ["monitoring-records"],
      formats: ["xlsx"],
    });
    expect(started.status).toBe(202);
    await queue.idle();
    const view = (await reviewer.get(`/exports/batch/${started.body.jobId}`)).body;
    expect(view.state, JSON.stringify(view.error)).toBe("completed");
    expect(view.result.counts).toMatchObject({
      records: 3,
      files: 3,
      errors: 0,
      byDocument: { "monitoring-records": 3 },
    });
    const res = await t.app.request(`/api/v1/exports/batch/${started.body.jobId}/file`, {
      headers: { Cookie: reviewer.cookie! },
    });
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(
      Object.keys(files)
        .filter((f) => f.endsWith(".xlsx"))
        .sort(),
    ).toEqual(
      [
        "赵县公安局交警大队/社区巡防（1–6月）-绩效运行监控表.xlsx",
        "赵县公安局交警大队/部门整体绩效（1–6月）-绩效运行监控表.xlsx",
        "赵县公安局/新增执法装备（1–6月）-绩效运行监控表.xlsx",
      ].sort(),
    );
    await queue.stop();
  });
});
