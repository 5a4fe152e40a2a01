/**
 * Monitoring use-cases. A reviewer opens a round for their subtree (records made for every current project of the
 * year in it, one transaction, audited); the unit's filler fills a record (editRecord: draft or returned only,
 * versioned, audited); the record goes through the two-step workflow (transitionRecord), submission refused while
 * core's validation finds problems; the warning list and the forecast are computed from the stored rows and the
 * latest execution figures.
 */
import { DomainError, decimal, parseThresholds } from "@jixiao/core";
import type { Actor } from "../accounts/actor.ts";
import { authorize, type Permission, requireActor, type Scope, scopeOf } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import { editRecord, recordFor } from "../db/editable.ts";
import { PG_UNIQUE_VIOLATION, pgError } from "../db/errors.ts";
import type { Db } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import type { Deps } from "../http/context.ts";
import { notFound, ServerError } from "../http/errors.ts";
import { notifyRoundOpened } from "../notifications/notify.ts";
import { organisationFor, visibleSubtree } from "../orgs/access.ts";
import type { WorkflowAction } from "../workflow/rules.ts";
import { type ReviewableKind, transitionRecord } from "../workflow/transition.ts";
import { assertOpenYear } from "../years/guard.ts";
import { type Assessment, assessRecord, forecastOf } from "./assess.ts";
import { presentRecord, presentRound, presentWarning, type RecordView, type WarningRow } from "./presenters.ts";
import {
  actionsOf,
  currentGoalsUnder,
  currentProjectsUnder,
  executionOf,
  executionRowsFor,
  findRecord,
  findRound,
  type IndicatorFillPatch,
  indicatorRowsOf,
  insertIndicatorRows,
  insertRecord,
  insertRound,
  leafIndicatorsOf,
  listRounds,
  type RecordWithOrg,
  type RoundWithOrg,
  recordsOfRound,
  updateIndicatorRow,
  updateRecord,
} from "./repository.ts";
import type { MonitoringIndicatorRow } from "./schema.ts";

const ROUND = { zh: "监控轮次", en: "monitoring round" };

/** A record with its indicator rows and its project's execution rows: what every view of it needs. */
export type Loaded = RecordWithOrg & {
  rows: MonitoringIndicatorRow[];
  execution: Awaited<ReturnType<typeof executionRowsFor>>;
};

export async function loadRecord(db: Db, id: string): Promise<Loaded | undefined> {
  const r = await findRecord(db, id);
  if (!r) return undefined;
  const [rows, execution] = await Promise.all([indicatorRowsOf(db, [r.id]), executionRowsFor(db, [r], r.year)]);
  return { ...r, rows, execution: executionOf(r, execution) };
}

function view(r: Loaded): RecordView {
  return presentRecord(r, r.rows, assessRecord(r, r.rows, r.execution));
}

/** Monitoring records as an editable, reviewable kind (db/editable.ts, workflow/transition.ts). */
const RECORDS: ReviewableKind<Loaded, RecordView> = {
  entityType: "monitoring_record",
  what: { zh: "绩效运行监控表", en: "monitoring record" },
  find: loadRecord,
  present: view,
  setState: (tx, id, version, patch, now, fromState) => updateRecord(tx, id, version, patch, now, { fromState }),
  snapshotRows: async () => ({}),
};

export function recordFor_(db: Db, actor: Actor | undefined, id: string, permission: Permission = "business.read") {
  return recordFor(db, actor, RECORDS, id, permission);
}

/** A round is visible to a reader whose subtree holds it or lies inside it. */
function seesRound(scope: Scope, orgPath: string): boolean {
  return scope.all || scope.paths.some((p) => p.startsWith(orgPath) || orgPath.startsWith(p));
}

/** The round when the actor takes part in it; 404 otherwise (administrators included, as for any business record). */
export async function visibleRound(db: Db, actor: Actor | undefined, id: string) {
  const a = requireActor(actor);
  const round = await findRound(db, id);
  const scope = scopeOf(a, "business.read");
  if (!round || !seesRound(scope, round.orgPath)) throw notFound(ROUND);
  return { actor: a, round, scope };
}

