/**
 * The demo's records for the organisations it shows besides 天津 (issue 13): 河北省赵县公安交通警察大队 and
 * 曲靖市公安局交通警察支队 each get a filler and a unit approver of their own, two 2024 projects with their
 * performance goals (one approved through the whole workflow, one in progress), a 部门整体绩效目标 for 2024 (so
 * that a 部门整体 self-evaluation can be started from it) and a self-evaluation of the approved project with its
 * actual values, scored by core like every other. Every unit the demo shows, 天津's 警务保障处 included, gets
 * monthly budget execution (cumulative 1–N月, scope total) for 2024 and 2025, so that the dashboard's execution
 * chart has figures for each of them.
 *
 * Written like seed.ts (repositories, workflow steps recorded and audited as in the app); idempotent: a unit that
 * already has 2024 projects is left as it is, accounts and execution rows that exist are kept.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Actor } from "../accounts/actor.ts";
import { accounts, memberships, type Role } from "../accounts/schema.ts";
import { budgetExecution } from "../budgets/schema.ts";
import type { Db } from "../db/open.ts";
import { presentEvaluation, presentItem } from "../evaluations/presenters.ts";
import { findEvaluation, itemsOf, updateEvaluation } from "../evaluations/repository.ts";
import { evaluationItems, selfEvaluations } from "../evaluations/schema.ts";
import { storeComputedScores } from "../evaluations/scores.ts";
import { insertGoal } from "../goals/repository.ts";
import { presentIndicator } from "../indicators/presenters.ts";
import { indicatorsOf, insertIndicator } from "../indicators/repository.ts";
import { parsedTarget } from "../indicators/target.ts";
import type { OrganisationRow } from "../orgs/schema.ts";
import { presentProject } from "../projects/presenters.ts";
import { insertProject, updateProject } from "../projects/repository.ts";
import { projects } from "../projects/schema.ts";
import { nextState, type WorkflowAction } from "../workflow/rules.ts";
import { recordWorkflowStep } from "../workflow/step.ts";

export const ORGS_DEMO_YEAR = 2024;

/** 一级, 二级, 三级指标, 指标值, 分值; with 实际完成值 (and 偏差原因 when missed) where the project is self-evaluated. */
export type Row = [string, string, string, string, string, string?, string?];

export interface ProjectSpec {
  name: string;
  /** 元 */
  funds: string;
  state: "draft" | "submitted" | "approved";
  /** 项目属性 (经常性 / 一次性…): a 经常性 project continues into next year (结转上年, seed-carry.ts). */
  attribute?: string;
  purpose: string;
  annualGoal: string;
  rows: Row[];
  /** The self-evaluation of an approved project: 全年执行数 (元), its narratives, submitted or left a draft. */
  evaluation?: { executed: string; conclusion: string; improvements: string; submitted: boolean };
}

export interface UnitSpec {
  /** The unit's demo accounts: `<key>` (filler) and `<key>-approver` (unit approver). */
  key: string;
  /** The year of its projects, goal and self-evaluation (ORGS_DEMO_YEAR unless said). */
  year?: number;
  projects: ProjectSpec[];
  goal: { annualGoal: string; midTermGoal: string; rows: [string, string, string, string, string][] };
}

