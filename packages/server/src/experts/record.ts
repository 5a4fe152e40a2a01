/**
 * The record an assignment is about, as experts read it: a project (its goals; or, for 事前绩效评估, the new
 * project) or a self-evaluation, with its organisation (for the reviewer's authorisation) and its content.
 */
import { formatWanYuan, parseYuan } from "@jixiao/core";
import { linkContinuing } from "@jixiao/core/results";
import { and, eq } from "drizzle-orm";
import { carriedRecords } from "../carry/schema.ts";
import type { Db } from "../db/open.ts";
import { findEvaluation, itemsOf } from "../evaluations/repository.ts";
import { ServerError } from "../http/errors.ts";
import { indicatorsOf } from "../indicators/repository.ts";
import { findProject } from "../projects/repository.ts";
import { projects } from "../projects/schema.ts";
import type { RecordContent } from "./presenters.ts";
import { exanteOf } from "./repository.ts";
import type { ExpertSubject } from "./schema.ts";

export interface SubjectRecord {
  orgId: string;
  orgPath: string;
  orgName: string;
  year: number;
  title: string;
}

const wan = (yuan: string | null | undefined) => {
  if (!yuan) return "";
  try {
    return `${formatWanYuan(parseYuan(yuan))} 万元`;
  } catch {
    return yuan;
  }
};

/** The record behind a subject, or undefined when there is none (a self-evaluation for `project_goals`…). */
export async function findSubject(db: Db, subject: ExpertSubject, id: string): Promise<SubjectRecord | undefined> {
  if (subject === "self_evaluation") {
    const e = await findEvaluation(db, id);
    if (!e) return undefined;
    const title = e.kind === "project" ? `${e.projectName ?? "项目"}绩效自评` : `${e.orgName}部门整体绩效自评`;
    return { orgId: e.orgId, orgPath: e.orgPath, orgName: e.orgName, year: e.year, title };
  }
  const p = await findProject(db, id);
  if (!p) return undefined;
  return {
    orgId: p.orgId,
    orgPath: p.orgPath,
    orgName: p.orgName,
    year: p.year,
    title: subject === "exante" ? `${p.name}（事前绩效评估）` : p.name,
  };
}

export interface ExanteRequirement {
  /** A new project (新增项目): not an adjustment and continuing no project of last year (core's linking). */
  isNew: boolean;
  /**
   * Approving its goals needs a 事前绩效评估 where the deployment requires one (settings.exanteRequired): a new
   * project of a unit whose projects of last year are in Jixiao (in a
   * unit's first year in Jixiao nothing tells a new project from a continuing one, so none is refused for it).
   */
  required: boolean;
}

/** Whether the project is new (事前绩效评估 applies) and whether its goals may be approved without one. */
export async function exanteRequirement(db: Db, projectId: string): Promise<ExanteRequirement> {
  const p = await findProject(db, projectId);
  if (!p || p.supersedesId) return { isNew: false, required: false };
  const [carried, previous] = await Promise.all([
    db
      .select({ sourceId: carriedRecords.sourceId, targetId: carriedRecords.targetId })
      .from(carriedRecords)
      .where(and(eq(carriedRecords.kind, "project"), eq(carriedRecords.targetId, projectId))),
    db
      .select({ id: projects.id, orgId: projects.orgId, code: projects.code, name: projects.name })
      .from(projects)
      .where(and(eq(projects.orgId, p.orgId), eq(projects.year, p.year - 1))),
  ]);
  if (carried.length > 0) return { isNew: false, required: false };
  const linked = linkContinuing({ projects: [p], previous, links: carried });
  const isNew = !linked.has(p.id);
  return { isNew, required: isNew && previous.length > 0 };
}

/**
 * Refuses to approve a new project's goals without its 事前绩效评估 (409 `exante_missing`) where one is required;
 * a 不予支持 conclusion does not refuse (the reviewer decides, warned on the approval screen).
 */
export async function assertExanteForApproval(db: Db, projectId: string): Promise<void> {
  const need = await exanteRequirement(db, projectId);
  if (!need.required || (await exanteOf(db, projectId))) return;
  throw new ServerError("exante_missing", {
    zh: "这是新增项目，尚未进行事前绩效评估：请先填写事前绩效评估（或委托专家评估并采纳）后再批准绩效目标",
    en: "This is a new project without an ex-ante assessment: assess it (or adopt the experts' assessment) before approving its goals",
  });
}

export async function recordContent(db: Db, subject: ExpertSubject, id: string): Promise<RecordContent | undefined> {
  if (subject === "self_evaluation") {
    const e = await findEvaluation(db, id);
    if (!e) return undefined;
    const items = await itemsOf(db, id);
    const fields = [
      { label: "全年预算数", value: wan(e.fullYearBudget) },
      { label: "全年执行数", value: wan(e.executed) },
      { label: "自评得分", value: e.scoreTotal ?? e.statedTotal ?? "" },
      { label: "自评等级", value: e.scoreGrade ?? e.statedGrade ?? "" },
      { label: "总体结论", value: e.conclusion ?? "" },
      { label: "存在问题", value: e.problems ?? "" },
      { label: "改进措施", value: e.improvements ?? "" },
    ].filter((f) => f.value !== "");
    return {
      kind: "self_evaluation",
      name: e.kind === "project" ? (e.projectName ?? "项目绩效自评") : `${e.orgName}部门整体绩效自评`,
      orgName: e.orgName,
      year: e.year,
      fields,
      rows: items.map((i) => ({
        level1: i.level1,
        level2: i.level2,
        name: i.name,
        target: i.targetText,
        actual: i.actualText,
        points: i.points === null ? null : trim(i.points),
        score: (i.computedScore ?? i.statedScore) === null ? null : trim((i.computedScore ?? i.statedScore) as string),
      })),
    };
  }
  const p = await findProject(db, id);
  if (!p) return undefined;
  const inds = await indicatorsOf(db, { kind: "project", id });
  const byId = new Map(inds.map((i) => [i.id, i]));
  const leaves = inds.filter((i) => i.level === 3);
  const fields = [
    { label: "项目资金总额", value: wan(p.totalFunds) },
    { label: "年度资金", value: wan(p.annualFunds) },
    { label: "项目属性", value: p.attribute ?? "" },
    { label: "实施期", value: [p.startDate, p.endDate].filter(Boolean).join(" 至 ") },
    { label: "项目概况", value: p.purpose ?? "" },
    { label: "年度目标", value: p.annualGoal ?? "" },
    { label: "中长期目标", value: p.midTermGoal ?? "" },
  ].filter((f) => f.value !== "");
  return {
    kind: "project",
    name: p.name,
    orgName: p.orgName,
    year: p.year,
    fields,
    rows: leaves.map((i) => {
      const l2 = i.parentId ? byId.get(i.parentId) : undefined;
      const l1 = l2?.parentId ? byId.get(l2.parentId) : undefined;
      return {
        level1: l1?.name ?? null,
        level2: l2?.name ?? null,
        name: i.name,
        target: [i.targetText, i.unit && !(i.targetText ?? "").includes(i.unit) ? i.unit : null]
          .filter(Boolean)
          .join(" "),
        actual: null,
        points: i.weight === null ? null : trim(i.weight),
        score: null,
      };
    }),
  };
}

const trim = (v: string) => (v.includes(".") ? v.replace(/0+$/, "").replace(/\.$/, "") : v);
