/**
 * The demo's expert review (专家评审, issue 17 points 5 and 6), through the services like the app's own requests:
 * two expert accounts in the pool of 天津市公安交通管理局 (demo-expert, demo-expert2); the demo reviewer assigns
 * the goals of 2024年度交通安全宣传 (waiting for the reviewer's approval) to both, who score them — apart on
 * 适当性, so the side-by-side view flags it — and write opinions; the reviewer's decision is left to do. The
 * reviewer has filled that project's 事前绩效评估 (部分支持); the new 2024年度执勤装备购置 is assigned to
 * demo-expert for its 事前绩效评估, not scored yet: the expert's to-do list has one task open. In 2025 the new
 * 2025年度交通信号智能化改造 (continuing no project of 2024) waits for the reviewer's approval without one: its approval
 * is blocked until the reviewer assesses it (the server refuses it, 409 exante_missing).
 */
import type { Actor } from "../accounts/actor.ts";
import { actorOf } from "../accounts/repository.ts";
import { accounts, memberships } from "../accounts/schema.ts";
import type { Db } from "../db/open.ts";
import { saveExante } from "../experts/exante.service.ts";
import { assign, EXANTE_FORM_ID, myTasks, saveTask } from "../experts/experts.service.ts";
import { insertIndicator } from "../indicators/repository.ts";
import { parsedTarget } from "../indicators/target.ts";
import type { OrganisationRow } from "../orgs/schema.ts";
import { transitionProject } from "../projects/projects.service.ts";
import { insertProject, listProjects } from "../projects/repository.ts";

export const DEMO_EXPERTS = ["demo-expert", "demo-expert2"] as const;
export const DEMO_EXPERT_PROJECT = "2024年度交通安全宣传";
export const DEMO_EXANTE_PROJECT = "2024年度执勤装备购置";
/** A new project of 2025 waiting for the reviewer's approval, with no 事前绩效评估 yet. */
export const DEMO_EXANTE_GATE_PROJECT = "2025年度交通信号智能化改造";
export const DEMO_EXANTE_GATE_YEAR = 2025;

const SHEETS: Record<(typeof DEMO_EXPERTS)[number], { scores: Record<string, string>; opinion: string }> = {
  "demo-expert": {
    scores: { complete: "22", relevant: "21", suitable: "13", feasible: "20" },
    opinion: "目标、指标基本齐全；宣传场次目标低于上年实际完成值，建议提高；满意度调查方式需明确。",
  },
  "demo-expert2": {
    scores: { complete: "23", relevant: "22", suitable: "20", feasible: "21" },
    opinion: "指标与项目内容相关，资金规模与产出相称，同意按计划实施。",
  },
};

