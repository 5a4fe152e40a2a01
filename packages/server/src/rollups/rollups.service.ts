/** Roll-ups of execution and scores, and the to-do count, over a visible organisation's subtree. */
import { dateOf, decimal, type GradeBand, STANDARD_GRADES } from "@jixiao/core";
import type { Actor } from "../accounts/actor.ts";
import { scopeOf } from "../accounts/authorize.ts";
import { stagesAt } from "../deadlines/deadlines.service.ts";
import type { Deps } from "../http/context.ts";
import { invalidInput } from "../http/errors.ts";
import { organisationFor, visibleSubtree } from "../orgs/access.ts";
import { todayOf } from "../rectification/presenters.ts";
import { rectificationTodo } from "../rectification/todo.ts";
import { latestExecutionBySubtree, monthEnd } from "./execution-latest.ts";
import {
  childUnits,
  countScoresBySubtree,
  type ScoreBand,
  type ScoreSummaryRow,
  scoreSummaryBySubtree,
  scoresBySubtree,
  todoCount,
} from "./repository.ts";
import { decodeScoreCursor, encodeScoreCursor } from "./score-cursor.ts";

/** The organisation's row (the summary and the to-do count show or read more of it than its path). */
function visibleOrganisation(deps: Deps, actor: Actor | undefined, orgId: string) {
  return organisationFor(deps.db, actor, orgId, "business.read");
}

export async function executionRollup(deps: Deps, actor: Actor | undefined, orgId: string, year: number) {
  const { org } = await visibleSubtree(deps, actor, orgId, "business.read");
  // The latest figures of each unit: during the year its latest 1–N月 row, else its full-year row (issue 16).
  const yearEnd = new Date(`${year}-12-31T00:00:00.000Z`);
  const rows = await latestExecutionBySubtree(deps.db, org.path, year, deps.now() > yearEnd);
  const latest = rows.reduce<Date | null>((m, r) => (r.asOf && (!m || r.asOf > m) ? r.asOf : m), null);
  const asOf = latest && latest < yearEnd ? latest : deps.now() < yearEnd ? deps.now() : yearEnd;
  // Monthly figures are as of their month's end: the time progress they are judged against.
  const month = rows.reduce<number | null>(
    (m, r) => (r.month !== null && (m === null || r.month > m) ? r.month : m),
    null,
  );
  return {
    asOf: month !== null ? monthEnd(year, month) : asOf.toISOString().slice(0, 10),
    items: rows.map((r) => ({ orgId: r.orgId, orgName: r.orgName, budget: r.budget, spent: r.spent })),
  };
}

/** The scheme's grades as SQL bands, best first: `min <= total < below` (the grade rule stays core's). */
export function scoreBands(grades: readonly GradeBand[] = STANDARD_GRADES): ScoreBand[] {
  const sorted = [...grades].sort((a, b) => b.min - a.min);
  return sorted.map((g, i) => ({
    grade: g.grade,
    min: String(g.min),
    ...(i > 0 ? { below: String(sorted[i - 1]!.min) } : {}),
  }));
}

function bandsOf(grades: string | undefined): ScoreBand[] | undefined {
  if (grades === undefined || grades.trim() === "") return undefined;
  const all = scoreBands();
  const wanted = grades.split(",").map((g) => g.trim());
  const unknown = wanted.filter((g) => !all.some((b) => b.grade === g));
  if (unknown.length > 0) {
    const known = all.map((b) => b.grade).join("、");
    throw invalidInput({
      zh: `查询参数 grade：等级「${unknown.join("、")}」不存在（可用：${known}）`,
      en: `query parameter grade: no grade "${unknown.join(", ")}" (the grades are ${all.map((b) => b.grade).join(", ")})`,
    });
  }
  return all.filter((b) => wanted.includes(b.grade));
}

/** The page size when none is asked for: the whole list of a province is 8,000+ rows (1.9 MB), so it is paged. */
export const SCORE_PAGE_SIZE = 100;

export interface ScorePaging {
  page?: number;
  /** Without it, `SCORE_PAGE_SIZE`. */
  pageSize?: number;
  /** Comma-separated grades (优,良,中,差): only the evaluations whose total falls in one of them. */
  grade?: string;
  /** The previous page's `nextCursor`: the page after it (keyset), whatever `page` says. */
  cursor?: string;
}

