/**
 * Stage deadlines (时间节点): the bureau (a reviewer covering the organisation) sets the date by which its subtree
 * files its goals (目标申报) or its self-evaluations (绩效自评) for a year; a monitoring round's deadline is the
 * round's own. Anyone reading the organisation sees the deadlines that apply to it (the nearest set at it or above),
 * how many days are left or how many overdue, and what is still to file. Setting and clearing are audited.
 */
import {
  type DeadlineStage,
  type DeadlineStatus,
  DomainError,
  dateOf,
  dayNumber,
  deadlineStatus,
  effectiveDeadline,
  type SettableStage,
  STAGE_NAMES,
} from "@jixiao/core";
import type { Actor } from "../accounts/actor.ts";
import { inScope, scopeOf } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import type { Deps } from "../http/context.ts";
import { notFound } from "../http/errors.ts";
import { organisationFor } from "../orgs/access.ts";
import type { OrganisationRow } from "../orgs/schema.ts";
import { assertOpenYear } from "../years/guard.ts";
import {
  deadlinesCovering,
  deleteDeadline,
  findDeadline,
  pendingUnder,
  roundsCovering,
  upsertDeadline,
} from "./repository.ts";

export function presentStatus(s: DeadlineStatus) {
  return {
    dueDate: s.dueDate,
    daysLeft: s.daysLeft,
    overdue: s.overdue,
    dueSoon: s.dueSoon,
    label: s.label.zh,
    labelEn: s.label.en,
  };
}
export type StatusView = ReturnType<typeof presentStatus>;

export interface StageView {
  stage: DeadlineStage;
  stageName: string;
  stageNameEn: string;
  /** The deadline that applies (null: none set). */
  status: StatusView | null;
  /** Where it was set: this organisation (own) or one above. */
  setAt: { orgId: string; orgName: string; own: boolean } | null;
  note: string | null;
  /** Still to file under the organisation (draft or returned). */
  pending: number;
  /** The monitoring round (monitoring stage only). */
  round: { id: string; cutoffMonth: number; orgName: string } | null;
}

/**
 * The deadlines that apply to the organisation in the year, with days left against `today`: goals, each monitoring
 * round it takes part in, self-evaluation.
 */
export async function stagesAt(db: Db, org: OrganisationRow, year: number, today: string): Promise<StageView[]> {
  const [set, rounds, pending] = await Promise.all([
    deadlinesCovering(db, org.path, year),
    roundsCovering(db, org.path, year),
    pendingUnder(db, org.path, year),
  ]);
  const settable = (stage: SettableStage): StageView => {
    const d = effectiveDeadline(
      set.filter((x) => x.stage === stage),
      org.path,
    );
    return {
      stage,
      stageName: STAGE_NAMES[stage].zh,
      stageNameEn: STAGE_NAMES[stage].en,
      status: d ? presentStatus(deadlineStatus({ dueDate: d.dueDate, today })) : null,
      setAt: d ? { orgId: d.orgId, orgName: d.orgName, own: d.orgId === org.id } : null,
      note: d?.note ?? null,
      pending: pending[stage],
      round: null,
    };
  };
  return [
    settable("goals"),
    ...rounds.map(
      (r): StageView => ({
        stage: "monitoring",
        stageName: `${STAGE_NAMES.monitoring.zh}（1–${r.cutoffMonth}月）`,
        stageNameEn: `${STAGE_NAMES.monitoring.en} (months 1–${r.cutoffMonth})`,
        status: presentStatus(deadlineStatus({ dueDate: r.deadline, today })),
        setAt: { orgId: r.orgId, orgName: r.orgName, own: r.orgId === org.id },
        note: null,
        pending: r.pending,
        round: { id: r.roundId, cutoffMonth: r.cutoffMonth, orgName: r.orgName },
      }),
    ),
    settable("self_evaluation"),
  ];
}

