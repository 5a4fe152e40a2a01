/**
 * 结果应用 (issue 17 point 2): this year's self-evaluations carried into next year's budget through the bureau's
 * rules (core `recommendBudgets`). A finance bureau (a reviewer at the top of its tree) sets the rules of a budget
 * year; an organisation uses the rules stored nearest above it (itself included), else core's defaults.
 *
 * Reading the rules and changing them is the reviewer's (business.review; changing only at the reviewer's own
 * organisation, as for scoring schemes and library marks); every change is audited in its transaction with the rules
 * before and after. The recommendations, the 结果应用情况 summary and the cross-year trends are for every business
 * reader of the organisation (business.read), computed on each request from the stored scores — never stored.
 */
import { decimal, STANDARD_GRADES } from "@jixiao/core";
import {
  type CarryLink,
  checkResultRules,
  DEFAULT_RESULT_RULES,
  type NextProject,
  type PreviousProject,
  RESULT_ACTION_LABELS,
  RESULT_ACTIONS,
  type Recommendation,
  type ResultAction,
  type ResultRules,
  recommendBudgets,
} from "@jixiao/core/results";
import type { Actor } from "../accounts/actor.ts";
import { requireActor } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import type { Deps } from "../http/context.ts";
import { forbidden, invalidInput, notFound, staleVersion } from "../http/errors.ts";
import { organisationFor } from "../orgs/access.ts";
import type { OrganisationRow } from "../orgs/schema.ts";
import { childUnits } from "../rollups/repository.ts";
import { assertOpenYear } from "../years/guard.ts";
import {
  carriedProjects,
  executionTrend,
  findRules,
  type ProjectFacts,
  projectEvaluationsUnder,
  projectsUnder,
  rulesAround,
  type StoredRules,
  scoreTrend,
  upsertRules,
} from "./repository.ts";

export interface RulesView {
  orgId: string;
  year: number;
  /** own: stored at this organisation; inherited: at an organisation above it; default: core's defaults. */
  source: "own" | "inherited" | "default";
  definedAt: { orgId: string; orgName: string } | null;
  rules: ResultRules;
  version: number | null;
  updatedAt: string | null;
}

/** The deepest stored rule set above (or at) the path; `rows` come deepest first. */
const applying = (rows: readonly StoredRules[], path: string) => rows.find((r) => path.startsWith(r.orgPath));

function present(org: OrganisationRow, year: number, r: StoredRules | undefined): RulesView {
  return {
    orgId: org.id,
    year,
    source: !r ? "default" : r.orgId === org.id ? "own" : "inherited",
    definedAt: r ? { orgId: r.orgId, orgName: r.orgName } : null,
    rules: r?.rules ?? DEFAULT_RESULT_RULES,
    version: r?.orgId === org.id ? r.version : null,
    updatedAt: r?.orgId === org.id ? r.updatedAt.toISOString() : null,
  };
}

export async function rulesFor(deps: Deps, actor: Actor | undefined, q: { orgId: string; year: number }) {
  const { org } = await organisationFor(deps.db, actor, q.orgId, "business.review");
  return present(org, q.year, applying(await rulesAround(deps.db, org.path, q.year), org.path));
}

/** The reviewer memberships' organisations: the bureaus that set rules for their trees. */
const reviewerTops = (a: Actor) => a.memberships.filter((m) => m.role === "reviewer" && m.orgId).map((m) => m.orgId!);

