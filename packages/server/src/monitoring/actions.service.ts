/**
 * What the finance bureau does about a warning, and what the unit is told.
 *
 * - A reviewer covering the record's organisation sends an action on a record: a notice (提醒), a demand for 纠偏
 *   (要求纠偏), a proposal to reduce the budget (建议调减, with the amount) or to defer the project (建议暂缓) — each
 *   with its reason. It is stored, audited, and shown to the unit on the record and in its notifications.
 * - The unit (filler of the organisation) acknowledges it (已阅), once; audited.
 * - The notification centre of a reader: the actions on records in their reading scope, and the records they must
 *   file (draft or returned, in their writing scope) with the days left to the round's deadline.
 */
import { DomainError, formatWanAndYuan, formatYuan, parseYuan } from "@jixiao/core";
import type { Actor } from "../accounts/actor.ts";
import { authorize, requireActor, scopeOf } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import { transact } from "../db/transaction.ts";
import type { Deps } from "../http/context.ts";
import { notFound } from "../http/errors.ts";
import { notifyRoles } from "../notifications/notify.ts";
import { recordFor_ } from "./monitoring.service.ts";
import { daysLeft } from "./presenters.ts";
import { acknowledgeAction, actionsOf, actionsUnder, findAction, insertAction, recordsToFile } from "./repository.ts";
import type { MonitoringActionKind, MonitoringActionRow } from "./schema.ts";

export const ACTION_NAMES: Record<MonitoringActionKind, { zh: string; en: string }> = {
  notice: { zh: "提醒", en: "notice" },
  require_correction: { zh: "要求纠偏", en: "corrective action required" },
  propose_reduce: { zh: "建议调减预算", en: "budget reduction proposed" },
  propose_defer: { zh: "建议暂缓实施", en: "deferral proposed" },
};

const ACTION = { zh: "监控处理意见", en: "monitoring action" };

export function presentAction(r: MonitoringActionRow) {
  return {
    id: r.id,
    recordId: r.recordId,
    orgId: r.orgId,
    kind: r.kind,
    kindName: ACTION_NAMES[r.kind].zh,
    kindNameEn: ACTION_NAMES[r.kind].en,
    message: r.message,
    amount: r.amount === null ? null : formatYuan(parseYuan(r.amount), { grouping: false }),
    createdBy: r.createdBy,
    createdByName: r.createdByName,
    createdAt: r.createdAt.toISOString(),
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
  };
}
export type ActionView = ReturnType<typeof presentAction>;

export interface ActionInput {
  kind: MonitoringActionKind;
  message: string;
  amount?: string | null | undefined;
}

/** The bureau's action on a record (reviewer covering its organisation), audited in words. */
export async function sendAction(
  deps: Pick<Deps, "db" | "now">,
  actor: Actor | undefined,
  id: string,
  input: ActionInput,
) {
  const record = await recordFor_(deps.db, actor, id);
  const a = authorize(actor, "business.review", { orgPath: record.orgPath });
  const message = input.message.trim();
  if (message === "") {
    throw new DomainError(
      "invalid_input",
      { zh: "请写明理由或要求", en: "Write the reason or what is required" },
      { field: "message" },
    );
  }
  let amount: string | null = null;
  if (input.kind === "propose_reduce") {
    const fen = input.amount ? parseYuan(input.amount) : undefined;
    if (fen === undefined || fen <= 0n) {
      throw new DomainError(
        "invalid_input",
        { zh: "建议调减应写明调减金额（元，大于 0）", en: "A proposed reduction needs its amount (元, above 0)" },
        { field: "amount" },
      );
    }
    amount = formatYuan(fen, { grouping: false });
  } else if (input.amount) {
    throw new DomainError(
      "invalid_input",
      { zh: "只有建议调减填写金额", en: "Only a proposed reduction has an amount" },
      { field: "amount" },
    );
  }
  const name = ACTION_NAMES[input.kind];
  return transact(deps.db, async (tx) => {
    const row = await insertAction(tx, {
      recordId: record.id,
      orgId: record.orgId,
      kind: input.kind,
      message,
      amount,
      createdBy: a.accountId,
      createdByName: a.username,
      createdAt: deps.now(),
    });
    const view = presentAction(row);
    await notifyRoles(
      tx,
      { roles: ["filler"], except: a.accountId },
      {
        kind: "warning",
        orgId: record.orgId,
        title: {
          zh: `监控预警·${name.zh}：「${record.orgName} · ${record.projectName}」${amount ? `（调减 ${formatWanAndYuan(parseYuan(amount))}）` : ""}${message}`,
          en: `Monitoring warning, ${name.en}: "${record.orgName} · ${record.projectName}"${amount ? ` (reduce by ${formatWanAndYuan(parseYuan(amount))})` : ""}: ${message}`,
        },
        link: `/monitoring/records/${record.id}`,
        entity: { type: "monitoring_record", id: record.id },
        at: deps.now(),
      },
    );
    await recordAudit(tx, {
      actor: a,
      orgId: record.orgId,
      action: `monitoring.action.${input.kind}`,
      entityType: "monitoring_record",
      entityId: record.id,
      after: view,
      details: {
        zh: `对「${record.orgName} · ${record.projectName}」${name.zh}${amount ? `（调减 ${formatWanAndYuan(parseYuan(amount))}）` : ""}：${message}`,
        en: `${name.en} on "${record.orgName} · ${record.projectName}"${amount ? ` (reduce by ${formatWanAndYuan(parseYuan(amount))})` : ""}: ${message}`,
      },
      at: deps.now(),
    });
    return view;
  });
}

