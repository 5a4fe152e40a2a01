/**
 * The demo's latest year for every unit it shows (issue 13 point 3): the reviewer and the viewer open on the latest
 * year that holds records (2025), and each root they may choose has records there, not only 天津 and 赵县 (seed-carry.ts):
 * - 曲靖市公安局交通警察支队 gets its 2025 projects (one submitted to its unit approver, one a draft) and its 2025
 *   部门整体绩效目标 (so that the year's 部门整体 self-evaluation can be started from it);
 * - 武汉市公安局青山区交通大队, until now only seed 002's 2020 self-evaluation, gets a filler and a unit approver
 *   of its own (demo-qingshan, demo-qingshan-approver), 2024 projects (one approved through the whole workflow and
 *   self-evaluated with its actual values, scored by core; one submitted), a 2024 goal, 2025 projects and goal
 *   like 曲靖's, and monthly budget execution (cumulative 1–N月, scope total) for 2024 and 2025, so that the
 *   dashboard's execution chart has figures for it as for the other units (seed-orgs.ts).
 *
 * Written through seed-orgs.ts's unitRecords (repositories, workflow steps recorded and audited as in the app).
 * Idempotent: a unit that already has projects in a spec's year is left as it is; accounts and execution rows that
 * exist are kept.
 */
import { and, eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.ts";
import type { Db } from "../db/open.ts";
import type { OrganisationRow } from "../orgs/schema.ts";
import { projects } from "../projects/schema.ts";
import {
  account,
  actorOf,
  insertMonthlyExecution,
  type OrgsDemoAccount,
  type UnitSpec,
  unitRecords,
} from "./seed-orgs.ts";

/** The latest year of the demo's records. */
export const LATEST_DEMO_YEAR = 2025;
export const QINGSHAN_DEMO_UNIT = "武汉市公安局青山区交通大队";

/** 青山's department goal: the same mid-term goal and indicators in 2024 and 2025 (only the annual goal changes). */
const QINGSHAN_GOAL = {
  midTermGoal: "到2026年，辖区主干道交通信号联网联控全覆盖，道路交通事故起数持续下降。",
  rows: [
    ["产出指标", "数量指标", "开展交通秩序集中整治次数", "≥12次", "20"],
    ["产出指标", "质量指标", "交通事故处理合格率", "≥98%", "20"],
    ["效益指标", "社会效益指标", "道路交通事故起数同比下降率", "≥3%", "30"],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "10"],
  ],
} satisfies Omit<UnitSpec["goal"], "annualGoal">;

const QINGSHAN_2024: UnitSpec = {
  key: "demo-qingshan",
  year: 2024,
  projects: [
    {
      name: "2024年度交通信号设施维护",
      funds: "960000.00",
      state: "approved",
      attribute: "经常性",
      purpose: "对辖区主次干道交通信号灯、信号控制机和交通诱导屏进行日常维护和故障抢修。",
      annualGoal: "辖区交通信号设施完好率不低于98%，故障设施24小时内修复，主干道通行效率提升。",
      rows: [
        ["产出指标", "数量指标", "维护信号控制路口数", "≥180个", "20", "186个"],
        ["产出指标", "质量指标", "信号设施完好率", "≥98%", "20", "98.6%"],
        ["产出指标", "时效指标", "故障修复时限", "≤24小时", "10", "18小时"],
        [
          "效益指标",
          "社会效益指标",
          "主干道高峰时段平均车速提升率",
          "≥5%",
          "30",
          "3.8%",
          "化工大道施工封闭半幅通行，高峰车速提升不及预期；施工结束后重新配时优化。",
        ],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "10", "92%"],
      ],
      evaluation: {
        executed: "921600.00",
        conclusion: "项目资金执行率96%，维护信号控制路口186个，设施完好率98.6%，年度绩效目标基本完成。",
        improvements: "施工路段提前制定信号配时方案，推进信号设施联网联控，提高维护资金执行进度。",
        submitted: true,
      },
    },
    {
      name: "2024年度辅警队伍业务培训",
      funds: "240000.00",
      state: "submitted",
      purpose: "组织辖区辅警开展道路交通管理法律法规、执勤执法规范和应急处置业务培训。",
      annualGoal: "完成辅警全员轮训，培训考核合格率不低于95%，执勤执法规范化水平提升。",
      rows: [
        ["产出指标", "数量指标", "参训辅警人数", "≥150人", "25"],
        ["产出指标", "质量指标", "培训考核合格率", "≥95%", "15"],
        ["产出指标", "时效指标", "轮训完成时间", "2024年10月31日前", "10"],
        ["效益指标", "社会效益指标", "辅警执勤执法投诉下降率", "≥10%", "30"],
        ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%", "10"],
      ],
    },
  ],
  goal: {
    annualGoal: "保障大队道路交通管理各项工作正常运转，维护辖区道路交通秩序，预防和减少道路交通事故。",
    ...QINGSHAN_GOAL,
  },
};