export async function updateRules(
  deps: Pick<Deps, "db" | "now">,
  actor: Actor | undefined,
  input: { orgId: string; year: number; rules: ResultRules; version?: number | undefined },
): Promise<RulesView> {
  const a = requireActor(actor);
  const { org } = await organisationFor(deps.db, a, input.orgId, "business.review");
  if (!reviewerTops(a).includes(org.id)) {
    throw forbidden({
      zh: "只有该单位树顶端的审核人（财政/主管部门）可设置结果应用规则",
      en: "Only the reviewer at the top of the tree (the finance bureau) sets the rules for using the results",
    });
  }
  await assertOpenYear(deps.db, input.year);
  const rules = checkResultRules({
    grades: input.rules.grades.map((g) => ({ ...g, grade: g.grade.trim(), cutPercent: g.cutPercent?.trim() || null })),
    execution: input.rules.execution.map((e) => ({
      ...e,
      below: e.below.trim(),
      cutPercent: e.cutPercent?.trim() || null,
    })),
  });
  return transact(deps.db, async (tx) => {
    const before = await findRules(tx, org.id, input.year);
    if (input.version !== undefined && (before?.version ?? 0) !== input.version) {
      throw staleVersion(present(org, input.year, before && { ...before, orgName: org.name, orgPath: org.path }));
    }
    const row = await upsertRules(tx, {
      orgId: org.id,
      year: input.year,
      rules,
      updatedBy: a.accountId,
      now: deps.now(),
    });
    await recordAudit(tx, {
      actor: a,
      orgId: org.id,
      action: "results.rules.update",
      entityType: "result_rules",
      entityId: row.id,
      before: before ? { year: before.year, rules: before.rules } : undefined,
      after: { year: row.year, rules: row.rules },
      at: deps.now(),
    });
    return present(org, input.year, { ...row, orgName: org.name, orgPath: org.path });
  });
}

// ---- Recommendations ---------------------------------------------------------------------------------------

export interface RecommendationView extends Recommendation {
  project: { id: string; name: string; orgId: string; orgName: string; workflowState: string };
  actionLabel: { zh: string; en: string } | null;
  rulesFrom: { orgId: string; orgName: string } | null;
}

/** Follows each revision to the newest one that adjusts it (the project's current revision). */
function currentOf(rows: readonly ProjectFacts[]) {
  const next = new Map(rows.filter((r) => r.supersedesId).map((r) => [r.supersedesId!, r.id]));
  return (id: string) => {
    let at = id;
    for (let i = 0; i < 100 && next.has(at); i++) at = next.get(at)!;
    return at;
  };
}

/** Every current project of the year in the subtree with its recommendation (core's), in the order of the units. */
export async function computeRecommendations(db: Db, org: OrganisationRow, year: number) {
  const [nextRows, prevRows, evaluations, carried, stored] = await Promise.all([
    projectsUnder(db, org.path, year),
    projectsUnder(db, org.path, year - 1),
    projectEvaluationsUnder(db, org.path, year - 1),
    carriedProjects(db, org.path, year),
    rulesAround(db, org.path, year),
  ]);
  const prevCurrent = currentOf(prevRows);
  const nextCurrent = currentOf(nextRows);
  // per current project of last year: its approved evaluation first, else its newest with a score (rows come newest first)
  const best = new Map<string, (typeof evaluations)[number]>();
  for (const e of evaluations) {
    const at = prevCurrent(e.projectId);
    const had = best.get(at);
    const scored = (x: typeof e) => x.total !== null || x.grade !== null;
    if (
      !had ||
      (e.workflowState === "approved" && had.workflowState !== "approved") ||
      (!scored(had) && scored(e) && had.workflowState !== "approved")
    )
      best.set(at, e);
  }
  const previous: PreviousProject[] = prevRows
    .filter((p) => p.current)
    .map((p) => {
      const e = best.get(p.id);
      return {
        id: p.id,
        orgId: p.orgId,
        code: p.code,
        name: p.name,
        annualFunds: p.annualFunds,
        evaluation: e
          ? {
              id: e.id,
              total: e.total,
              grade: e.grade,
              budget: e.budget,
              executed: e.executed,
              approved: e.workflowState === "approved",
            }
          : null,
      };
    });
  const links: CarryLink[] = carried.map((c) => ({
    sourceId: prevCurrent(c.sourceId),
    targetId: nextCurrent(c.targetId),
  }));
  const current = nextRows.filter((p) => p.current);
  // one call per rule set in force
  const groups = new Map<string, { rules: StoredRules | undefined; projects: ProjectFacts[] }>();
  for (const p of current) {
    const r = applying(stored, p.orgPath);
    const key = r?.id ?? "default";
    const g = groups.get(key) ?? { rules: r, projects: [] };
    g.projects.push(p);
    groups.set(key, g);
  }
  const byId = new Map<string, RecommendationView>();
  for (const g of groups.values()) {
    const projects: NextProject[] = g.projects.map((p) => ({
      id: p.id,
      orgId: p.orgId,
      code: p.code,
      name: p.name,
      requested: p.annualFunds,
    }));
    const facts = new Map(g.projects.map((p) => [p.id, p]));
    for (const r of recommendBudgets({ projects, previous, links, rules: g.rules?.rules ?? DEFAULT_RESULT_RULES })) {
      const p = facts.get(r.projectId)!;
      byId.set(r.projectId, {
        ...r,
        project: { id: p.id, name: p.name, orgId: p.orgId, orgName: p.orgName, workflowState: p.workflowState },
        actionLabel: r.action ? RESULT_ACTION_LABELS[r.action] : null,
        rulesFrom: g.rules ? { orgId: g.rules.orgId, orgName: g.rules.orgName } : null,
      });
    }
  }
  return current.map((p) => ({ ...byId.get(p.id)!, orgPath: p.orgPath }));
}