/** The actions on a record, newest first (any reader of the record: the unit sees what the bureau sent). */
export async function listActions(deps: Pick<Deps, "db">, actor: Actor | undefined, id: string) {
  const record = await recordFor_(deps.db, actor, id);
  return { items: (await actionsOf(deps.db, [record.id])).map(presentAction) };
}

/** The unit acknowledges an action (已阅): the filler of the record's organisation, once. */
export async function acknowledge(deps: Pick<Deps, "db" | "now">, actor: Actor | undefined, actionId: string) {
  const a = requireActor(actor);
  const action = await findAction(deps.db, actionId);
  if (!action) {
    authorize(a, "business.read");
    throw notFound(ACTION);
  }
  const record = await recordFor_(deps.db, a, action.recordId);
  authorize(a, "business.write", { orgPath: record.orgPath });
  return transact(deps.db, async (tx) => {
    const row = await acknowledgeAction(tx, action.id, a.accountId, deps.now());
    if (!row) {
      throw new DomainError("conflict", { zh: "该意见已阅", en: "The action was already acknowledged" });
    }
    const view = presentAction(row);
    await recordAudit(tx, {
      actor: a,
      orgId: record.orgId,
      action: "monitoring.action.acknowledge",
      entityType: "monitoring_record",
      entityId: record.id,
      after: view,
      details: {
        zh: `已阅「${record.orgName} · ${record.projectName}」的${ACTION_NAMES[action.kind].zh}`,
        en: `acknowledged the ${ACTION_NAMES[action.kind].en} on "${record.orgName} · ${record.projectName}"`,
      },
      at: deps.now(),
    });
    return view;
  });
}

/** Days before the deadline from which a record to file is "due soon". */
export const DUE_SOON_DAYS = 7;

/**
 * The reader's notification centre: the bureau's actions on records they read (unread first counted in `unread`),
 * and reminders of the records they must file, soonest deadline first, with days left (negative: overdue).
 */
export async function notifications(deps: Pick<Deps, "db" | "now">, actor: Actor | undefined) {
  const a = authorize(actor, "business.read");
  const read = scopeOf(a, "business.read");
  const write = scopeOf(a, "business.write");
  const [actions, toFile] = await Promise.all([
    actionsUnder(deps.db, read.all ? undefined : read.paths, 100),
    a.memberships.some((m) => m.role === "filler")
      ? recordsToFile(deps.db, write.all ? undefined : write.paths, 200)
      : Promise.resolve([]),
  ]);
  const now = deps.now();
  const reminders = toFile.map((r) => {
    const days = daysLeft(r.deadline, now);
    return {
      recordId: r.id,
      roundId: r.roundId,
      orgName: r.orgName,
      projectName: r.projectName,
      year: r.year,
      cutoffMonth: r.cutoffMonth,
      deadline: r.deadline,
      workflowState: r.workflowState,
      daysLeft: days,
      overdue: days < 0,
      dueSoon: days >= 0 && days <= DUE_SOON_DAYS,
      zh:
        days < 0
          ? `「${r.orgName} · ${r.projectName}」${r.year}年1–${r.cutoffMonth}月绩效运行监控表已逾期 ${-days} 天（截止 ${r.deadline}）`
          : `「${r.orgName} · ${r.projectName}」${r.year}年1–${r.cutoffMonth}月绩效运行监控表还剩 ${days} 天截止（${r.deadline}）`,
      en:
        days < 0
          ? `"${r.orgName} · ${r.projectName}": the monitoring record for ${r.year} months 1–${r.cutoffMonth} is ${-days} day(s) overdue (due ${r.deadline})`
          : `"${r.orgName} · ${r.projectName}": the monitoring record for ${r.year} months 1–${r.cutoffMonth} is due in ${days} day(s) (${r.deadline})`,
    };
  });
  const notices = actions.map((x) => ({
    ...presentAction(x.a),
    roundId: x.roundId,
    orgName: x.orgName,
    projectName: x.projectName,
    year: x.year,
    cutoffMonth: x.cutoffMonth,
  }));
  return {
    unread: notices.filter((n) => n.acknowledgedAt === null).length,
    overdue: reminders.filter((r) => r.overdue).length,
    dueSoon: reminders.filter((r) => r.dueSoon).length,
    notices,
    reminders,
  };
}