const ZHAOXIAN: UnitSpec = {
  key: "demo-zhaoxian",
  projects: [
    {
      name: "2024年度道路交通安全设施维护",
      funds: "860000.00",
      state: "approved",
      attribute: "经常性",
      purpose: "对辖区国省干道及农村公路的交通标志、标线、护栏和信号设施进行日常维护和损毁修复。",
      annualGoal: "完成辖区道路交通安全设施维护，设施完好率不低于95%，道路交通事故起数同比下降。",
      rows: [
        ["产出指标", "数量指标", "维护交通标志标线里程", "≥120公里", "20", "126公里"],
        ["产出指标", "质量指标", "交通安全设施完好率", "≥95%", "20", "96.5%"],
        ["产出指标", "时效指标", "维护工程完成时间", "2024年11月30日前", "10", "2024年11月20日"],
        [
          "效益指标",
          "社会效益指标",
          "道路交通事故起数同比下降率",
          "≥5%",
          "30",
          "4.1%",
          "冬季雨雪天气较往年多，事故起数下降不及预期；下年度加强恶劣天气路段警示设施。",
        ],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "10", "93%"],
      ],
      evaluation: {
        executed: "812000.00",
        conclusion: "项目资金执行率94.42%，完成标志标线维护126公里，设施完好率96.5%，年度绩效目标基本完成。",
        improvements: "加强恶劣天气路段的警示设施配置，提前安排维护计划，提高资金执行进度。",
        submitted: true,
      },
    },
    {
      name: "2024年度交警执法装备购置",
      funds: "350000.00",
      state: "draft",
      purpose: "为一线执勤民警辅警配备执法记录仪、反光背心、移动警务终端等执法装备。",
      annualGoal: "完成执法装备采购并配发到位，提升一线执法规范化水平。",
      rows: [
        ["产出指标", "数量指标", "购置执法记录仪数量", "≥40台", "25"],
        ["产出指标", "质量指标", "装备验收合格率", "100%", "15"],
        ["产出指标", "时效指标", "装备配发完成时间", "2024年9月30日前", "10"],
        ["效益指标", "社会效益指标", "现场执法全程记录率", "≥98%", "30"],
        ["满意度指标", "服务对象满意度指标", "一线民警满意度", "≥90%", "10"],
      ],
    },
  ],
  goal: {
    annualGoal: "保障大队道路交通管理各项工作正常运转，预防和减少道路交通事故，提升群众出行满意度。",
    midTermGoal: "到2026年，辖区道路交通事故起数和死亡人数持续下降，交通安全设施完好率保持在95%以上。",
    rows: [
      ["产出指标", "数量指标", "开展交通安全宣传活动次数", "≥24次", "20"],
      ["产出指标", "质量指标", "交通违法行为查处准确率", "≥98%", "20"],
      ["效益指标", "社会效益指标", "道路交通事故死亡人数同比下降率", "≥3%", "30"],
      ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "10"],
    ],
  },
};

const QUJING: UnitSpec = {
  key: "demo-qujing",
  projects: [
    {
      name: "2024年度交通技术监控设备运维",
      funds: "1200000.00",
      state: "approved",
      purpose: "对全市交通技术监控设备（电子警察、卡口、测速设备）进行运行维护，保障设备在线率。",
      annualGoal: "全年交通技术监控设备在线率不低于95%，故障设备48小时内修复。",
      rows: [
        ["产出指标", "数量指标", "运维监控设备点位数", "≥320个", "20", "326个"],
        ["产出指标", "质量指标", "设备平均在线率", "≥95%", "20", "97.2%"],
        ["产出指标", "时效指标", "故障修复时限", "≤48小时", "10", "36小时"],
        ["效益指标", "社会效益指标", "重点路段交通违法行为下降率", "≥10%", "30", "12.5%"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "10", "91.6%"],
      ],
      evaluation: {
        executed: "1164000.00",
        conclusion: "项目资金执行率97%，设备平均在线率97.2%，故障平均36小时内修复，年度绩效目标全部完成。",
        improvements: "推进老旧设备更新，运维考核与付款挂钩，进一步缩短故障修复时间。",
        submitted: false,
      },
    },
    {
      name: "2024年度农村道路交通安全劝导站建设",
      funds: "680000.00",
      state: "submitted",
      purpose: "在农村重点路口新建道路交通安全劝导站，配备劝导员和必要设施。",
      annualGoal: "新建劝导站不少于30个，农村道路交通事故起数同比下降。",
      rows: [
        ["产出指标", "数量指标", "新建劝导站数量", "≥30个", "25"],
        ["产出指标", "质量指标", "劝导站建设验收合格率", "100%", "15"],
        ["产出指标", "时效指标", "建设完成时间", "2024年10月31日前", "10"],
        ["效益指标", "社会效益指标", "农村道路交通事故起数同比下降率", "≥5%", "30"],
        ["满意度指标", "服务对象满意度指标", "农村群众满意度", "≥90%", "10"],
      ],
    },
  ],
  goal: {
    annualGoal: "保障支队交通管理和道路交通安全工作正常运转，提升科技管控能力，减少道路交通事故。",
    midTermGoal: "到2026年，全市交通技术监控覆盖主要道路，道路交通万车死亡率持续下降。",
    rows: [
      ["产出指标", "数量指标", "新增交通技术监控点位", "≥40个", "20"],
      ["产出指标", "质量指标", "交通事故处理合格率", "≥98%", "20"],
      ["效益指标", "社会效益指标", "道路交通万车死亡率同比下降率", "≥3%", "30"],
      ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "10"],
    ],
  },
};

