/**
 * The demo loaded on an empty embedded database: the organisations of the seed documents, one project from
 * seed 004 with its indicator tree, and one account per role. The demo password is public (it is printed and
 * documented): never load the demo into a production database.
 */
import { count } from "drizzle-orm";
import { hashPassword } from "../accounts/password.ts";
import { accounts, memberships, type Role } from "../accounts/schema.ts";
import { recordAudit } from "../audit/audit.ts";
import { budgetExecution } from "../budgets/schema.ts";
import type { Db } from "../db/open.ts";
import { selfEvaluations } from "../evaluations/schema.ts";
import { insertIndicator } from "../indicators/repository.ts";
import { parsedTarget } from "../indicators/target.ts";
import { insertOrganisation } from "../orgs/repository.ts";
import { type OrganisationRow, organisations } from "../orgs/schema.ts";
import { insertProject } from "../projects/repository.ts";
import { fiscalYears } from "../years/schema.ts";

export const DEMO_PASSWORD = "Jixiao-Demo-2026";

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
    await org(zhaoxian, "312007", "河北省赵县公安交通警察大队", { rank: "副科级" });
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
    await tx.insert(selfEvaluations).values({
      kind: "department",
      orgId: qingshan.id,
      year: 2020,
      initialBudget: "29533300.00",
      fullYearBudget: "29533300.00",
      executed: "26091400.00",
      executionPoints: "20",
      scheme: "department-20-80",
      statedTotal: "92",
      statedGrade: "优",
    });

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
    await recordAudit(tx, {
      action: "demo.load",
      details: { organisations: 6, projects: 1, accounts: [...accountIds.keys()] },
      at: now,
    });
    return people;
  });
}
