/**
 * The demo loaded on an empty embedded database: the organisations of the seed documents, one project from
 * seed 004 with its indicator tree (a draft), four more projects of the same unit in the later workflow
 * states (submitted, unit-approved, approved, returned: something to do for every role), a draft with problems
 * for the automatic review to find (a vague target, no 满意度指标, weights not adding up to 100), the 2024 in-year
 * monitoring round (seed-monitoring.ts), and one account per role. The demo password is public (it is printed and
 * documented): never load the demo into a production database.
 */
import { count, eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.ts";
import { hashPassword } from "../accounts/password.ts";
import { actorOf } from "../accounts/repository.ts";
import { accounts, memberships, type Role } from "../accounts/schema.ts";
import { recordAudit } from "../audit/audit.ts";
import { insertBudget } from "../budgets/department.repository.ts";
import { budgetExecution } from "../budgets/schema.ts";
import { insertSections } from "../budgets/sections.repository.ts";
import type { Db } from "../db/open.ts";
import { findEvaluation } from "../evaluations/repository.ts";
import { evaluationItems, selfEvaluations } from "../evaluations/schema.ts";
import { storeComputedScores } from "../evaluations/scores.ts";
import { presentIndicator } from "../indicators/presenters.ts";
import { indicatorsOf, insertIndicator } from "../indicators/repository.ts";
import { parsedTarget } from "../indicators/target.ts";
import { insertOrganisation } from "../orgs/repository.ts";
import { type OrganisationRow, organisations } from "../orgs/schema.ts";
import { presentProject } from "../projects/presenters.ts";
import { insertProject, updateProject } from "../projects/repository.ts";
import { publish } from "../publications/publications.service.ts";
import { nextState, type WorkflowAction } from "../workflow/rules.ts";
import { recordWorkflowStep } from "../workflow/step.ts";
import { fiscalYears } from "../years/schema.ts";
import { SEED_002_ROWS } from "./seed-002-evaluation.ts";
import { loadCarryDemo } from "./seed-carry.ts";
import { loadDeadlinesDemo } from "./seed-deadlines.ts";
import { loadExpertsDemo } from "./seed-experts.ts";
import { loadLatestDemo } from "./seed-latest.ts";
import { DEMO_MONITORING_YEAR, loadMonitoringDemo } from "./seed-monitoring.ts";
import { loadOrgsDemo } from "./seed-orgs.ts";
import { loadRectificationDemo } from "./seed-rectification.ts";
import { loadResultsDemo } from "./seed-results.ts";

export const DEMO_PASSWORD = "Jixiao-Demo-2026";

/** The demo's draft project with review problems (a vague target, no 满意度指标, weights adding up to 80). */
export const FLAWED_DEMO_PROJECT = "2024年度道路交通秩序整治";

/** The year of the demo's draft department budget (of 天津市公安交通管理局警务保障处). */
export const DEMO_BUDGET_YEAR = 2025;

export interface DemoAccount {
  username: string;
  role: Role;
  orgName: string | null;
  password: string;
}

/** True when the database holds no organisation and no account (a fresh install). */
export async function isEmpty(db: Db): Promise<boolean> {
  const [o] = await db.select({ n: count() }).from(organisations);
  const [a] = await db.select({ n: count() }).from(accounts);
  return (o?.n ?? 0) === 0 && (a?.n ?? 0) === 0;
}

/** A demo account acting in the seed (its steps are recorded and audited like anyone's). */
function demoActor(accountId: string, username: string): Actor {
  return { accountId, username, displayName: username, mustChangePassword: false, csrfToken: "", memberships: [] };
}

export async function loadDemo(db: Db, now: Date = new Date()): Promise<DemoAccount[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    await tx
      .insert(fiscalYears)
      .values([2017, 2020, 2023, 2024, 2025, 2026].map((year) => ({ year })))
      .onConflictDoNothing();
    const org = (
      parent: OrganisationRow | undefined,
      code: string,
      name: string,
      extra: Partial<OrganisationRow> = {},
    ) =>
      insertOrganisation(
        tx,
        {
          parentId: parent?.id ?? null,
          code,
          name,
          nature: extra.nature ?? "行政",
          rank: extra.rank ?? null,
          fundingForm: extra.fundingForm ?? "财政拨款",
        },
        parent,
      );
    // Seed 004: 374101 天津市公安交通管理局警务保障处 (the parent's code is not in the document: "374").
    const tianjin = await org(undefined, "374", "天津市公安交通管理局");
    const baozhang = await org(tianjin, "374101", "天津市公安交通管理局警务保障处");
    // Seed 001: 赵县公安局 (312, 正科级) and its traffic brigade 312007 (副科级; seed 000 calls it 451交警大队).
    const zhaoxian = await org(undefined, "312", "赵县公安局", { rank: "正科级" });
    const zhaoxianBrigade = await org(zhaoxian, "312007", "河北省赵县公安交通警察大队", { rank: "副科级" });
    // Seeds 002 and 003 carry no unit codes: the administrative division codes stand in.
    const qingshan = await org(undefined, "420107", "武汉市公安局青山区交通大队");
    const qujing = await org(undefined, "530300", "曲靖市公安局交通警察支队");

    // Seed 002: 青山 2020, 预算数 2953.33 万元, 执行数 2609.14 万元, self-evaluation 92 (stated).
    // Seed 003: 曲靖 2023 in 元: 年初 + 调整 = 确定, 执行, for the total, basic and project spending.
    await tx.insert(budgetExecution).values([
      {
        orgId: qingshan.id,
        year: 2020,
        scope: "total",
        initialBudget: "29533300.00",
        determinedBudget: "29533300.00",
        executed: "26091400.00",
      },
      ...(
        [
          ["total", "170294599.63", "-3361340.55", "166933259.08", "165794459.08"],
          ["basic", "62289924.51", "-1357147.99", "60932776.52", "60932776.52"],
          ["project_spending", "108004675.12", "-2004192.56", "106000482.56", "104861682.56"],
        ] as const
      ).map(([scope, initialBudget, adjustment, determinedBudget, executed]) => ({
        orgId: qujing.id,
        year: 2023,
        scope,
        initialBudget,
        adjustment,
        determinedBudget,
        executed,
      })),
    ]);
    // Seed 002 is a self-evaluation the 青山 traffic brigade published in 2021: approved here, and published below
    // (信息公开), so that the public site has a document from the first start.
    const [published] = await tx
      .insert(selfEvaluations)
      .values({
        kind: "department",
        orgId: qingshan.id,
        year: 2020,
        workflowState: "approved",
        initialBudget: "29533300.00",
        fullYearBudget: "29533300.00",
        executed: "26091400.00",
        executionPoints: "20",
        scheme: "department-2080",
        statedTotal: "92",
        statedGrade: "优",
        conclusion: "2020年度部门整体支出绩效自评得分92分，等级为优。预算执行率88.3%，年度绩效目标基本完成。",
        problems:
          "受疫情影响，新增汉警快骑队员项目未开展；化工大道施工延后，配套交通设施建设未实施；辅警人员流动较大。",
        improvements: "加强预算执行进度管理，科学合理编制绩效目标，强化绩效评价结果应用。",
      })
      .returning({ id: selfEvaluations.id });
    // Its indicator rows as the seed document's table has them (and fixtures/evaluations/seed-002.json), then the
    // one stored score: core's result, computed from these rows, with the stated 92 kept beside it.
    await tx.insert(evaluationItems).values(
      SEED_002_ROWS.map((r, i) => ({
        evaluationId: published!.id,
        level1: r.level1,
        level2: r.level2,
        name: r.name,
        targetText: r.target,
        actualText: r.actual,
        actualParsed: parsedTarget(r.actual, 2020),
        points: r.points,
        statedScore: r.statedScore,
        deviationReason: r.deviationReason ?? null,
        sortOrder: i,
      })),
    );
    await storeComputedScores(tx, (await findEvaluation(tx, published!.id))!, now);

    // Seed 004, first table: 2024年度教育训练, 50.00 万元 of fiscal funds.
    const project = await insertProject(tx, {
      orgId: baozhang.id,
      year: 2024,
      name: "2024年度教育训练",
      implementingUnit: "天津市公安交通管理局警务保障处",
      annualFunds: "500000.00",
      fiscalFunds: "500000.00",
      purpose:
        "用于年内组织总队全体民警辅警开展相关培训，提升全警政治理论水平、基础警务技能、交管业务水平，努力打造一支政治过硬、业务精通、纪律严明的队伍。",
      annualGoal:
        "用于年内组织总队全体民警辅警开展相关培训，提升全警政治理论水平、基础警务技能、交管业务水平，努力打造一支政治过硬、业务精通、纪律严明的队伍。",
    });
    const tree: [string, [string, [string, string, string][]][]][] = [
      [
        "产出指标",
        [
          ["质量指标", [["教育训练经费使用规定", "教育训练经费使用符合相关规定", "符合相关规定"]]],
          ["时效指标", [["确定年内开展培训时间", "2024年度内分阶段进行", "分阶段进行"]]],
          ["数量指标", [["组织培训人数", "组织民辅警培训人数", "≥100人"]]],
          ["成本指标", [["培训费", "培训费用标准", "≤500元/人/天"]]],
        ],
      ],
      ["效益指标", [["可持续影响指标", [["提高队伍专业化水平", "提高队伍专业化水平", "作用显著"]]]]],
      ["满意度指标", [["服务对象满意度指标", [["学员满意度", "培训学员对培训的满意度", "≥90百分比"]]]]],
    ];
    let order = 0;
    for (const [l1, level2] of tree) {
      const i1 = await insertIndicator(tx, { projectId: project.id, level: 1, name: l1, sortOrder: order++ });
      for (const [l2, level3] of level2) {
        const i2 = await insertIndicator(tx, {
          projectId: project.id,
          parentId: i1.id,
          level: 2,
          name: l2,
          sortOrder: order++,
        });
        for (const [name, description, targetText] of level3) {
          await insertIndicator(tx, {
            projectId: project.id,
            parentId: i2.id,
            level: 3,
            name,
            description,
            targetText,
            targetParsed: parsedTarget(targetText, 2024),
            sortOrder: order++,
          });
        }
      }
    }

    const roots = [tianjin.name, zhaoxian.name, qingshan.name, qujing.name];
    const people: DemoAccount[] = [
      { username: "demo-filler", role: "filler", orgName: baozhang.name, password: DEMO_PASSWORD },
      { username: "demo-approver", role: "unit_approver", orgName: baozhang.name, password: DEMO_PASSWORD },
      ...roots.map((orgName) => ({
        username: "demo-reviewer",
        role: "reviewer" as const,
        orgName,
        password: DEMO_PASSWORD,
      })),
      ...roots.map((orgName) => ({
        username: "demo-viewer",
        role: "viewer" as const,
        orgName,
        password: DEMO_PASSWORD,
      })),
      { username: "demo-sysadmin", role: "sysadmin", orgName: null, password: DEMO_PASSWORD },
      { username: "demo-secadmin", role: "secadmin", orgName: null, password: DEMO_PASSWORD },
      { username: "demo-auditor", role: "auditor", orgName: null, password: DEMO_PASSWORD },
    ];
    const orgIdByName = new Map([tianjin, baozhang, zhaoxian, qingshan, qujing].map((o) => [o.name, o.id]));
    const accountIds = new Map<string, string>();
    for (const p of people) {
      let accountId = accountIds.get(p.username);
      if (!accountId) {
        const [row] = await tx
          .insert(accounts)
          .values({ username: p.username, displayName: p.username, passwordHash, mustChangePassword: false })
          .returning();
        accountId = row!.id;
        accountIds.set(p.username, accountId);
      }
      await tx
        .insert(memberships)
        .values({ accountId, role: p.role, orgId: p.orgName ? orgIdByName.get(p.orgName)! : null });
    }
    // One more project of the unit in each later workflow state, with its history and snapshots, so that every
    // role finds something to do: the unit approver a submitted one, the reviewer a unit-approved one, the
    // filler a returned one (returned by the reviewer after the unit approval), and an approved, frozen one.
    const who = (username: string) => accountIds.get(username)!;
    const steps: Record<string, [WorkflowAction, string, string?][]> = {
      submitted: [["submit", "demo-filler"]],
      unit_approved: [
        ["submit", "demo-filler"],
        ["unit_approve", "demo-approver"],
      ],
      approved: [
        ["submit", "demo-filler"],
        ["unit_approve", "demo-approver"],
        ["approve", "demo-reviewer"],
      ],
      returned: [
        ["submit", "demo-filler"],
        ["unit_approve", "demo-approver"],
        ["return", "demo-reviewer", "请补充满意度指标的调查方式，并细化成本指标。"],
      ],
    };
    const more: [string, string, string][] = [
      ["2024年度执勤装备购置", "submitted", "300000.00"],
      ["2024年度交通安全宣传", "unit_approved", "120000.00"],
      ["2024年度警用车辆维护", "approved", "450000.00"],
      ["2024年度交通管理信息系统运维", "returned", "800000.00"],
    ];
    for (const [name, state, funds] of more) {
      let row = await insertProject(tx, {
        orgId: baozhang.id,
        year: 2024,
        name,
        implementingUnit: baozhang.name,
        // a 经常性 project continues next year: the demo's 结转上年 (issue 17) carries it into 2025
        attribute: name === "2024年度警用车辆维护" ? "经常性" : null,
        annualFunds: funds,
        fiscalFunds: funds,
        createdBy: who("demo-filler"),
      });
      const i1 = await insertIndicator(tx, { projectId: row.id, level: 1, name: "产出指标", sortOrder: 0 });
      const i2 = await insertIndicator(tx, {
        projectId: row.id,
        parentId: i1.id,
        level: 2,
        name: "数量指标",
        sortOrder: 1,
      });
      await insertIndicator(tx, {
        projectId: row.id,
        parentId: i2.id,
        level: 3,
        name: "任务完成率",
        targetText: "≥95%",
        targetParsed: parsedTarget("≥95%", 2024),
        weight: "10",
        sortOrder: 2,
      });
      for (const [action, username, comment] of steps[state]!) {
        const to = nextState(row.workflowState, action)!;
        const from = { state: row.workflowState, version: row.version };
        row = (await updateProject(
          tx,
          row.id,
          row.version,
          { workflowState: to, ...(action === "submit" ? { submittedBy: who(username) } : {}) },
          now,
        ))!;
        const after = presentProject({ ...row, orgName: baozhang.name });
        await recordWorkflowStep(tx, {
          entityType: "project",
          entityId: row.id,
          orgId: baozhang.id,
          actor: demoActor(who(username), username),
          action,
          from,
          to: { state: to, version: row.version },
          comment,
          at: now,
          snapshot: async () => ({
            ...after,
            indicators: (await indicatorsOf(tx, { kind: "project", id: row.id })).map(presentIndicator),
          }),
        });
      }
    }

    // A draft with the problems the automatic review is there to find, so the findings have something to show:
    // a rate whose target is only "较好", no 满意度指标 group, and weights adding up to 80 instead of 100.
    const flawed = await insertProject(tx, {
      orgId: baozhang.id,
      year: 2024,
      name: FLAWED_DEMO_PROJECT,
      implementingUnit: baozhang.name,
      annualFunds: "260000.00",
      fiscalFunds: "260000.00",
      purpose: "对辖区重点路段开展交通秩序集中整治，查处交通违法行为，改善道路通行秩序。",
      annualGoal: "完成重点路段交通秩序整治，交通违法行为得到有效遏制。",
      createdBy: who("demo-filler"),
    });
    const flawedTree: [string, [string, string, string, string][]][] = [
      [
        "产出指标",
        [
          ["数量指标", "整治重点路段数量", "≥20个", "30"],
          ["质量指标", "交通违法行为查处率", "较好", "20"],
          ["时效指标", "整治完成时间", "2024年12月底前", "10"],
        ],
      ],
      ["效益指标", [["社会效益指标", "道路交通事故起数同比下降率", "≥5%", "20"]]],
    ];
    let flawedOrder = 0;
    for (const [l1, level3] of flawedTree) {
      const i1 = await insertIndicator(tx, { projectId: flawed.id, level: 1, name: l1, sortOrder: flawedOrder++ });
      for (const [l2, name, targetText, weight] of level3) {
        const i2 = await insertIndicator(tx, {
          projectId: flawed.id,
          parentId: i1.id,
          level: 2,
          name: l2,
          sortOrder: flawedOrder++,
        });
        await insertIndicator(tx, {
          projectId: flawed.id,
          parentId: i2.id,
          level: 3,
          name,
          targetText,
          targetParsed: parsedTarget(targetText, 2024),
          weight,
          sortOrder: flawedOrder++,
        });
      }
    }

    // The flawed project's self-evaluation, a draft of the filler: its points are 产出 60 / 效益 20 / 满意度 20
    // (not the scheme's 50/30/10), so the page shows how they are fitted to the scheme (按方案折算) and a total
    // that stays within 100.
    const [flawedEvaluation] = await tx
      .insert(selfEvaluations)
      .values({
        kind: "project",
        orgId: baozhang.id,
        year: 2024,
        projectId: flawed.id,
        scheme: "national-project",
        initialBudget: "260000.00",
        fullYearBudget: "260000.00",
        executed: "245000.00",
      })
      .returning({ id: selfEvaluations.id });
    const flawedRows: [string, string, string, string, string, string, string?][] = [
      ["产出指标", "数量指标", "整治重点路段数量", "≥20个", "22个", "30"],
      ["产出指标", "质量指标", "交通违法行为查处率", "较好", "较好", "20"],
      ["产出指标", "时效指标", "整治完成时间", "2024年12月底前", "2024年12月20日", "10"],
      ["效益指标", "社会效益指标", "道路交通事故起数同比下降率", "≥5%", "5.2%", "20"],
      ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "88%", "20"],
    ];
    await tx.insert(evaluationItems).values(
      flawedRows.map(([level1, level2, name, targetText, actualText, points], i) => ({
        evaluationId: flawedEvaluation!.id,
        level1,
        level2,
        name,
        targetText,
        actualText,
        actualParsed: parsedTarget(actualText, 2024),
        points,
        sortOrder: i,
      })),
    );
    await storeComputedScores(tx, (await findEvaluation(tx, flawedEvaluation!.id))!, now);

    // A department budget of the unit for 2025, a draft to take through the review and publish (部门预算信息公开).
    const budget = await insertBudget(tx, {
      orgId: baozhang.id,
      year: DEMO_BUDGET_YEAR,
      incomeTotal: "3850000.00",
      expenditureTotal: "3850000.00",
      operatingFunds: "620000.00",
      createdAt: now,
      updatedAt: now,
    });
    await insertSections(tx, budget.id, {
      income: [
        { category: "一般公共预算拨款", amount: "3600000.00", priorAmount: "3420000.00" },
        { category: "上年结转", amount: "250000.00", priorAmount: null },
      ],
      spending: [
        { kind: "basic", subkind: "personnel", name: "人员经费", amount: "2480000.00", priorAmount: "2310000.00" },
        { kind: "basic", subkind: "public", name: "公用经费", amount: "620000.00", priorAmount: "600000.00" },
        { kind: "project", subkind: null, name: "执勤装备购置", amount: "750000.00", priorAmount: null },
      ],
      threePublic: {
        abroad: "0.00",
        vehiclePurchase: "0.00",
        vehicleOperation: "86000.00",
        reception: "12000.00",
        priorAbroad: "0.00",
        priorVehicleOperation: "90000.00",
        priorReception: "13500.00",
        statedTotal: "98000.00",
        changeReason:
          "公务用车运行维护费比上年减少0.4万元，原因：车辆更新后维修减少；公务接待费比上年减少0.15万元，原因：压减接待",
      },
      procurement: [
        {
          catalogCode: "A02",
          itemName: "执勤装备购置",
          category: "goods",
          quantity: "50",
          unit: "套",
          unitPrice: "15000.00",
          amount: "750000.00",
          fundingSource: "一般公共预算拨款",
        },
      ],
      assets: {
        buildings: "12500000.00",
        vehicles: "1860000.00",
        other: "940000.00",
        statedTotal: "15300000.00",
        vehicleCount: 12,
        buildingArea: "3200",
      },
    });

    // Published by the demo reviewer through the same service as in the app (frozen snapshot, files, audit).
    const [reviewerAccount] = await tx.select().from(accounts).where(eq(accounts.username, "demo-reviewer"));
    await publish({ db: tx, now: () => now }, await actorOf(tx, reviewerAccount!, ""), {
      type: "evaluation",
      id: published!.id,
    });

    // The in-year monitoring round of 2024 (1–6月), with execution figures and filled records (seed-monitoring.ts).
    const actorNamed = async (username: string) => {
      const [account] = await tx.select().from(accounts).where(eq(accounts.username, username));
      return actorOf(tx, account!, "");
    };
    const monitoring = await loadMonitoringDemo(
      tx,
      now,
      {
        filler: await actorNamed("demo-filler"),
        approver: await actorNamed("demo-approver"),
        reviewer: await actorNamed("demo-reviewer"),
      },
      { bureau: tianjin, unit: baozhang },
    );
    // Stage deadlines (one approaching, one overdue) and the unit's 部门整体 record in the round (seed-deadlines.ts).
    await loadDeadlinesDemo(
      tx,
      now,
      { reviewer: await actorNamed("demo-reviewer") },
      { bureau: tianjin, unit: baozhang },
      { roundId: monitoring.roundId, year: DEMO_MONITORING_YEAR },
    );

    // 赵县 and 曲靖: their own people, projects, goals and a self-evaluation; monthly execution of every unit.
    people.push(
      ...(await loadOrgsDemo(tx, now, {
        passwordHash,
        password: DEMO_PASSWORD,
        reviewer: { accountId: who("demo-reviewer"), username: "demo-reviewer" },
        zhaoxian: zhaoxianBrigade,
        qujing,
        tianjinUnit: baozhang,
      })),
    );

    // The latest year for every root the demo shows: 曲靖's 2025, 青山's 2024 and 2025 with execution (seed-latest.ts).
    people.push(
      ...(await loadLatestDemo(tx, now, {
        passwordHash,
        password: DEMO_PASSWORD,
        reviewer: await actorNamed("demo-reviewer"),
        qingshan,
        qujing,
      })),
    );

    // 结果应用: 2024's evaluations into the 2025 budget, the bureau's rules (seed-results.ts).
    await loadResultsDemo(
      tx,
      now,
      { reviewer: await actorNamed("demo-reviewer") },
      { bureau: tianjin, unit: baozhang },
    );

    // 专家评审 and 事前绩效评估: two experts' scores side by side, one task open (seed-experts.ts).
    people.push(
      ...(await loadExpertsDemo(
        tx,
        now,
        {
          reviewer: await actorNamed("demo-reviewer"),
          filler: await actorNamed("demo-filler"),
          approver: await actorNamed("demo-approver"),
          passwordHash,
          password: DEMO_PASSWORD,
        },
        { bureau: tianjin, unit: baozhang },
      )),
    );

    // 整改: one item of 警务保障处 in each state, from the round, the flawed draft and experts (seed-rectification.ts).
    await loadRectificationDemo(
      tx,
      now,
      { filler: await actorNamed("demo-filler"), reviewer: await actorNamed("demo-reviewer") },
      {
        unit: baozhang,
        monitoringRoundId: monitoring.roundId,
        flawedProjectId: flawed.id,
        flawedEvaluationId: flawedEvaluation!.id,
      },
    );

    // 结转上年: 赵县's traffic brigade starts 2025 from 2024 — duties and its 经常性 project as drafts (seed-carry.ts).
    await loadCarryDemo(tx, now, { filler: await actorNamed("demo-zhaoxian") }, { unit: zhaoxianBrigade });

    await recordAudit(tx, {
      action: "demo.load",
      details: {
        organisations: 6,
        projects: 2 + more.length,
        budgets: [budget.id],
        monitoringRounds: [monitoring.roundId],
        accounts: [...accountIds.keys()],
      },
      at: now,
    });
    return people;
  });
}
