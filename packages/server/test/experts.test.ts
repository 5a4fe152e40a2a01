/**
 * Expert review end to end: the reviewer of the city assigns a unit's project goals to two experts with a form and
 * a deadline; each expert sees only their own task (another expert's is 404, every business area 403/404), scores
 * it (a wrong score refused at its item; a submission needs every item and an opinion); the reviewer sees the
 * sheets side by side with core's average and divergences and adopts them with a reason; every step audited. Then
 * 事前绩效评估: filled by the reviewer (conclusion derived, overridden only with a reason) and from adopted experts.
 */
import { compareSheets, exanteForm, type ScoringForm } from "@jixiao/core";
import { readDocument } from "@jixiao/documents";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { insertEvaluation } from "../src/evaluations/repository.ts";
import { insertIndicator } from "../src/indicators/repository.ts";
import { insertProject } from "../src/projects/repository.ts";
import { type Client, createAccount } from "./support/app.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";
import { openXlsx, rowAfter, summed } from "./support/xlsx.ts";

/** PUT with the client's session (the test client has get/post/patch/del). */
const put = (c: Client, path: string, body: unknown) => c.req("PUT", `/api/v1${path}`, body);

describe.each(STORES)("expert review on %s", (kind) => {
  const { t, filler, reviewer, approver } = appForSuite(kind, ["filler", "reviewer", "approver"]);
  const ids: Record<string, string> = {};
  let zhang: Client;
  let li: Client;
  let wang: Client;

  beforeAll(async () => {
    const w = t.world;
    const db = t.deps.db;
    // two experts in the city's pool, one in the foreign province's
    ids.zhang = (
      await createAccount(db, { username: "expert-zhang", roles: [{ role: "expert", orgId: w.city.id }] })
    ).id;
    ids.li = (await createAccount(db, { username: "expert-li", roles: [{ role: "expert", orgId: w.root.id }] })).id;
    ids.wang = (
      await createAccount(db, { username: "expert-wang", roles: [{ role: "expert", orgId: w.foreign.id }] })
    ).id;
    zhang = await t.as("expert-zhang");
    li = await t.as("expert-li");
    wang = await t.as("expert-wang");
    const p = await insertProject(db, {
      orgId: w.unit.id,
      year: 2024,
      name: "交通安全宣传",
      annualFunds: "1200000.00",
    });
    ids.project = p.id;
    const a = await insertIndicator(db, { projectId: p.id, level: 1, name: "产出指标" });
    const b = await insertIndicator(db, { projectId: p.id, level: 2, name: "数量指标", parentId: a.id });
    await insertIndicator(db, { projectId: p.id, level: 3, name: "宣传场次", parentId: b.id, targetText: "≥50场" });
    ids.newProject = (await insertProject(db, { orgId: w.unit.id, year: 2024, name: "智能信号灯新建" })).id;
    ids.evaluation = (
      await insertEvaluation(db, { kind: "department", orgId: w.unit.id, year: 2024, conclusion: "完成年度目标" })
    ).id;
  });

  it("lets the system administrator create an expert account and the security administrator grant the role at an organisation", async () => {
    const sys = await t.as("sysadmin");
    const sec = await t.as("secadmin");
    const made = await sys.post("/accounts", {
      username: "expert-zhao",
      displayName: "赵专家",
      initialPassword: "Initial-Pass-1",
    });
    expect(made.status).toBe(201);
    // like any business role, the expert role is held at an organisation
    expect((await sec.post(`/accounts/${made.body.id}/memberships`, { role: "expert" })).status).toBe(400);
    const granted = await sec.post(`/accounts/${made.body.id}/memberships`, { role: "expert", orgId: t.world.city.id });
    expect(granted.status).toBe(201);
    expect(granted.body.memberships.map((m: { role: string }) => m.role)).toEqual(["expert"]);
    const experts = await reviewer.get(`/experts?orgId=${t.world.unit.id}`);
    expect(experts.body.items.map((e: { username: string }) => e.username)).toContain("expert-zhao");
  });

  it("lists the forms and the experts whose pool covers the record's unit, to the reviewer only", async () => {
    const forms = await reviewer.get(`/expert-forms?orgId=${t.world.unit.id}`);
    expect(forms.status).toBe(200);
    expect(forms.body.items.map((f: { id: string }) => f.id)).toEqual([
      "builtin:project-evaluation",
      "builtin:goal-review",
      "builtin:exante",
    ]);
    const experts = await reviewer.get(`/experts?orgId=${t.world.unit.id}`);
    expect(experts.body.items.map((e: { username: string }) => e.username)).toEqual([
      "expert-li",
      "expert-zhang",
      "expert-zhao",
    ]);
    expect((await filler.get(`/experts?orgId=${t.world.unit.id}`)).status).toBe(403);
    // an expert sees no organisation at all
    expect((await zhang.get(`/experts?orgId=${t.world.unit.id}`)).status).toBe(404);
  });

  it("lets the reviewer define a bureau form, checked by core (a section not adding up is refused at its path)", async () => {
    const form: ScoringForm = {
      name: "市级绩效目标评审表",
      sections: [
        { key: "s1", name: "目标", maxPoints: "60", indicators: [{ key: "i1", name: "明确性", maxPoints: "60" }] },
        { key: "s2", name: "指标", maxPoints: "40" },
      ],
    };
    const bad = structuredClone(form);
    bad.sections[0]!.maxPoints = "50";
    const refused = await reviewer.post("/expert-forms", {
      orgId: t.world.city.id,
      subject: "project_goals",
      form: bad,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.location.path).toBe("sections[0].maxPoints");
    const made = await reviewer.post("/expert-forms", { orgId: t.world.city.id, subject: "project_goals", form });
    expect(made.status).toBe(201);
    expect(made.body.fullMarks).toBe("100.00");
    ids.form = made.body.id;
    const listed = await reviewer.get(`/expert-forms?orgId=${t.world.unit.id}`);
    expect(listed.body.items.map((f: { name: string }) => f.name)).toContain("市级绩效目标评审表");
  });

  it("assigns a project's goals to two experts; an expert outside the unit's pools is refused", async () => {
    const body = {
      subject: "project_goals",
      entityId: ids.project,
      expertIds: [ids.zhang, ids.li],
      formId: "builtin:goal-review",
      deadline: "2026-03-31",
      thresholdPercent: "20",
      note: "请重点看指标值是否偏低",
    };
    expect((await approver.post("/expert-assignments", body)).status).toBe(403);
    const outside = await reviewer.post("/expert-assignments", { ...body, expertIds: [ids.wang] });
    expect(outside.status).toBe(400);
    expect(outside.body.error.location.field).toBe("expertIds");
    const r = await reviewer.post("/expert-assignments", body);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ title: "交通安全宣传", state: "open", daysLeft: 29, submitted: 0 });
    expect(r.body.experts.map((e: { state: string }) => e.state)).toEqual(["pending", "pending"]);
    expect(r.body.record.rows[0]).toMatchObject({ level1: "产出指标", level2: "数量指标", name: "宣传场次" });
    ids.assignment = r.body.id;
  });

  it("shows each expert only their own task; other experts and every business area are closed to them", async () => {
    const mine = await zhang.get("/expert/tasks");
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({
      title: "交通安全宣传",
      state: "pending",
      formName: "项目绩效目标评审表",
    });
    ids.zhangTask = mine.body.items[0].id;
    ids.liTask = (await li.get("/expert/tasks")).body.items[0].id;
    expect((await wang.get("/expert/tasks")).body.items).toEqual([]);
    // another expert's task: not found; the reviewer's side-by-side view and the project itself: not theirs
    expect((await wang.get(`/expert/tasks/${ids.zhangTask}`)).status).toBe(404);
    expect((await zhang.get(`/expert/tasks/${ids.liTask}`)).status).toBe(404);
    expect((await zhang.get(`/expert-assignments/${ids.assignment}`)).status).toBe(404);
    expect((await zhang.get(`/projects/${ids.project}`)).status).toBe(404);
    expect((await zhang.get(`/projects?orgId=${t.world.unit.id}`)).status).toBe(403);
    expect((await zhang.get("/orgs")).status).toBe(403);
    // a business role has no tasks of its own
    expect((await reviewer.get("/expert/tasks")).status).toBe(403);
    const task = await zhang.get(`/expert/tasks/${ids.zhangTask}`);
    expect(task.body.record.name).toBe("交通安全宣传");
    expect(task.body.note).toBe("请重点看指标值是否偏低");
    expect(task.body.check).toMatchObject({ complete: false, total: "0.00", fullMarks: "100.00" });
  });

  it("saves a draft, refuses a score above its maximum at the item, and submits only a complete sheet with an opinion", async () => {
    const over = await put(zhang, `/expert/tasks/${ids.zhangTask}`, { version: 1, scores: { complete: "26" } });
    expect(over.status).toBe(400);
    expect(over.body.error.location.field).toBe("complete");
    const draft = await put(zhang, `/expert/tasks/${ids.zhangTask}`, { version: 1, scores: { complete: "22" } });
    expect(draft.status).toBe(200);
    expect(draft.body.check).toMatchObject({ complete: false, total: "22.00" });
    const early = await zhang.post(`/expert/tasks/${ids.zhangTask}/submit`, { version: 2, scores: { complete: "22" } });
    expect(early.status).toBe(400);
    expect(early.body.error.location.field).toBe("relevant");
    const full = { complete: "22", relevant: "20", suitable: "12", feasible: "21" };
    const noOpinion = await zhang.post(`/expert/tasks/${ids.zhangTask}/submit`, { version: 2, scores: full });
    expect(noOpinion.body.error.location.field).toBe("opinion");
    const done = await zhang.post(`/expert/tasks/${ids.zhangTask}/submit`, {
      version: 2,
      scores: full,
      opinion: "指标值偏低，建议提高宣传场次目标",
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: "submitted", check: { complete: true, total: "75.00" } });
    // submitted: no more changes
    expect((await put(zhang, `/expert/tasks/${ids.zhangTask}`, { version: 3, scores: full })).status).toBe(409);
    const liScores = { complete: "24", relevant: "21", suitable: "20", feasible: "22" };
    const liDone = await li.post(`/expert/tasks/${ids.liTask}/submit`, {
      version: 1,
      scores: liScores,
      opinion: "目标完整",
    });
    expect(liDone.status).toBe(200);
  });

  it("shows the reviewer the sheets side by side with core's average and divergence, and adopts with a reason", async () => {
    const r = await reviewer.get(`/expert-assignments/${ids.assignment}`);
    expect(r.status).toBe(200);
    const form = r.body.form as ScoringForm;
    const expected = compareSheets(
      form,
      r.body.reviews.map((v: { expertName: string; scores: Record<string, string> }) => ({
        expert: v.expertName,
        scores: v.scores,
      })),
      "20",
    );
    expect(r.body.comparison.items).toEqual(expected.items);
    expect(r.body.comparison.averageTotal).toBe(expected.averageTotal);
    // 适当性 12 against 20: a spread of 8 is above 20 % of 25
    expect(r.body.comparison.diverging).toEqual(["suitable"]);
    expect(
      Object.fromEntries(r.body.reviews.map((v: { expertName: string; total: string }) => [v.expertName, v.total])),
    ).toEqual({ "expert-zhang": "75.00", "expert-li": "87.00" });
    expect(
      (
        await approver.post(`/expert-assignments/${ids.assignment}/decision`, {
          version: 1,
          adopted: true,
          reason: "x",
        })
      ).status,
    ).toBe(403);
    const noReason = await reviewer.post(`/expert-assignments/${ids.assignment}/decision`, {
      version: 1,
      adopted: true,
      reason: " ",
    });
    expect(noReason.body.error.location.field).toBe("reason");
    const adopted = await reviewer.post(`/expert-assignments/${ids.assignment}/decision`, {
      version: 1,
      adopted: true,
      reason: "两位专家意见一致，适当性分歧已核实",
    });
    expect(adopted.status).toBe(200);
    expect(adopted.body).toMatchObject({
      state: "adopted",
      adoptedTotal: "81.00",
      decisionReason: "两位专家意见一致，适当性分歧已核实",
    });
    const again = await reviewer.post(`/expert-assignments/${ids.assignment}/decision`, {
      version: 2,
      adopted: false,
      reason: "改变主意",
    });
    expect(again.status).toBe(409);
    // the experts' to-do lists show the decision
    expect((await zhang.get("/expert/tasks")).body.items[0].assignmentState).toBe("adopted");
  });

  it("exports the experts' scores side by side with the averages and the adoption as xlsx and docx (audited)", async () => {
    const d = (await reviewer.get(`/expert-assignments/${ids.assignment}`)).body;
    const c = d.comparison;
    for (const format of ["xlsx", "docx"] as const) {
      const res = await t.app.request(`/api/v1/expert-assignments/${ids.assignment}/export?format=${format}`, {
        headers: { Cookie: reviewer.cookie! },
      });
      expect(res.status).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      const name = decodeURIComponent(res.headers.get("content-disposition")!.split("UTF-8''")[1]!);
      expect(name).toBe(`交通安全宣传专家评审意见汇总表.${format}`);
      if (format === "xlsx") {
        // Excel-native (issue 13 #7): 满分 and each expert's 合计 a SUM over the items' number cells above it
        const ws = (await openXlsx(bytes)).worksheets[0]!;
        const [full, ...rest] = rowAfter(ws, "合计");
        const totals = [full!, ...rest.slice(0, c.totals.length)];
        expect(totals.map((x) => x.result)).toEqual([c.fullMarks, ...c.totals].map(Number));
        for (const x of [...totals, rest[c.totals.length]!]) {
          if (x === rest[c.totals.length] && !x.formula) continue; // the averages' total only where they add up
          const parts = summed(ws, x.formula);
          expect(parts).toHaveLength(c.items.length);
          expect(Math.round(parts.reduce((a, b) => a + b, 0) * 100)).toBe(Math.round(Number(x.result) * 100));
        }
      }
      const back = await readDocument(bytes, name);
      if (!("blocks" in back)) throw new Error("no blocks");
      const rows = back.blocks.flatMap((b) =>
        b.type === "table" ? b.table.rows.map((r) => r.map((x) => x.text)) : [],
      );
      // docx prints the figures as written (2 decimals); xlsx holds number cells of the same value (0.00 format)
      const same = (v: string | null) =>
        v === null ? "—" : format === "docx" || !v.includes(".") ? v : v.replace(/0+$/, "").replace(/\.$/, "");
      const head = rows.find((r) => r.includes("平均分"))!;
      expect(head.slice(4, 4 + c.experts.length)).toEqual(c.experts);
      const avgAt = head.indexOf("平均分");
      // each item: the experts' scores and core's average, spread and flag, exactly as the view gives them
      for (const item of c.items as {
        name: string;
        scores: string[];
        average: string;
        spread: string;
        diverges: boolean;
      }[]) {
        const r = rows.find((x) => x[2] === item.name)!;
        expect(r.slice(4, avgAt)).toEqual(item.scores.map(same));
        expect(r[avgAt]).toBe(same(item.average));
        expect(r[avgAt + 1]).toBe(same(item.spread));
        expect(r[avgAt + 2]).toBe(item.diverges ? "是" : "");
      }
      const total = rows.find((x) => x[0] === "合计")!;
      expect(total.slice(-c.totals.length - 4, -1)).toEqual(
        [c.fullMarks, ...c.totals, c.averageTotal, c.totalSpread].map(same),
      );
      const text = JSON.stringify(back);
      expect(text).toContain("已采纳，采纳得分 81.00");
      expect(text).toContain("两位专家意见一致，适当性分歧已核实");
    }
    const audited = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, "export.expert_review"));
    expect(audited).toHaveLength(2);
    // the approver may not export the review
    const denied = await t.app.request(`/api/v1/expert-assignments/${ids.assignment}/export`, {
      headers: { Cookie: approver.cookie! },
    });
    expect(denied.status).toBe(403);
    const expert = await t.app.request(`/api/v1/expert-assignments/${ids.assignment}/export`, {
      headers: { Cookie: zhang.cookie! },
    });
    // to an expert the assignment is not visible at all (as its view)
    expect(expert.status).toBe(404);
  });

  it("audits every step with the actor, in the record's organisation", async () => {
    const rows = await t.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, t.world.unit.id)));
    const actions = rows.map((r) => `${r.actorName}:${r.action}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        "reviewer:expert.assign",
        "expert-zhang:expert.review.save",
        "expert-zhang:expert.review.submit",
        "expert-li:expert.review.submit",
        "reviewer:expert.adopt",
      ]),
    );
    const adopt = rows.find((r) => r.action === "expert.adopt")!;
    expect(adopt.after).toMatchObject({
      state: "adopted",
      reason: "两位专家意见一致，适当性分歧已核实",
      averageScore: "81.00",
    });
    const form = (await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, "expert.form.create")))[0];
    expect(form?.orgId).toBe(t.world.city.id);
  });

  it("assigns a self-evaluation with the evaluation form; not adopting needs a reason too", async () => {
    const r = await reviewer.post("/expert-assignments", {
      subject: "self_evaluation",
      entityId: ids.evaluation,
      expertIds: [ids.zhang],
      formId: "builtin:project-evaluation",
      deadline: "2026-04-30",
    });
    expect(r.status).toBe(201);
    // nothing submitted yet: no decision
    const early = await reviewer.post(`/expert-assignments/${r.body.id}/decision`, {
      version: 1,
      adopted: false,
      reason: "未评",
    });
    expect(early.status).toBe(409);
    // the wrong subject for the id: the record is not found
    const wrong = await reviewer.post("/expert-assignments", {
      subject: "self_evaluation",
      entityId: ids.project,
      expertIds: [ids.zhang],
      formId: "builtin:project-evaluation",
      deadline: "2026-04-30",
    });
    expect(wrong.status).toBe(404);
    const list = await reviewer.get(`/expert-assignments?orgId=${t.world.unit.id}&year=2024`);
    expect(list.body.items).toHaveLength(2);
    expect((await zhang.get("/expert/tasks")).body.items).toHaveLength(2);
  });

  it("事前绩效评估: the reviewer fills it, the conclusion is derived, an override needs a reason; others read it", async () => {
    const empty = await filler.get(`/projects/${ids.newProject}/exante`);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ assessment: null, isNew: true });
    expect(empty.body.dimensions.map((d: { name: string }) => d.name)).toEqual([
      "立项必要性",
      "投入经济性",
      "绩效目标合理性",
      "实施方案可行性",
      "筹资合规性",
    ]);
    const scores = { necessity: "18", economy: "14", goals: "12", feasibility: "15", compliance: "13" };
    expect((await put(filler, `/projects/${ids.newProject}/exante`, { scores })).status).toBe(403);
    expect((await zhang.get(`/projects/${ids.newProject}/exante`)).status).toBe(404);
    const noReason = await put(reviewer, `/projects/${ids.newProject}/exante`, { scores, conclusion: "予以支持" });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.location.field).toBe("overrideReason");
    const saved = await put(reviewer, `/projects/${ids.newProject}/exante`, { scores, opinion: "方案基本可行" });
    expect(saved.status).toBe(200);
    expect(saved.body.assessment).toMatchObject({
      total: "72.00",
      percent: "72.00",
      conclusion: "部分支持",
      overridden: false,
    });
    // a second save must name the version it read
    expect((await put(reviewer, `/projects/${ids.newProject}/exante`, { scores })).status).toBe(409);
    const over = await put(reviewer, `/projects/${ids.newProject}/exante`, {
      version: 1,
      scores,
      conclusion: "予以支持",
      overrideReason: "列入市政府民生实事",
    });
    expect(over.body.assessment).toMatchObject({
      conclusion: "予以支持",
      derived: "部分支持",
      overridden: true,
      version: 2,
    });
    const audit = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, "exante.save"));
    expect(audit).toHaveLength(2);
    expect(audit.map((a) => (a.after as { conclusion: string }).conclusion).sort()).toEqual(["予以支持", "部分支持"]);
    expect((await approver.get(`/projects/${ids.newProject}/exante`)).body.assessment.conclusion).toBe("予以支持");
  });

  it("事前绩效评估表 downloads as xlsx, docx and PDF for anyone who reads the project (audited); none yet is 404", async () => {
    const view = (await approver.get(`/projects/${ids.newProject}/exante`)).body;
    const a = view.assessment;
    const project = (await approver.get(`/projects/${ids.newProject}`)).body;
    for (const format of ["xlsx", "docx", "pdf"] as const) {
      const res = await t.app.request(`/api/v1/projects/${ids.newProject}/exante/export?format=${format}`, {
        headers: { Cookie: approver.cookie! },
      });
      expect(res.status).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      const name = decodeURIComponent(res.headers.get("content-disposition")!.split("UTF-8''")[1]!);
      expect(name).toBe(`${project.name}事前绩效评估表.${format}`);
      if (format === "pdf") {
        expect(Buffer.from(bytes.subarray(0, 4)).toString("latin1")).toBe("%PDF");
        continue;
      }
      if (format === "xlsx") {
        // number cells; 分值 and 得分 totals are SUMs over the five dimensions' cells
        const ws = (await openXlsx(bytes)).worksheets[0]!;
        const totals = rowAfter(ws, "合计").filter((x) => x.formula);
        expect(totals.map((x) => x.result)).toEqual([Number(a.fullMarks), Number(a.total)]);
        for (const x of totals) {
          const parts = summed(ws, x.formula);
          expect(parts).toHaveLength(5);
          expect(Math.round(parts.reduce((s, v) => s + v, 0) * 100)).toBe(Math.round(Number(x.result) * 100));
        }
      }
      const back = await readDocument(bytes, name);
      if (!("blocks" in back)) throw new Error("no blocks");
      const rows = back.blocks.flatMap((b) =>
        b.type === "table" ? b.table.rows.map((r) => r.map((x) => x.text)) : [],
      );
      // the figures as the view gives them: docx prints them as written, xlsx holds number cells of the same value
      const same = (v: string) => (format === "docx" ? v : String(Number(v)));
      for (const d of view.dimensions as { key: string; name: string; guidance: string }[]) {
        const r = rows.find((x) => x[0] === d.name)!;
        expect([r[1], r[2], r[3]]).toEqual([d.guidance, same(a.points[d.key]), same(a.scores[d.key])]);
      }
      const total = rows.find((x) => x[0] === "合计")!;
      expect(total.filter((x) => x !== "" && x !== "合计")).toEqual([same(a.fullMarks), same(a.total)]);
      const text = JSON.stringify(back);
      expect(text).toContain(`评估结论：予以支持（按得分应为部分支持；理由：列入市政府民生实事）`);
      expect(text).toContain(project.name);
    }
    const audited = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, "export.exante"));
    expect(audited.map((x) => [x.entityId, (x.details as { fileName: string }).fileName.split(".").pop()])).toEqual(
      expect.arrayContaining([
        [ids.newProject, "xlsx"],
        [ids.newProject, "docx"],
        [ids.newProject, "pdf"],
      ]),
    );
    const none = await insertProject(t.deps.db, { orgId: t.world.unit.id, year: 2024, name: "尚未评估" });
    expect((await reviewer.get(`/projects/${none.id}/exante/export`)).status).toBe(404);
    expect((await zhang.get(`/projects/${ids.newProject}/exante/export`)).status).toBe(404);
  });

  it("事前绩效评估 by experts: adopting the assignment records the assessment from their averages", async () => {
    const p = await insertProject(t.deps.db, { orgId: t.world.unit.id, year: 2024, name: "执法记录仪购置" });
    const a = await reviewer.post("/expert-assignments", {
      subject: "exante",
      entityId: p.id,
      expertIds: [ids.zhang, ids.li],
      formId: "builtin:exante",
      deadline: "2026-03-20",
      points: { necessity: "30", economy: "20", goals: "20", feasibility: "20", compliance: "10" },
    });
    expect(a.status).toBe(201);
    expect(a.body.form).toEqual(
      exanteForm({ necessity: "30", economy: "20", goals: "20", feasibility: "20", compliance: "10" }),
    );
    const tasks = async (c: Client) =>
      (await c.get("/expert/tasks")).body.items.find((x: { assignmentId: string }) => x.assignmentId === a.body.id);
    const s1 = { necessity: "28", economy: "16", goals: "15", feasibility: "17", compliance: "9" };
    const s2 = { necessity: "26", economy: "18", goals: "16", feasibility: "15", compliance: "8" };
    expect(
      (await zhang.post(`/expert/tasks/${(await tasks(zhang)).id}/submit`, { version: 1, scores: s1, opinion: "必要" }))
        .status,
    ).toBe(200);
    expect(
      (await li.post(`/expert/tasks/${(await tasks(li)).id}/submit`, { version: 1, scores: s2, opinion: "可行" }))
        .status,
    ).toBe(200);
    const d = await reviewer.post(`/expert-assignments/${a.body.id}/decision`, {
      version: 1,
      adopted: true,
      reason: "采纳",
    });
    expect(d.status).toBe(200);
    const view = await reviewer.get(`/projects/${p.id}/exante`);
    expect(view.body.assessment).toMatchObject({
      source: "experts",
      assignmentId: a.body.id,
      scores: { necessity: "27.00", economy: "17.00", goals: "15.50", feasibility: "16.00", compliance: "8.50" },
      total: "84.00",
      fullMarks: "100.00",
      conclusion: "予以支持",
    });
    expect(d.body.adoptedTotal).toBe(view.body.assessment.total);
  });
});