export async function scoreRollup(
  deps: Deps,
  actor: Actor | undefined,
  orgId: string,
  year: number,
  paging: ScorePaging = {},
) {
  const { org } = await visibleSubtree(deps, actor, orgId, "business.read");
  const bands = bandsOf(paging.grade);
  const grades = bands ? bands.map((b) => b.grade).join(",") : "";
  const after = paging.cursor === undefined ? undefined : decodeScoreCursor(paging.cursor, org.id, year, grades);
  const page = paging.page ?? 1;
  const size = paging.pageSize ?? SCORE_PAGE_SIZE;
  const offset = after ? 0 : (page - 1) * size;
  // The page and, without a cursor, the count of all, asked side by side (a cursor carries the first page's count,
  // so a cursor page asks for none). On PostgreSQL they run on two pool connections at once.
  const [rows, counted] = await Promise.all([
    scoresBySubtree(deps.db, org.path, year, {
      ...(bands ? { bands } : {}),
      limit: size,
      offset,
      ...(after ? { after: { path: after.path, name: after.name, id: after.id } } : {}),
    }),
    after ? undefined : countScoresBySubtree(deps.db, org.path, year, bands),
  ]);
  // the row without its path, as a literal in the row's key order (an object rest copy per row cost more)
  const items = rows.map((r) => ({
    id: r.id,
    name: r.name,
    orgName: r.orgName,
    total: r.total,
    grade: r.grade,
    statedTotal: r.statedTotal,
  }));
  const before = after ? after.seen : offset;
  const total = after ? after.total : (counted ?? 0);
  const last = rows[rows.length - 1];
  const seen = before + rows.length;
  const nextCursor =
    last && seen < total
      ? encodeScoreCursor({
          orgId: org.id,
          year,
          grades,
          path: last.orgPath,
          name: last.name,
          id: last.id,
          total,
          seen,
        })
      : null;
  return { items, total, page, pageSize: size, nextCursor };
}

/**
 * Per direct child unit of the organisation (its whole subtree; the organisation's own evaluations as its own
 * row, when it has any) and in all: the count of evaluations, the count per grade, the mean (exact, at most 4
 * decimals, rounded half away from zero) and the minimum of their totals. Counts, sums, minimums and grades in SQL.
 */
export async function scoreSummary(deps: Deps, actor: Actor | undefined, orgId: string, year: number) {
  const { org } = await visibleOrganisation(deps, actor, orgId);
  const bands = scoreBands();
  const [rows, children] = await Promise.all([
    scoreSummaryBySubtree(deps.db, org, year, bands),
    childUnits(deps.db, org.id),
  ]);
  const present = (r: ScoreSummaryRow | undefined) => {
    const count = r?.count ?? 0;
    const sum = r?.sum == null ? undefined : decimal.parseDecimal(r.sum);
    const min = r?.min == null ? undefined : decimal.parseDecimal(r.min);
    return {
      count,
      grades: Object.fromEntries(bands.map((b, i) => [b.grade, r?.perBand[i] ?? 0])),
      mean: sum && count > 0 ? decimal.toDecimalString(decimal.div(sum, decimal.fromInt(count)), 4) : null,
      min: min ? decimal.toDecimalString(min, 4) : null,
    };
  };
  const byUnit = new Map(rows.filter((r) => r.unitId !== null).map((r) => [r.unitId, r]));
  const own = byUnit.get(org.id);
  const units = [
    ...(own ? [{ orgId: org.id, orgName: org.name, own: true, ...present(own) }] : []),
    ...children.map((c) => ({ orgId: c.id, orgName: c.name, own: false, ...present(byUnit.get(c.id)) })),
  ];
  return {
    orgId: org.id,
    orgName: org.name,
    year,
    grades: bands.map((b) => ({ grade: b.grade, min: b.min, ...(b.below ? { below: b.below } : {}) })),
    total: present(rows.find((r) => r.unitId === null)),
    units,
  };
}

export async function todo(deps: Deps, actor: Actor | undefined, orgId: string, year: number) {
  const { actor: a, org } = await visibleOrganisation(deps, actor, orgId);
  const paths = (p: "business.unit_approve" | "business.review" | "business.write") => {
    const s = scopeOf(a, p);
    return s.all ? ("all" as const) : s.paths;
  };
  const byKind = await todoCount(deps.db, {
    underPath: org.path,
    year,
    accountId: a.accountId,
    unitApprovePaths: paths("business.unit_approve"),
    reviewPaths: paths("business.review"),
    writePaths: paths("business.write"),
  });
  // 整改 items to answer (unit) or to accept (reviewer), and the overdue ones among them (issue 17).
  const rect = await rectificationTodo(deps.db, {
    underPath: org.path,
    year,
    today: todayOf(deps.now()),
    writePaths: paths("business.write"),
    reviewPaths: paths("business.review"),
  });
  // The stage deadlines that apply (goals, each monitoring round, self-evaluation): days left or overdue.
  const stages = await stagesAt(deps.db, org, year, dateOf(deps.now()));
  return {
    count:
      byKind.projects + byKind.goals + byKind.evaluations + byKind.budgets + byKind.monitoring + rect.rectification,
    ...byKind,
    ...rect,
    deadlines: stages.flatMap((s) =>
      s.status
        ? [{ stage: s.stage, stageName: s.stageName, stageNameEn: s.stageNameEn, pending: s.pending, ...s.status }]
        : [],
    ),
  };
}
