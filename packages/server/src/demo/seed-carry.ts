/**
 * The demo's carried-forward year (结转上年, issue 17 point 4): 河北省赵县公安交通警察大队 starts 2025 from 2024.
 * The unit's 2024 部门职责 are written first with their activities, indicators, four-tier standards and the actual
 * values reached after the year (the tier reached computed by core, as the duties service does); then the unit's
 * filler (demo-zhaoxian) runs the carry-forward through its service (checked and audited as in the app): the duties, activities and indicators and the 经常性 2024年度道路交通安全设施维护
 * (approved, self-evaluated with its actual values: seed-orgs.ts) become 2025 drafts — 2025年度道路交通安全设施维护
 * — and the 2025 pages show from which 2024 record each came, with last year's target and actual beside each indicator.
 *
 * Idempotent: a duty the unit already has in 2024 is not written again, and the carry-forward skips what it carried.
 */
import { parseTarget, parseTiers, tierOf } from "@jixiao/core";
import { and, eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.ts";
import { type CarryResult, runCarryForward } from "../carry/carry.service.ts";
import type { Db } from "../db/open.ts";
import { insertDuty, type NewActivity, replaceActivities } from "../duties/repository.ts";
import { duties } from "../duties/schema.ts";
import type { OrganisationRow } from "../orgs/schema.ts";

/** The unit, the year carried and the year started from it. */
export const CARRY_DEMO_UNIT = "河北省赵县公安交通警察大队";
export const CARRY_DEMO_FROM = 2024;
export const CARRY_DEMO_TO = 2025;
/** The 经常性 project of 2024 (seed-orgs.ts) and its 2025 draft (the year in its name follows). */
export const CARRY_DEMO_SOURCE_PROJECT = "2024年度道路交通安全设施维护";
export const CARRY_DEMO_PROJECT = "2025年度道路交通安全设施维护";

/** 2024's duties: name, description, then activities with (指标, 指标值, 优, 良, 中, 差, 实际完成值). */
type IndicatorRow = [string, string, string, string, string, string, string];
export const CARRY_DEMO_DUTIES: {
  name: string;
  description: string;
  /** 元, the sum of its activities' */
  budget: string;
  activities: { name: string; goal: string; budget: string; indicators: IndicatorRow[] }[];
}[] = [
  {
    name: "道路交通安全管理",
    description: "负责辖区道路交通安全宣传教育，预防和处理道路交通事故。",
    budget: "440000.00",
    activities: [
      {
        name: "交通安全宣传教育",
        goal: "提高辖区群众交通安全意识和文明出行水平",
        budget: "180000.00",
        indicators: [["开展交通安全宣传活动场次", "≥24场", "≥24场", "20-23场", "16-19场", "<16场", "28场"]],
      },
      {
        name: "道路交通事故处理",
        goal: "及时、规范处理道路交通事故",
        budget: "260000.00",
        indicators: [["事故现场勘查及时率", "≥95%", "≥95%", "90%-95%", "85%-90%", "<85%", "97.2%"]],
      },
    ],
  },
  {
    name: "道路交通秩序管理",
    description: "负责辖区道路交通秩序管理，查处交通违法行为。",
    budget: "310000.00",
    activities: [
      {
        name: "重点交通违法行为整治",
        goal: "遏制酒驾醉驾等严重交通违法行为",
        budget: "220000.00",
        indicators: [["查处酒驾醉驾违法行为起数", "≥300起", "≥300起", "250-299起", "200-249起", "<200起", "336起"]],
      },
      {
        name: "农村道路交通安全劝导",
        goal: "农村交通安全劝导站覆盖主要行政村",
        budget: "90000.00",
        indicators: [["劝导站覆盖行政村比例", "≥90%", "≥90%", "80%-90%", "70%-80%", "<70%", "92%"]],
      },
    ],
  },
];

const toActivities = (list: (typeof CARRY_DEMO_DUTIES)[number]["activities"]): NewActivity[] =>
  list.map((a) => ({
    name: a.name,
    goal: a.goal,
    budget: a.budget,
    indicators: a.indicators.map(([name, targetText, 优, 良, 中, 差, actualText]) => {
      const tiers = parseTiers({ 优, 良, 中, 差 });
      return {
        name,
        targetText,
        targetParsed: parseTarget(targetText, { year: CARRY_DEMO_FROM }),
        standardExcellent: 优,
        standardGood: 良,
        standardFair: 中,
        standardPoor: 差,
        standardsParsed: tiers,
        actualText,
        tierReached: tierOf(tiers, actualText).tier ?? null,
      };
    }),
  }));

export async function loadCarryDemo(
  db: Db,
  now: Date,
  people: { filler: Actor },
  orgs: { unit: OrganisationRow },
): Promise<CarryResult> {
  const existing = await db
    .select({ name: duties.name })
    .from(duties)
    .where(and(eq(duties.orgId, orgs.unit.id), eq(duties.year, CARRY_DEMO_FROM)));
  const have = new Set(existing.map((d) => d.name));
  for (const [i, d] of CARRY_DEMO_DUTIES.entries()) {
    if (have.has(d.name)) continue;
    const duty = await insertDuty(db, {
      orgId: orgs.unit.id,
      year: CARRY_DEMO_FROM,
      name: d.name,
      description: d.description,
      statedBudget: d.budget,
      sortOrder: i,
      createdAt: now,
      updatedAt: now,
    });
    await replaceActivities(db, duty.id, toActivities(d.activities));
  }
  return runCarryForward({ db, now: () => now }, people.filler, { orgId: orgs.unit.id, year: CARRY_DEMO_TO });
}
