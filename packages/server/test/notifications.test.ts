/**
 * Stage deadlines and the notification centre (issue 16 part 6): the bureau sets a deadline for its subtree
 * (reviewer only, audited), the unit sees days left or overdue against the app's clock (2026-03-02 in tests) in the
 * deadline list and the to-do count; workflow steps, a round opened and a monitoring action notify the right people
 * of the right unit (never the one who acted); approaching and overdue deadlines remind once per phase; each reads
 * and marks only their own notifications.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { insertEvaluation } from "../src/evaluations/repository.ts";
import { insertProject } from "../src/projects/repository.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

interface Item {
  id: string;
  kind: string;
  title: string;
  titleEn: string;
  link: string | null;
  readAt: string | null;
}

describe.each(STORES)("stage deadlines and notifications on %s", (kind) => {
  const { t, filler, filler2, approver, reviewer, viewer, foreignFiller } = appForSuite(kind, [
    "filler",
    "filler2",
    "approver",
    "reviewer",
    "viewer",
    "foreignFiller",
  ]);
  const list = async (c = filler) => (await c.get("/notifications")).body as { unread: number; items: Item[] };

  beforeAll(async () => {
    // Something still to file in 2025: a draft project of the unit (goals) and a draft self-evaluation.
    await insertProject(t.deps.db, { orgId: t.world.unit.id, year: 2025, name: "社区巡防" });
    await insertEvaluation(t.deps.db, { kind: "project", orgId: t.world.unit.id, year: 2025 });
  });

  it("lets only the reviewer covering the unit set a deadline; audited; checks the date", async () => {
    const body = { orgId: t.world.city.id, year: 2025, stage: "goals", dueDate: "2026-03-04" };
    expect((await filler.req("PUT", "/api/v1/deadlines", body)).status).toBe(404); // the city is above the filler
    expect((await viewer.req("PUT", "/api/v1/deadlines", { ...body, orgId: t.world.unit.id })).status).toBe(403);
    expect((await reviewer.req("PUT", "/api/v1/deadlines", { ...body, orgId: t.world.foreign.id })).status).toBe(404);
    const bad = await reviewer.req("PUT", "/api/v1/deadlines", { ...body, dueDate: "2026-02-30" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("日期「2026-02-30」无效");
    const far = await reviewer.req("PUT", "/api/v1/deadlines", { ...body, dueDate: "2030-01-01" });
    expect(far.status).toBe(400);

    const set = await reviewer.req("PUT", "/api/v1/deadlines", body);
    expect(set.status).toBe(200);
    const goals = set.body.items.find((i: { stage: string }) => i.stage === "goals");
    expect(goals.status).toMatchObject({ dueDate: "2026-03-04", daysLeft: 2, overdue: false, label: "剩余2天" });
    expect(goals.setAt).toMatchObject({ orgId: t.world.city.id, own: true });
    // moved: audited with before and after
    await reviewer.req("PUT", "/api/v1/deadlines", { ...body, dueDate: "2026-03-05" });
    await reviewer.req("PUT", "/api/v1/deadlines", body);
    const audit = await t.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "deadline.set"), eq(auditEvents.orgId, t.world.city.id)))
      .orderBy(auditEvents.id);
    expect(audit.map((a) => (a.after as { dueDate: string }).dueDate)).toEqual([
      "2026-03-04",
      "2026-03-05",
      "2026-03-04",
    ]);
    expect((audit[2]!.details as { zh: string }).zh).toBe(
      "设定石家庄市公安局 2025年度「目标申报」截止日期：2026-03-05 → 2026-03-04",
    );
    // the self-evaluation deadline set at the unit itself, already past
    const own = await reviewer.req("PUT", "/api/v1/deadlines", {
      orgId: t.world.unit.id,
      year: 2025,
      stage: "self_evaluation",
      dueDate: "2026-02-27",
    });
    expect(own.status).toBe(200);
  });

  it("shows the unit what is due and overdue, with days left, in the list and the to-do count", async () => {
    const r = await filler.get(`/deadlines?orgId=${t.world.unit.id}&year=2025`);
    expect(r.status).toBe(200);
    expect(r.body.canSet).toBe(false);
    expect(r.body.today).toBe("2026-03-02");
    const byStage = Object.fromEntries(r.body.items.map((i: { stage: string }) => [i.stage, i]));
    expect(byStage.goals).toMatchObject({ pending: 1, setAt: { orgName: "石家庄市公安局", own: false } });
    expect(byStage.goals.status).toMatchObject({
      daysLeft: 2,
      dueSoon: true,
      label: "剩余2天",
      labelEn: "2 days left",
    });
    expect(byStage.self_evaluation.status).toMatchObject({ daysLeft: -3, overdue: true, label: "已逾期3天" });
    expect(byStage.self_evaluation.setAt.own).toBe(true);
    // the city follows its own deadline and has no self-evaluation deadline (that one is the unit's)
    const city = await reviewer.get(`/deadlines?orgId=${t.world.city.id}&year=2025`);
    expect(city.body.canSet).toBe(true);
    expect(city.body.items.find((i: { stage: string }) => i.stage === "self_evaluation").status).toBeNull();
    expect((await foreignFiller.get(`/deadlines?orgId=${t.world.unit.id}&year=2025`)).status).toBe(404);

    const todo = await filler.get(`/workflow/todo/count?orgId=${t.world.unit.id}&year=2025`);
    expect(todo.status).toBe(200);
    expect(todo.body.deadlines.map((d: { stage: string; label: string }) => [d.stage, d.label])).toEqual([
      ["goals", "剩余2天"],
      ["self_evaluation", "已逾期3天"],
    ]);
  });

  it("reminds the filler of an approaching deadline and of an overdue one, once each", async () => {
    const first = await list();
    const deadlines = first.items.filter((n) => n.kind === "deadline").map((n) => n.title);
    expect(deadlines.sort()).toEqual([
      "赵县公安局交警大队：「2025年度目标申报」截止日期 2026-03-04，剩余2天（待办 1 项）",
      "赵县公安局交警大队：「2025年度绩效自评」截止日期 2026-02-27，已逾期3天（待办 1 项）",
    ]);
    expect((await list()).items.filter((n) => n.kind === "deadline")).toHaveLength(2); // not again
    // the approver and the viewer file nothing: no reminders
    expect((await list(approver)).items.filter((n) => n.kind === "deadline")).toHaveLength(0);
    // three days on, the goals deadline is past: one more (overdue), the approaching one stays as it was
    // (a new sign-in: three days idle end the session)
    t.clock.advance(3 * 86_400_000);
    try {
      const later = (await list(await t.as("filler"))).items.filter((n) => n.kind === "deadline").map((n) => n.title);
      expect(later).toHaveLength(3);
      expect(later[0]).toBe("赵县公安局交警大队：「2025年度目标申报」截止日期 2026-03-04，已逾期1天（待办 1 项）");
    } finally {
      t.clock.advance(-3 * 86_400_000);
      await filler.login("filler");
    }
  });

  it("tells the approver of a submission and the unit's fillers of a return, never the one who acted", async () => {
    const g = (await filler.post("/goals", { orgId: t.world.unit.id, year: 2024, annualGoal: "维护辖区治安" })).body;
    await filler.post(`/goals/${g.id}/indicators`, { level: 1, name: "效益指标" });
    const before = (await list(filler2)).unread;
    expect((await filler.post(`/goals/${g.id}/submit`, { version: 1 })).status).toBe(200);
    const toApprove = (await list(approver)).items.find((n) => n.kind === "submitted");
    expect(toApprove?.title).toBe("赵县公安局交警大队 2024年部门整体绩效目标待单位审核");
    expect(toApprove?.link).toBe(`/goals/${g.id}`);
    expect((await list(filler)).items.some((n) => n.kind === "submitted")).toBe(false);
    expect((await approver.post(`/goals/${g.id}/return`, { version: 2, comment: "请细化指标" })).status).toBe(200);
    const back = await list(filler2);
    expect(back.unread).toBe(before + 1);
    expect(back.items.find((n) => n.kind === "returned")).toMatchObject({
      kind: "returned",
      title: "赵县公安局交警大队 2024年部门整体绩效目标已退回：请细化指标",
      titleEn: "The department goal of 赵县公安局交警大队 (2024) is returned: 请细化指标",
    });
    expect((await list(filler)).items.some((n) => n.kind === "returned")).toBe(true); // the submitter, a filler too
    expect((await list(approver)).items.some((n) => n.kind === "returned")).toBe(false);
    expect((await list(foreignFiller)).items).toHaveLength(0);
  });

  it("tells the unit of a round opened (assignment) and of the bureau's action (warning)", async () => {
    await insertProject(t.deps.db, { orgId: t.world.unit.id, year: 2024, name: "交通秩序整治" });
    const round = await reviewer.post("/monitoring/rounds", {
      orgId: t.world.city.id,
      year: 2024,
      cutoffMonth: 6,
      deadline: "2026-03-03",
    });
    expect(round.status).toBe(201);
    const assigned = (await list()).items.find((n) => n.kind === "assignment");
    expect(assigned?.title).toMatch(/^请填报2024年1–6月绩效运行监控表（\d+ 份），截止 2026-03-03$/);
    // its deadline is tomorrow: a reminder with the records still to file
    expect(
      (await list()).items.some((n) => n.title.includes("「2024年1–6月绩效运行监控」截止日期 2026-03-03，剩余1天")),
    ).toBe(true);
    const records = (await reviewer.get(`/monitoring/rounds/${round.body.id}/warnings?sort=org`)).body.items as {
      id: string;
      projectName: string | null;
    }[];
    const rec = records.find((x) => x.projectName === "交通秩序整治")!;
    const sent = await reviewer.post(`/monitoring/records/${rec.id}/actions`, {
      kind: "require_correction",
      message: "执行进度滞后，请于7月底前纠偏",
    });
    expect(sent.status).toBe(201);
    const warning = (await list(filler2)).items.find((n) => n.kind === "warning");
    expect(warning).toMatchObject({
      title: "监控预警·要求纠偏：「赵县公安局交警大队 · 交通秩序整治」执行进度滞后，请于7月底前纠偏",
      link: `/monitoring/records/${rec.id}`,
    });
    expect((await list(reviewer)).items.some((n) => n.kind === "warning")).toBe(false);
  });

  it("marks one's own read, one or all; another's is not found", async () => {
    const mine = await list();
    expect(mine.unread).toBeGreaterThan(2);
    const one = mine.items.find((n) => n.readAt === null)!;
    expect((await filler2.post(`/notifications/${one.id}/read`)).status).toBe(404);
    const read = await filler.post(`/notifications/${one.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toBe(t.clock.now.toISOString());
    expect(read.body.unread).toBe(mine.unread - 1);
    expect((await filler.get("/notifications?unread=1")).body.items.some((n: Item) => n.id === one.id)).toBe(false);
    const all = await filler.post("/notifications/read-all");
    expect(all.body).toEqual({ marked: mine.unread - 1, unread: 0 });
    expect((await list()).unread).toBe(0);
    expect((await list(filler2)).unread).toBeGreaterThan(0); // the other filler's are theirs
  });

  it("lets the bureau clear a deadline it set (audited); the one above applies again", async () => {
    await reviewer.req("PUT", "/api/v1/deadlines", {
      orgId: t.world.unit.id,
      year: 2025,
      stage: "goals",
      dueDate: "2026-03-20",
    });
    const q = `/deadlines?orgId=${t.world.unit.id}&year=2025&stage=goals`;
    expect((await filler.del(q)).status).toBe(403);
    const cleared = await reviewer.del(q);
    expect(cleared.status).toBe(200);
    expect(cleared.body.items.find((i: { stage: string }) => i.stage === "goals").status.dueDate).toBe("2026-03-04");
    expect((await reviewer.del(q)).status).toBe(404);
    const [a] = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, "deadline.clear"));
    expect((a!.details as { zh: string }).zh).toBe("取消赵县公安局交警大队 2025年度「目标申报」截止日期 2026-03-20");
  });
});