/** Plus `days` days, as YYYY-MM-DD (UTC). */
function dateAfter(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

export async function loadExpertsDemo(
  db: Db,
  now: Date,
  people: { reviewer: Actor; filler: Actor; approver: Actor; passwordHash: string; password: string },
  orgs: { bureau: OrganisationRow; unit: OrganisationRow },
): Promise<{ username: string; role: "expert"; orgName: string; password: string }[]> {
  const deps = { db, now: () => now };
  const experts: Record<string, Actor> = {};
  for (const username of DEMO_EXPERTS) {
    const [row] = await db
      .insert(accounts)
      .values({
        username,
        displayName: username === "demo-expert" ? "王专家" : "李专家",
        passwordHash: people.passwordHash,
        mustChangePassword: false,
      })
      .returning();
    await db.insert(memberships).values({ accountId: row!.id, role: "expert", orgId: orgs.bureau.id });
    experts[username] = await actorOf(db, row!, "");
  }
  const { items } = await listProjects(db, {
    underPath: orgs.unit.path,
    year: 2024,
    sort: "name",
    desc: false,
    page: 1,
    pageSize: 100,
  });
  const byName = (name: string) => items.find((p) => p.name === name);
  const goals = byName(DEMO_EXPERT_PROJECT);
  const exante = byName(DEMO_EXANTE_PROJECT);
  if (goals) {
    const a = await assign(deps, people.reviewer, {
      subject: "project_goals",
      entityId: goals.id,
      expertIds: DEMO_EXPERTS.map((u) => experts[u]!.accountId),
      formId: "builtin:goal-review",
      deadline: dateAfter(now, 14),
      note: "请重点审核指标值是否低于上年实际、满意度指标是否可测。",
    });
    for (const username of DEMO_EXPERTS) {
      const task = (await myTasks(deps, experts[username])).items.find((t) => t.assignmentId === a.id)!;
      await saveTask(deps, experts[username], task.id, { version: task.version, ...SHEETS[username], submit: true });
    }
    await saveExante(deps, people.reviewer, goals.id, {
      scores: { necessity: "18", economy: "15", goals: "13", feasibility: "16", compliance: "17" },
      opinion: "项目必要，资金来源合规；绩效目标偏保守，建议按专家意见提高宣传场次目标。",
    });
  }
  if (exante) {
    await assign(deps, people.reviewer, {
      subject: "exante",
      entityId: exante.id,
      expertIds: [experts["demo-expert"]!.accountId],
      formId: EXANTE_FORM_ID,
      deadline: dateAfter(now, 21),
      note: "新增项目，请在批复绩效目标前完成事前绩效评估。",
    });
  }
  await newProjectAwaitingApproval(deps, people, orgs.unit);
  return DEMO_EXPERTS.map((username) => ({
    username,
    role: "expert" as const,
    orgName: orgs.bureau.name,
    password: people.password,
  }));
}

/** 2025年度交通信号智能化改造: filled, submitted and unit-approved through the workflow, no 事前绩效评估. */
async function newProjectAwaitingApproval(
  deps: { db: Db; now: () => Date },
  people: { filler: Actor; approver: Actor },
  unit: OrganisationRow,
) {
  const year = DEMO_EXANTE_GATE_YEAR;
  const p = await insertProject(deps.db, {
    orgId: unit.id,
    year,
    name: DEMO_EXANTE_GATE_PROJECT,
    implementingUnit: unit.name,
    attribute: "一次性",
    annualFunds: "960000.00",
    fiscalFunds: "960000.00",
    purpose: "对辖区 24 个路口的交通信号机进行联网和自适应控制改造，缓解早晚高峰拥堵。",
    annualGoal: "完成 24 个路口信号机联网改造，高峰时段主干道平均通行时间下降 10%。",
    createdBy: people.filler.accountId,
  });
  const rows: [string, string, [string, string, string][]][] = [
    [
      "产出指标",
      "数量指标",
      [
        ["改造路口数", "≥24个", "30"],
        ["信号机联网率", "=100%", "20"],
      ],
    ],
    ["效益指标", "社会效益指标", [["高峰时段通行时间下降", "≥10%", "30"]]],
    ["满意度指标", "服务对象满意度指标", [["群众出行满意度", "≥90%", "10"]]],
  ];
  let order = 0;
  for (const [l1, l2, leaves] of rows) {
    const a = await insertIndicator(deps.db, { projectId: p.id, level: 1, name: l1, sortOrder: order++ });
    const b = await insertIndicator(deps.db, {
      projectId: p.id,
      parentId: a.id,
      level: 2,
      name: l2,
      sortOrder: order++,
    });
    for (const [name, target, weight] of leaves) {
      await insertIndicator(deps.db, {
        projectId: p.id,
        parentId: b.id,
        level: 3,
        name,
        targetText: target,
        targetParsed: parsedTarget(target, year),
        weight,
        sortOrder: order++,
      });
    }
  }
  const submitted = await transitionProject(deps, people.filler, p.id, "submit", { version: p.version });
  await transitionProject(deps, people.approver, p.id, "unit_approve", { version: submitted.version });
}