/** Cumulative share (percent) of the year's budget executed by the end of each month, per year. */
const PACE: Record<number, number[]> = {
  2024: [5, 11, 19, 27, 35, 44, 52, 60, 69, 78, 87, 96],
  2025: [4, 9, 16, 24, 33, 42, 50, 58, 67, 76, 86, 95],
};

/** The units' department budgets (元) for the execution figures: the determined budget of each year. */
export interface ExecutionSpec {
  org: OrganisationRow;
  budget: Record<number, string>;
}

/** `12345.6` 元 as fen (an amount of the specs, two decimals at most). */
const fen = (yuan: string): bigint => {
  const [i, f = ""] = yuan.split(".");
  return BigInt(i!) * 100n + BigInt((f + "00").slice(0, 2));
};
const yuanText = (f: bigint): string => `${f / 100n}.${String(f % 100n).padStart(2, "0")}`;

/** The monthly rows: 1–N月 cumulative executed, each with the year's determined budget. */
export function monthlyExecution(budget: string, year: number): { month: number; executed: string }[] {
  const b = fen(budget);
  return (PACE[year] ?? PACE[ORGS_DEMO_YEAR]!).map((pct, i) => ({
    month: i + 1,
    executed: yuanText((b * BigInt(pct)) / 100n),
  }));
}

export interface OrgsDemoInput {
  passwordHash: string;
  password: string;
  /** The demo reviewer (reviewer over both units' roots): the last step of the approved projects. */
  reviewer: { accountId: string; username: string };
  zhaoxian: OrganisationRow;
  qujing: OrganisationRow;
  /** 天津's unit: execution figures only (its records are seed.ts's). */
  tianjinUnit: OrganisationRow;
}

export interface OrgsDemoAccount {
  username: string;
  role: Role;
  orgName: string;
  password: string;
}

export const actorOf = (accountId: string, username: string): Actor => ({
  accountId,
  username,
  displayName: username,
  mustChangePassword: false,
  csrfToken: "",
  memberships: [],
});

export async function account(db: Db, username: string, passwordHash: string, role: Role, org: OrganisationRow) {
  const [found] = await db.select().from(accounts).where(sql`lower(${accounts.username}) = ${username}`);
  const row =
    found ??
    (
      await db
        .insert(accounts)
        .values({ username, displayName: username, passwordHash, mustChangePassword: false })
        .returning()
    )[0]!;
  await db.insert(memberships).values({ accountId: row.id, role, orgId: org.id }).onConflictDoNothing();
  return { accountId: row.id, username };
}