export async function listRoundsFor(
  deps: Deps,
  actor: Actor | undefined,
  q: { orgId?: string | undefined; year?: number | undefined },
) {
  const a = authorize(actor, "business.read");
  const scope = scopeOf(a, "business.read");
  let underPath: string | undefined;
  if (q.orgId) underPath = (await visibleSubtree(deps, a, q.orgId, "business.read")).org.path;
  const rows = await listRounds(deps.db, {
    ...(scope.all ? {} : { paths: scope.paths }),
    ...(underPath ? { underPath } : {}),
    ...(q.year === undefined ? {} : { year: q.year }),
  });
  return { items: rows.map((r) => presentRound(r, deps.now())) };
}

export async function getRound(deps: Deps, actor: Actor | undefined, id: string) {
  return presentRound((await visibleRound(deps.db, actor, id)).round, deps.now());
}

export interface OpenRoundInput {
  orgId: string;
  year: number;
  cutoffMonth: number;
  deadline: string;
  title?: string | null | undefined;
  yellowBehind?: string | undefined;
  redBehind?: string | undefined;
}

/** Opens a round (reviewer of the subtree): a record, with its indicator rows, for every current project in it. */
export async function openRound(deps: Pick<Deps, "db" | "now">, actor: Actor | undefined, input: OpenRoundInput) {
  const { actor: a, org } = await organisationFor(deps.db, actor, input.orgId, "business.review");
  await assertOpenYear(deps.db, input.year);
  const t = parseThresholds(input.yellowBehind ?? "10", input.redBehind ?? "20");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.deadline) || Number.isNaN(Date.parse(`${input.deadline}T00:00:00Z`))) {
    throw new DomainError(
      "invalid_input",
      { zh: `截止日期「${input.deadline}」应为 YYYY-MM-DD`, en: `the deadline "${input.deadline}" must be YYYY-MM-DD` },
      { field: "deadline" },
    );
  }
  try {
    return await transact(deps.db, async (tx) => {
      const round = await insertRound(tx, {
        orgId: org.id,
        year: input.year,
        cutoffMonth: input.cutoffMonth,
        deadline: input.deadline,
        title: input.title ?? null,
        yellowBehind: decimal.toDecimalString(t.yellowBehind, 2),
        redBehind: decimal.toDecimalString(t.redBehind, 2),
        createdBy: a.accountId,
        createdAt: deps.now(),
        updatedAt: deps.now(),
      });
      const added = await addRecords(tx, round, org.path, deps.now());
      await notifyRoundOpened(tx, round, a.accountId, deps.now());
      const after = presentRound({ ...round, orgPath: org.path, orgName: org.name }, deps.now());
      await recordAudit(tx, {
        actor: a,
        orgId: org.id,
        action: "monitoring.round.open",
        entityType: "monitoring_round",
        entityId: round.id,
        after,
        details: { records: added.projects + added.departments, ...added },
        at: deps.now(),
      });
      return { ...after, records: added.projects + added.departments };
    });
  } catch (e) {
    if (pgError(e)?.code === PG_UNIQUE_VIOLATION) {
      throw new DomainError("conflict", {
        zh: `${org.name} ${input.year} 年 1–${input.cutoffMonth} 月的监控轮次已存在`,
        en: `${org.name} already has a monitoring round for ${input.year}, months 1–${input.cutoffMonth}`,
      });
    }
    throw e;
  }
}

/**
 * Records for the current projects and department goals of the subtree (with `onlyMissing`, those the round has
 * none of: projects and goals added to the unit after the round opened), each with its level-3 indicators.
 */
async function addRecords(
  tx: Db,
  round: Pick<RoundWithOrg, "id" | "year">,
  orgPath: string,
  now: Date,
  onlyMissing = false,
): Promise<{ projects: number; departments: number }> {
  const except = onlyMissing ? round.id : undefined;
  const [projects, goals] = await Promise.all([
    currentProjectsUnder(tx, orgPath, round.year, except),
    currentGoalsUnder(tx, orgPath, round.year, except),
  ]);
  const leaves = await leafIndicatorsOf(tx, { projectIds: projects.map((p) => p.id), goalIds: goals.map((g) => g.id) });
  const owners = [
    ...goals.map((g) => ({ orgId: g.orgId, departmentGoalId: g.id, projectId: null })),
    ...projects.map((p) => ({ orgId: p.orgId, projectId: p.id, departmentGoalId: null })),
  ];
  for (const o of owners) {
    const rec = await insertRecord(tx, { roundId: round.id, year: round.year, ...o, createdAt: now, updatedAt: now });
    await insertIndicatorRows(
      tx,
      leaves
        .filter((l) => (o.projectId ? l.projectId === o.projectId : l.departmentGoalId === o.departmentGoalId))
        .map((l, i) => ({
          recordId: rec.id,
          indicatorId: l.id,
          level1: l.level1,
          level2: l.level2,
          name: l.name,
          targetText: l.targetText,
          unit: l.unit,
          points: l.weight,
          sortOrder: i,
        })),
    );
  }
  return { projects: projects.length, departments: goals.length };
}