const QINGSHAN_2025: UnitSpec = {
  key: "demo-qingshan",
  year: LATEST_DEMO_YEAR,
  projects: [
    {
      name: "2025年度交通信号设施维护",
      funds: "980000.00",
      state: "draft",
      attribute: "经常性",
      purpose: "对辖区主次干道交通信号灯、信号控制机和交通诱导屏进行日常维护和故障抢修。",
      annualGoal: "辖区交通信号设施完好率不低于98%，新增联网联控路口20个，故障设施24小时内修复。",
      rows: [
        ["产出指标", "数量指标", "维护信号控制路口数", "≥190个", "20"],
        ["产出指标", "质量指标", "信号设施完好率", "≥98%", "20"],
        ["产出指标", "时效指标", "故障修复时限", "≤24小时", "10"],
        ["效益指标", "社会效益指标", "主干道高峰时段平均车速提升率", "≥5%", "30"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "10"],
      ],
    },
    {
      name: "2025年度静态交通秩序治理",
      funds: "420000.00",
      state: "submitted",
      purpose: "在重点商圈、医院和学校周边施划停车泊位，设置违停抓拍设备，治理乱停乱放。",
      annualGoal: "新增规范停车泊位不少于800个，重点区域违停投诉同比下降20%以上。",
      rows: [
        ["产出指标", "数量指标", "新增规范停车泊位数", "≥800个", "25"],
        ["产出指标", "质量指标", "违停抓拍设备验收合格率", "100%", "15"],
        ["产出指标", "时效指标", "泊位施划完成时间", "2025年9月30日前", "10"],
        ["效益指标", "社会效益指标", "重点区域违停投诉下降率", "≥20%", "30"],
        ["满意度指标", "服务对象满意度指标", "周边群众满意度", "≥90%", "10"],
      ],
    },
  ],
  goal: {
    annualGoal: "保障大队道路交通管理各项工作正常运转，治理静态交通秩序，提升主干道通行效率。",
    ...QINGSHAN_GOAL,
  },
};

const QUJING_2025: UnitSpec = {
  key: "demo-qujing",
  year: LATEST_DEMO_YEAR,
  projects: [
    {
      name: "2025年度交通技术监控设备运维",
      funds: "1250000.00",
      state: "submitted",
      purpose: "对全市交通技术监控设备（电子警察、卡口、测速设备）进行运行维护，保障设备在线率。",
      annualGoal: "全年交通技术监控设备在线率不低于96%，故障设备36小时内修复。",
      rows: [
        ["产出指标", "数量指标", "运维监控设备点位数", "≥340个", "20"],
        ["产出指标", "质量指标", "设备平均在线率", "≥96%", "20"],
        ["产出指标", "时效指标", "故障修复时限", "≤36小时", "10"],
        ["效益指标", "社会效益指标", "重点路段交通违法行为下降率", "≥10%", "30"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "10"],
      ],
    },
    {
      name: "2025年度农村道路交通安全劝导站运行",
      funds: "520000.00",
      state: "draft",
      purpose: "保障已建农村道路交通安全劝导站正常运行，落实劝导员补助和劝导站设施维护。",
      annualGoal: "劝导站正常运行率不低于95%，农村道路交通事故起数同比下降。",
      rows: [
        ["产出指标", "数量指标", "正常运行劝导站数量", "≥30个", "25"],
        ["产出指标", "质量指标", "劝导站正常运行率", "≥95%", "15"],
        ["产出指标", "时效指标", "劝导员补助发放时间", "每季度末前", "10"],
        ["效益指标", "社会效益指标", "农村道路交通事故起数同比下降率", "≥5%", "30"],
        ["满意度指标", "服务对象满意度指标", "农村群众满意度", "≥90%", "10"],
      ],
    },
  ],
  goal: {
    annualGoal: "保障支队交通管理和道路交通安全工作正常运转，巩固科技管控成效，减少农村道路交通事故。",
    midTermGoal: "到2026年，全市交通技术监控覆盖主要道路，道路交通万车死亡率持续下降。",
    rows: [
      ["产出指标", "数量指标", "新增交通技术监控点位", "≥30个", "20"],
      ["产出指标", "质量指标", "交通事故处理合格率", "≥98%", "20"],
      ["效益指标", "社会效益指标", "道路交通万车死亡率同比下降率", "≥3%", "30"],
      ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "10"],
    ],
  },
};

export interface LatestDemoInput {
  passwordHash: string;
  password: string;
  /** The demo reviewer (reviewer over every root): the last step of an approved project. */
  reviewer: Actor;
  qingshan: OrganisationRow;
  qujing: OrganisationRow;
}

/** Loads the units' later records and 青山's execution; returns the accounts it created (printed with the others). */
export async function loadLatestDemo(db: Db, now: Date, input: LatestDemoInput): Promise<OrgsDemoAccount[]> {
  // 青山's own people (曲靖's are seed-orgs.ts's, found again by name)
  const created: OrgsDemoAccount[] = [
    { username: "demo-qingshan", role: "filler", orgName: input.qingshan.name, password: input.password },
    {
      username: "demo-qingshan-approver",
      role: "unit_approver",
      orgName: input.qingshan.name,
      password: input.password,
    },
  ];
  for (const [spec, org] of [
    [QINGSHAN_2024, input.qingshan],
    [QINGSHAN_2025, input.qingshan],
    [QUJING_2025, input.qujing],
  ] as const) {
    const filler = await account(db, spec.key, input.passwordHash, "filler", org);
    const approver = await account(db, `${spec.key}-approver`, input.passwordHash, "unit_approver", org);
    const [has] = await db
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.orgId, org.id), eq(projects.year, spec.year!)))
      .limit(1);
    if (has) continue;
    await unitRecords(db, now, spec, org, {
      filler: actorOf(filler.accountId, filler.username),
      approver: actorOf(approver.accountId, approver.username),
      reviewer: input.reviewer,
    });
  }
  await insertMonthlyExecution(db, now, [
    { org: input.qingshan, budget: { 2024: "31260000.00", 2025: "32080000.00" } },
  ]);
  return created;
}