/** An indicator tree (一级 → 二级 → 三级) from rows in order; returns the level-3 rows' ids in row order. */
async function tree(
  db: Db,
  owner: { projectId: string } | { departmentGoalId: string },
  rows: readonly (readonly [string, string, string, string, string, ...unknown[]])[],
  year: number,
): Promise<string[]> {
  const ids: string[] = [];
  const level1 = new Map<string, string>();
  const level2 = new Map<string, string>();
  let order = 0;
  for (const [l1, l2, name, target, weight] of rows) {
    if (!level1.has(l1))
      level1.set(l1, (await insertIndicator(db, { ...owner, level: 1, name: l1, sortOrder: order++ })).id);
    const k2 = `${l1}/${l2}`;
    if (!level2.has(k2)) {
      const parentId = level1.get(l1)!;
      level2.set(k2, (await insertIndicator(db, { ...owner, parentId, level: 2, name: l2, sortOrder: order++ })).id);
    }
    const row = await insertIndicator(db, {
      ...owner,
      parentId: level2.get(k2)!,
      level: 3,
      name,
      targetText: target,
      targetParsed: parsedTarget(target, year),
      weight,
      sortOrder: order++,
    });
    ids.push(row.id);
  }
  return ids;
}

export async function unitRecords(
  db: Db,
  now: Date,
  spec: UnitSpec,
  org: OrganisationRow,
  people: { filler: Actor; approver: Actor; reviewer: Actor },
): Promise<void> {
  const year = spec.year ?? ORGS_DEMO_YEAR;
  const steps: Record<ProjectSpec["state"], [WorkflowAction, Actor][]> = {
    draft: [],
    submitted: [["submit", people.filler]],
    approved: [
      ["submit", people.filler],
      ["unit_approve", people.approver],
      ["approve", people.reviewer],
    ],
  };
  for (const p of spec.projects) {
    let row = await insertProject(db, {
      orgId: org.id,
      year,
      name: p.name,
      implementingUnit: org.name,
      attribute: p.attribute ?? null,
      annualFunds: p.funds,
      fiscalFunds: p.funds,
      purpose: p.purpose,
      annualGoal: p.annualGoal,
      createdBy: people.filler.accountId,
    });
    const indicatorIds = await tree(db, { projectId: row.id }, p.rows, year);
    for (const [action, actor] of steps[p.state]) {
      const to = nextState(row.workflowState, action)!;
      const from = { state: row.workflowState, version: row.version };
      row = (await updateProject(
        db,
        row.id,
        row.version,
        { workflowState: to, ...(action === "submit" ? { submittedBy: actor.accountId } : {}) },
        now,
      ))!;
      const after = presentProject({ ...row, orgName: org.name });
      await recordWorkflowStep(db, {
        entityType: "project",
        entityId: row.id,
        orgId: org.id,
        actor,
        action,
        from,
        to: { state: to, version: row.version },
        at: now,
        snapshot: async () => ({
          ...after,
          indicators: (await indicatorsOf(db, { kind: "project", id: row.id })).map(presentIndicator),
        }),
      });
    }
    if (p.evaluation) await evaluation(db, now, org, year, row.id, p, indicatorIds, people.filler);
  }

  // The department-overall goal of the year, a draft with its indicators: the 部门整体 self-evaluation starts from it.
  const goal = await insertGoal(db, {
    orgId: org.id,
    year,
    annualGoal: spec.goal.annualGoal,
    midTermGoal: spec.goal.midTermGoal,
    createdAt: now,
    updatedAt: now,
  });
  await tree(db, { departmentGoalId: goal.id }, spec.goal.rows, year);
}