/**
 * The round's reviewer adds the records the round lacks: projects and department goals of the subtree entered (or
 * adjusted into a new project) after it opened. Audited; nothing is added twice.
 */
export async function syncRound(deps: Pick<Deps, "db" | "now">, actor: Actor | undefined, id: string) {
  const { actor: a, round } = await visibleRound(deps.db, actor, id);
  authorize(a, "business.review"); // a unit that takes part in the round sees it: 403, not 404
  authorize(a, "business.review", { orgPath: round.orgPath });
  return transact(deps.db, async (tx) => {
    const added = await addRecords(tx, round, round.orgPath, deps.now(), true);
    if (added.projects + added.departments > 0) {
      await recordAudit(tx, {
        actor: a,
        orgId: round.orgId,
        action: "monitoring.round.sync",
        entityType: "monitoring_round",
        entityId: round.id,
        details: added,
        at: deps.now(),
      });
    }
    return { added: added.projects + added.departments, ...added };
  });
}

export type WarningSort = "light" | "behind" | "rate" | "org" | "project" | "state";

const RANK = { red: 2, yellow: 1, green: 0 } as const;

function compareRows(sort: WarningSort): (a: WarningRow, b: WarningRow) => number {
  const num = (v: string | null) => (v === null ? undefined : decimal.parseDecimal(v));
  const byNum = (x: string | null, y: string | null) => {
    const a = num(x);
    const b = num(y);
    if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
    return decimal.cmp(a, b);
  };
  const text = (x: string, y: string) => x.localeCompare(y, "zh-Hans-CN");
  switch (sort) {
    case "light":
      // worst first, then the furthest behind
      return (a, b) => RANK[b.light] - RANK[a.light] || -byNum(a.behind, b.behind) || text(a.orgName, b.orgName);
    case "behind":
      return (a, b) => byNum(a.behind, b.behind);
    case "rate":
      return (a, b) => byNum(a.execution.rate, b.execution.rate);
    case "org":
      return (a, b) => text(a.orgName, b.orgName) || text(a.projectName, b.projectName);
    case "project":
      return (a, b) => text(a.projectName, b.projectName);
    case "state":
      return (a, b) => text(a.workflowState, b.workflowState);
  }
}

/** Per unit: its worst light and how many of its records have each, worst units first (then by name). */
function unitLights(items: readonly WarningRow[]) {
  const byOrg = new Map<
    string,
    { orgId: string; orgName: string; light: WarningRow["light"]; red: number; yellow: number; green: number }
  >();
  for (const i of items) {
    const u = byOrg.get(i.orgId) ?? { orgId: i.orgId, orgName: i.orgName, light: "green", red: 0, yellow: 0, green: 0 };
    u[i.light]++;
    if (RANK[i.light] > RANK[u.light]) u.light = i.light;
    byOrg.set(i.orgId, u);
  }
  return [...byOrg.values()].sort(
    (a, b) =>
      RANK[b.light] - RANK[a.light] ||
      b.red - a.red ||
      b.yellow - a.yellow ||
      a.orgName.localeCompare(b.orgName, "zh-Hans-CN"),
  );
}