export async function recommendationsFor(
  deps: Deps,
  actor: Actor | undefined,
  q: { orgId: string; year: number; projectId?: string | undefined },
) {
  const { org } = await organisationFor(deps.db, actor, q.orgId, "business.read");
  const all = await computeRecommendations(deps.db, org, q.year);
  const items = q.projectId ? all.filter((r) => r.projectId === q.projectId) : all;
  if (q.projectId && items.length === 0) throw notFound({ zh: "项目", en: "project" });
  return { orgId: org.id, year: q.year, fromYear: q.year - 1, items: items.map(({ orgPath: _p, ...r }) => r) };
}

// ---- 结果应用情况: the summary by unit ------------------------------------------------------------------------

export interface SummaryFigures {
  projects: number;
  /** Continuing projects linked to a scored evaluation of last year. */
  recommended: number;
  newProjects: number;
  notEvaluated: number;
  grades: Record<string, number>;
  actions: Record<ResultAction, number>;
  rectification: number;
  /** 元: Σ requested of all projects; of those to cut (压减 / 压减或整改 / 取消); of those prioritised; Σ reductions. */
  requested: string;
  affected: string;
  prioritised: string;
  reduction: string;
}

const GRADES = STANDARD_GRADES.map((g) => g.grade);
const CUTTING: readonly ResultAction[] = ["cut", "rectify_or_cut", "cancel"];
const yuanOf = (s: string | null) => (s ? (decimal.parseDecimal(s) ?? decimal.ZERO) : decimal.ZERO);
const money = (r: decimal.Ratio) => decimal.toFixed(r, 2);

function figures(items: readonly RecommendationView[]): SummaryFigures {
  const grades = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<string, number>;
  const actions = Object.fromEntries(RESULT_ACTIONS.map((a) => [a, 0])) as Record<ResultAction, number>;
  let requested = decimal.ZERO;
  let affected = decimal.ZERO;
  let prioritised = decimal.ZERO;
  let reduction = decimal.ZERO;
  for (const r of items) {
    const g = r.evaluation?.grade;
    if (g) grades[g] = (grades[g] ?? 0) + 1;
    if (r.action) actions[r.action]++;
    const req = yuanOf(r.requested);
    requested = decimal.add(requested, req);
    if (r.action && CUTTING.includes(r.action)) affected = decimal.add(affected, req);
    if (r.action === "prioritise") prioritised = decimal.add(prioritised, req);
    reduction = decimal.add(reduction, yuanOf(r.reduction));
  }
  return {
    projects: items.length,
    recommended: items.filter((r) => r.status === "recommended").length,
    newProjects: items.filter((r) => r.status === "new").length,
    notEvaluated: items.filter((r) => r.status === "not_evaluated").length,
    grades,
    actions,
    rectification: items.filter((r) => r.rectificationRequired).length,
    requested: money(requested),
    affected: money(affected),
    prioritised: money(prioritised),
    reduction: money(reduction),
  };
}

export async function summaryFor(deps: Deps, actor: Actor | undefined, q: { orgId: string; year: number }) {
  const { org } = await organisationFor(deps.db, actor, q.orgId, "business.read");
  return summarise(org, q.year, await computeRecommendations(deps.db, org, q.year));
}