/** The approved project's self-evaluation: its rows with the actual values, scored by core, submitted or a draft. */
async function evaluation(
  db: Db,
  now: Date,
  org: OrganisationRow,
  year: number,
  projectId: string,
  p: ProjectSpec,
  indicatorIds: string[],
  filler: Actor,
): Promise<void> {
  const e = p.evaluation!;
  const [created] = await db
    .insert(selfEvaluations)
    .values({
      kind: "project",
      orgId: org.id,
      year,
      projectId,
      scheme: "national-project",
      initialBudget: p.funds,
      fullYearBudget: p.funds,
      executed: e.executed,
      conclusion: e.conclusion,
      improvements: e.improvements,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await db.insert(evaluationItems).values(
    p.rows.map(([level1, level2, name, targetText, points, actualText, deviationReason], i) => ({
      evaluationId: created!.id,
      indicatorId: indicatorIds[i] ?? null,
      level1,
      level2,
      name,
      targetText,
      actualText: actualText ?? null,
      actualParsed: actualText ? parsedTarget(actualText, year) : null,
      points,
      deviationReason: deviationReason ?? null,
      sortOrder: i,
    })),
  );
  await storeComputedScores(db, (await findEvaluation(db, created!.id))!, now);
  if (!e.submitted) return;
  const current = (await findEvaluation(db, created!.id))!;
  const row = (await updateEvaluation(
    db,
    current.id,
    current.version,
    { workflowState: "submitted", submittedBy: filler.accountId },
    now,
  ))!;
  const after = presentEvaluation({ ...current, ...row });
  await recordWorkflowStep(db, {
    entityType: "self_evaluation",
    entityId: row.id,
    orgId: org.id,
    actor: filler,
    action: "submit",
    from: { state: current.workflowState, version: current.version },
    to: { state: "submitted", version: row.version },
    at: now,
    snapshot: async () => ({ ...after, items: (await itemsOf(db, row.id)).map(presentItem) }),
  });
}

/**
 * Loads the records of 赵县 and 曲靖 and the monthly execution of every demo unit; returns the accounts it
 * created (to print with the demo's others).
 */
export async function loadOrgsDemo(db: Db, now: Date, input: OrgsDemoInput): Promise<OrgsDemoAccount[]> {
  const created: OrgsDemoAccount[] = [];
  const reviewer = actorOf(input.reviewer.accountId, input.reviewer.username);
  for (const [spec, org] of [
    [ZHAOXIAN, input.zhaoxian],
    [QUJING, input.qujing],
  ] as const) {
    const filler = await account(db, spec.key, input.passwordHash, "filler", org);
    const approver = await account(db, `${spec.key}-approver`, input.passwordHash, "unit_approver", org);
    created.push(
      { username: filler.username, role: "filler", orgName: org.name, password: input.password },
      { username: approver.username, role: "unit_approver", orgName: org.name, password: input.password },
    );
    const [has] = await db
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.orgId, org.id), eq(projects.year, ORGS_DEMO_YEAR)))
      .limit(1);
    if (has) continue;
    await unitRecords(db, now, spec, org, {
      filler: actorOf(filler.accountId, filler.username),
      approver: actorOf(approver.accountId, approver.username),
      reviewer,
    });
  }

  const execution: ExecutionSpec[] = [
    { org: input.zhaoxian, budget: { 2024: "18650000.00", 2025: "19320000.00" } },
    { org: input.qujing, budget: { 2024: "171850000.00", 2025: "168400000.00" } },
    { org: input.tianjinUnit, budget: { 2024: "3720000.00", 2025: "3850000.00" } },
  ];
  await insertMonthlyExecution(db, now, execution);
  return created;
}

/** Each unit's monthly execution rows (scope total) of each year its spec names; rows that exist are kept. */
export async function insertMonthlyExecution(db: Db, now: Date, execution: ExecutionSpec[]): Promise<void> {
  await db
    .insert(budgetExecution)
    .values(
      execution.flatMap(({ org, budget }) =>
        Object.entries(budget).flatMap(([y, determinedBudget]) =>
          monthlyExecution(determinedBudget, Number(y)).map(({ month, executed }) => ({
            orgId: org.id,
            year: Number(y),
            scope: "total",
            month,
            initialBudget: determinedBudget,
            determinedBudget,
            executed,
            createdAt: now,
            updatedAt: now,
          })),
        ),
      ),
    )
    .onConflictDoNothing();
}