/** The warning list of a round: its records in the reader's scope, with lights, sorted and filtered. */
export async function warningList(
  deps: Deps,
  actor: Actor | undefined,
  roundId: string,
  q: { sort?: WarningSort | undefined; order?: "asc" | "desc" | undefined; light?: string | undefined },
) {
  const { round, scope } = await visibleRound(deps.db, actor, roundId);
  const records = await recordsOfRound(deps.db, round.id, scope.all ? undefined : scope.paths);
  const ids = records.map((r) => r.id);
  const [rows, execution, actions] = await Promise.all([
    indicatorRowsOf(deps.db, ids),
    executionRowsFor(deps.db, records, round.year),
    actionsOf(deps.db, ids),
  ]);
  let items = records.map((r) => ({
    ...presentWarning(
      r,
      assessRecord(
        r,
        rows.filter((x) => x.recordId === r.id),
        executionOf(r, execution),
      ),
    ),
    actions: actions.filter((x) => x.recordId === r.id).length,
  }));
  if (q.light) {
    const wanted = q.light.split(",").map((s) => s.trim());
    const unknown = wanted.filter((w) => !(w in RANK));
    if (unknown.length > 0) {
      throw new DomainError(
        "invalid_input",
        {
          zh: `查询参数 light：「${unknown.join("、")}」不是 red、yellow 或 green`,
          en: `query parameter light: "${unknown.join(", ")}" is not red, yellow or green`,
        },
        { field: "light" },
      );
    }
    items = items.filter((i) => wanted.includes(i.light));
  }
  const c = compareRows(q.sort ?? "light");
  items.sort(q.order === "desc" ? (a, b) => c(b, a) : c);
  const counts = { red: 0, yellow: 0, green: 0 };
  for (const i of items) counts[i.light]++;
  const presented = presentRound(round, deps.now());
  const late = presented.daysLeft < 0;
  return {
    round: presented,
    counts,
    units: unitLights(items),
    items: items.map((i) => ({
      ...i,
      overdue: late && (i.workflowState === "draft" || i.workflowState === "returned"),
    })),
  };
}

export async function getRecord(deps: Deps, actor: Actor | undefined, id: string) {
  return view(await recordFor_(deps.db, actor, id));
}

export interface IndicatorFill extends IndicatorFillPatch {
  id: string;
}

export interface RecordFill {
  version: number;
  projectedExecuted?: string | null | undefined;
  executionReason?: string | null | undefined;
  executionMeasures?: string | null | undefined;
  indicators?: IndicatorFill[] | undefined;
}

/** The filler's save: a draft may be incomplete; only words outside the standard lists are refused. */
export async function updateRecordFor(
  deps: Pick<Deps, "db" | "now">,
  actor: Actor | undefined,
  id: string,
  input: RecordFill,
) {
  const { version, indicators = [], ...patch } = input;
  return editRecord(deps, actor, RECORDS, id, version, {
    action: "monitoring.record.update",
    write: async (tx, current) => {
      const known = new Set(current.rows.map((r) => r.id));
      const missing = indicators.findIndex((i) => !known.has(i.id));
      if (missing >= 0) {
        throw new DomainError(
          "invalid_input",
          { zh: "指标行不属于该监控表", en: "The indicator row is not this record's" },
          { path: `indicators[${missing}].id` },
        );
      }
      const row = await updateRecord(tx, id, version, patch, deps.now(), { editableOnly: true });
      if (!row) return undefined;
      for (const { id: rowId, ...fill } of indicators) await updateIndicatorRow(tx, id, rowId, fill);
      return view((await loadRecord(tx, id))!);
    },
    audit: (current, after) => ({ before: view(current), after }),
  });
}

/** A workflow step; a submission is refused (422, every failing field) while core's validation finds problems. */
export async function transitionMonitoringRecord(
  deps: Pick<Deps, "db" | "now">,
  actor: Actor | undefined,
  id: string,
  action: WorkflowAction,
  input: { version: number; comment?: string | undefined },
) {
  if (action === "submit") {
    const current = await recordFor_(deps.db, actor, id, "business.write");
    if (current.version === input.version) {
      const problems = assessRecord(current, current.rows, current.execution).problems("submit");
      if (problems.length > 0) {
        throw new ServerError(
          "submission_incomplete",
          {
            zh: `监控表尚不能提交：${problems.length} 处需补充——${problems.map((p) => p.zh).join("；")}`,
            en: `The monitoring record cannot be submitted yet: ${problems.length} field(s) to complete — ${problems.map((p) => p.en).join("; ")}`,
          },
          {
            location: { path: problems[0]!.path },
            details: {
              fields: problems.map((p) => ({ path: p.path, code: p.code, message: p.zh, messageEn: p.en })),
            },
          },
        );
      }
    }
  }
  return transitionRecord(deps, actor, RECORDS, id, action, input);
}

export async function recordForecast(deps: Deps, actor: Actor | undefined, id: string) {
  const r = await recordFor_(deps.db, actor, id);
  const a: Assessment = assessRecord(r, r.rows, r.execution);
  return { recordId: r.id, projectName: r.projectName, ...(await forecastOf(deps.db, r, r.rows, a)) };
}

/** The record (read permission checked) for the history and snapshot routes. */
export function monitoringRecordFor(db: Db, actor: Actor | undefined, id: string) {
  return recordFor_(db, actor, id);
}