export async function listDeadlines(
  deps: Pick<Deps, "db" | "now">,
  actor: Actor | undefined,
  orgId: string,
  year: number,
) {
  const { actor: a, org } = await organisationFor(deps.db, actor, orgId, "business.read");
  return {
    orgId: org.id,
    orgName: org.name,
    year,
    today: dateOf(deps.now()),
    /** The reviewer covering the organisation sets its deadlines (for its subtree). */
    canSet: inScope(scopeOf(a, "business.review"), org.path),
    items: await stagesAt(deps.db, org, year, dateOf(deps.now())),
  };
}

export interface SetDeadlineInput {
  orgId: string;
  year: number;
  stage: SettableStage;
  dueDate: string;
  note?: string | null | undefined;
}

/** The bureau sets (or moves) a stage's deadline for its subtree: reviewer covering the organisation; audited. */
export async function setDeadline(deps: Pick<Deps, "db" | "now">, actor: Actor | undefined, input: SetDeadlineInput) {
  const { actor: a, org } = await organisationFor(deps.db, actor, input.orgId, "business.review");
  await assertOpenYear(deps.db, input.year);
  dayNumber(input.dueDate); // a real date, or 400
  const dueYear = Number(input.dueDate.slice(0, 4));
  if (dueYear < input.year - 1 || dueYear > input.year + 1) {
    throw new DomainError(
      "invalid_input",
      {
        zh: `${input.year}年度的截止日期应在 ${input.year - 1}–${input.year + 1} 年内`,
        en: `A deadline of ${input.year} lies in ${input.year - 1}–${input.year + 1}`,
      },
      { field: "dueDate" },
    );
  }
  const note = input.note?.trim() || null;
  const name = STAGE_NAMES[input.stage];
  return transact(deps.db, async (tx) => {
    const before = await findDeadline(tx, org.id, input.year, input.stage);
    const row = await upsertDeadline(tx, {
      orgId: org.id,
      year: input.year,
      stage: input.stage,
      dueDate: input.dueDate,
      note,
      setBy: a.accountId,
      at: deps.now(),
    });
    await recordAudit(tx, {
      actor: a,
      orgId: org.id,
      action: "deadline.set",
      entityType: "stage_deadline",
      entityId: row.id,
      before: before ? { dueDate: before.dueDate, note: before.note } : undefined,
      after: { year: row.year, stage: row.stage, dueDate: row.dueDate, note: row.note },
      details: {
        zh: `设定${org.name} ${input.year}年度「${name.zh}」截止日期：${before ? `${before.dueDate} → ` : ""}${row.dueDate}`,
        en: `set the ${name.en} deadline of ${org.name} for ${input.year}: ${before ? `${before.dueDate} → ` : ""}${row.dueDate}`,
      },
      at: deps.now(),
    });
    return { items: await stagesAt(tx, org, input.year, dateOf(deps.now())) };
  });
}

/** The bureau clears a deadline it set (the one above applies again, if any); audited. */
export async function clearDeadline(
  deps: Pick<Deps, "db" | "now">,
  actor: Actor | undefined,
  q: { orgId: string; year: number; stage: SettableStage },
) {
  const { actor: a, org } = await organisationFor(deps.db, actor, q.orgId, "business.review");
  await assertOpenYear(deps.db, q.year);
  const name = STAGE_NAMES[q.stage];
  return transact(deps.db, async (tx) => {
    const before = await findDeadline(tx, org.id, q.year, q.stage);
    if (!before) throw notFound({ zh: "该截止日期", en: "deadline" });
    await deleteDeadline(tx, before.id);
    await recordAudit(tx, {
      actor: a,
      orgId: org.id,
      action: "deadline.clear",
      entityType: "stage_deadline",
      entityId: before.id,
      before: { year: before.year, stage: before.stage, dueDate: before.dueDate, note: before.note },
      details: {
        zh: `取消${org.name} ${q.year}年度「${name.zh}」截止日期 ${before.dueDate}`,
        en: `cleared the ${name.en} deadline ${before.dueDate} of ${org.name} for ${q.year}`,
      },
      at: deps.now(),
    });
    return { items: await stagesAt(tx, org, q.year, dateOf(deps.now())) };
  });
}