/** The figures per unit (each unit that has projects of the year, in the tree's order) and in all. */
export function summarise(org: OrganisationRow, year: number, all: readonly RecommendationView[]) {
  const units = new Map<string, { orgId: string; orgName: string; items: RecommendationView[] }>();
  for (const r of all) {
    const u = units.get(r.project.orgId) ?? { orgId: r.project.orgId, orgName: r.project.orgName, items: [] };
    u.items.push(r);
    units.set(r.project.orgId, u);
  }
  return {
    orgId: org.id,
    orgName: org.name,
    year,
    fromYear: year - 1,
    grades: GRADES,
    total: figures(all),
    units: [...units.values()].map((u) => ({ orgId: u.orgId, orgName: u.orgName, ...figures(u.items) })),
  };
}

// ---- Cross-year trends -------------------------------------------------------------------------------------

const MAX_YEARS = 15;

/**
 * Per direct child unit (its subtree; the organisation's own as its own row) and per year from..to: the count of
 * scored self-evaluations, their mean (exact, at most 2 decimals), the count per grade, and the execution rate — the
 * department's figures when the unit has them (full-year, else the latest 1–N月), else its project
 * self-evaluations' funds.
 */
export async function trendsFor(deps: Deps, actor: Actor | undefined, q: { orgId: string; from: number; to: number }) {
  if (q.to < q.from || q.to - q.from >= MAX_YEARS) {
    throw invalidInput(
      { zh: `年度范围应为 1–${MAX_YEARS} 年（from ≤ to）`, en: `the range must be 1–${MAX_YEARS} years (from ≤ to)` },
      { field: "from" },
    );
  }
  const { org } = await organisationFor(deps.db, actor, q.orgId, "business.read");
  const [scores, execution, children] = await Promise.all([
    scoreTrend(deps.db, org, q.from, q.to, GRADES),
    executionTrend(deps.db, org, q.from, q.to),
    childUnits(deps.db, org.id),
  ]);
  const years = Array.from({ length: q.to - q.from + 1 }, (_, i) => q.from + i);
  const units = [{ id: org.id, name: `${org.name}（本级）` }, ...children.map((c) => ({ id: c.id, name: c.name }))];
  const rate = (budget: string | null | undefined, spent: string | null | undefined) => {
    const b = budget ? decimal.parseDecimal(budget) : undefined;
    const s = spent ? decimal.parseDecimal(spent) : undefined;
    if (!b || !s || decimal.cmp(b, decimal.ZERO) <= 0) return null;
    return decimal.toFixed(decimal.mul(decimal.div(s, b), decimal.fromInt(100)), 2);
  };
  const series = units
    .map((u) => ({
      orgId: u.id,
      orgName: u.name,
      points: years.map((year) => {
        const s = scores.find((x) => x.unitId === u.id && x.year === year);
        const e = execution.find((x) => x.unitId === u.id && x.year === year);
        const sum = s?.sum ? decimal.parseDecimal(s.sum) : undefined;
        const fromDept = e ? rate(e.budget, e.spent) : null;
        return {
          year,
          evaluations: s?.count ?? 0,
          meanScore: sum && s && s.count > 0 ? decimal.toFixed(decimal.div(sum, decimal.fromInt(s.count)), 2) : null,
          grades: Object.fromEntries(GRADES.map((g, i) => [g, s?.perBand[i] ?? 0])),
          executionRate: fromDept ?? rate(s?.budget, s?.spent),
          executionSource: fromDept !== null ? ("department" as const) : s?.budget ? ("projects" as const) : null,
        };
      }),
    }))
    // the organisation's own row only when it has figures of its own
    .filter((u, i) => i > 0 || u.points.some((p) => p.evaluations > 0 || p.executionRate !== null));
  const total = years.map((year) => {
    const rows = scores.filter((x) => x.year === year);
    const count = rows.reduce((n, x) => n + x.count, 0);
    const sum = decimal.sum(rows.map((x) => (x.sum ? (decimal.parseDecimal(x.sum) ?? decimal.ZERO) : decimal.ZERO)));
    return {
      year,
      evaluations: count,
      meanScore: count > 0 ? decimal.toFixed(decimal.div(sum, decimal.fromInt(count)), 2) : null,
      grades: Object.fromEntries(GRADES.map((g, i) => [g, rows.reduce((n, x) => n + (x.perBand[i] ?? 0), 0)])),
    };
  });
  return { orgId: org.id, orgName: org.name, from: q.from, to: q.to, grades: GRADES, years, total, units: series };
}
