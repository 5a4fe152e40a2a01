/**
 * Writing notifications, in the transaction of what they tell of. Each source says whom (accounts, or the roles
 * covering an organisation) and what; the rows are forwarded to the webhook afterwards (webhook.ts), never inside
 * the user's transaction.
 */
import { sql } from "drizzle-orm";
import type { Role } from "../accounts/schema.ts";
import { type Db, queryRows } from "../db/open.ts";
import type { WorkflowAction } from "../workflow/rules.ts";
import { accountsCovering, insertNotifications } from "./repository.ts";
import type { NotificationKind, NotificationRow } from "./schema.ts";

export interface Notice {
  kind: NotificationKind;
  /** The organisation it is about. */
  orgId: string | null;
  title: { zh: string; en: string };
  link?: string | null;
  entity?: { type: string; id: string };
  /** Once only per recipient and key (reminders). */
  dedupeKey?: string;
  at: Date;
}

export async function notifyAccounts(tx: Db, accountIds: readonly string[], n: Notice): Promise<NotificationRow[]> {
  return insertNotifications(
    tx,
    [...new Set(accountIds)].map((accountId) => ({
      accountId,
      orgId: n.orgId,
      kind: n.kind,
      title: n.title.zh,
      titleEn: n.title.en,
      link: n.link ?? null,
      entityType: n.entity?.type ?? null,
      entityId: n.entity?.id ?? null,
      dedupeKey: n.dedupeKey ?? null,
      createdAt: n.at,
    })),
  );
}

/** Notify the accounts holding one of `roles` over the notice's organisation (not the one who acted). */
export async function notifyRoles(
  tx: Db,
  who: { roles: readonly Role[]; except?: string | null },
  n: Notice & { orgId: string },
): Promise<NotificationRow[]> {
  return notifyAccounts(tx, await accountsCovering(tx, n.orgId, who.roles, who.except), n);
}

const KIND_NAMES: Record<string, { zh: string; en: string }> = {
  project: { zh: "项目", en: "project" },
  department_goal: { zh: "部门整体绩效目标", en: "department goal" },
  self_evaluation: { zh: "绩效自评", en: "self-evaluation" },
  department_budget: { zh: "部门预算", en: "department budget" },
  monitoring_record: { zh: "绩效运行监控表", en: "monitoring record" },
};

/** What a record is called in a notice (kind, name, unit) and where the web app shows it. */
async function subjectOf(tx: Db, entityType: string, id: string) {
  const [row] = await queryRows<{ name: string | null; org: string; year: number }>(
    tx,
    entityType === "project"
      ? sql`SELECT p.name, o.name AS org, p.year FROM projects p JOIN organisations o ON o.id = p.org_id WHERE p.id = ${id}`
      : entityType === "self_evaluation"
        ? sql`SELECT p.name, o.name AS org, e.year FROM self_evaluations e JOIN organisations o ON o.id = e.org_id
                LEFT JOIN projects p ON p.id = e.project_id WHERE e.id = ${id}`
        : entityType === "monitoring_record"
          ? sql`SELECT p.name, o.name AS org, r.year FROM monitoring_records r JOIN organisations o ON o.id = r.org_id
                  LEFT JOIN projects p ON p.id = r.project_id WHERE r.id = ${id}`
          : entityType === "department_goal"
            ? sql`SELECT NULL AS name, o.name AS org, g.year FROM department_goals g JOIN organisations o ON o.id = g.org_id WHERE g.id = ${id}`
            : sql`SELECT NULL AS name, o.name AS org, b.year FROM department_budgets b JOIN organisations o ON o.id = b.org_id WHERE b.id = ${id}`,
  );
  const kind = KIND_NAMES[entityType] ?? { zh: entityType, en: entityType };
  const link =
    entityType === "project"
      ? `/projects/${id}`
      : entityType === "department_goal"
        ? `/goals/${id}`
        : entityType === "self_evaluation"
          ? `/self-evaluation/${id}`
          : entityType === "monitoring_record"
            ? `/monitoring/records/${id}`
            : "/budget";
  const name = row?.name ? `「${row.name}」` : "";
  return {
    zh: `${row?.org ?? ""} ${row?.year ?? ""}年${kind.zh}${name}`,
    en: `${kind.en}${row?.name ? ` "${row.name}"` : ""} of ${row?.org ?? ""} (${row?.year ?? ""})`,
    link,
  };
}

/** Who is told of each workflow step, and how. */
const STEP_NOTICES: Record<
  WorkflowAction,
  { kind: NotificationKind; roles: Role[]; zh: string; en: string; submitter?: boolean }
> = {
  submit: { kind: "submitted", roles: ["unit_approver"], zh: "待单位审核", en: "waiting for unit approval" },
  unit_approve: { kind: "submitted", roles: ["reviewer"], zh: "待审核", en: "waiting for review" },
  return: { kind: "returned", roles: ["filler"], zh: "已退回", en: "returned", submitter: true },
  approve: { kind: "approved", roles: ["filler"], zh: "已审核通过", en: "approved", submitter: true },
};

/**
 * A workflow step's notices: a submission to the unit approvers, a unit approval to the reviewers above, a return or
 * an approval to the unit's fillers and the one who submitted (never to the one who acted).
 */
export async function notifyWorkflowStep(
  tx: Db,
  step: {
    entityType: string;
    entityId: string;
    orgId: string;
    actorId: string;
    action: WorkflowAction;
    comment?: string | undefined;
    at: Date;
  },
): Promise<void> {
  const rule = STEP_NOTICES[step.action];
  const subject = await subjectOf(tx, step.entityType, step.entityId);
  const recipients = await accountsCovering(tx, step.orgId, rule.roles, step.actorId);
  if (rule.submitter) {
    const [last] = await queryRows<{ actor_id: string }>(
      tx,
      sql`SELECT actor_id FROM workflow_transitions
           WHERE entity_type = ${step.entityType} AND entity_id = ${step.entityId} AND action = 'submit'
           ORDER BY entity_version DESC, created_at DESC LIMIT 1`,
    );
    if (last && last.actor_id !== step.actorId) recipients.push(last.actor_id);
  }
  const comment = step.comment?.trim();
  await notifyAccounts(tx, recipients, {
    kind: rule.kind,
    orgId: step.orgId,
    title: {
      zh: `${subject.zh}${rule.zh}${comment ? `：${comment}` : ""}`,
      en: `The ${subject.en} is ${rule.en}${comment ? `: ${comment}` : ""}`,
    },
    link: subject.link,
    entity: { type: step.entityType, id: step.entityId },
    at: step.at,
  });
}

/** A round opened: the fillers of each unit with records in it are told what to file and by when. */
export async function notifyRoundOpened(
  tx: Db,
  round: { id: string; year: number; cutoffMonth: number; deadline: string },
  actorId: string,
  at: Date,
): Promise<void> {
  const units = await queryRows<{ org_id: string; n: string }>(
    tx,
    sql`SELECT org_id, count(*)::text AS n FROM monitoring_records WHERE round_id = ${round.id} GROUP BY org_id`,
  );
  for (const u of units) {
    await notifyRoles(
      tx,
      { roles: ["filler"], except: actorId },
      {
        kind: "assignment",
        orgId: u.org_id,
        title: {
          zh: `请填报${round.year}年1–${round.cutoffMonth}月绩效运行监控表（${u.n} 份），截止 ${round.deadline}`,
          en: `File the monitoring records for ${round.year} months 1–${round.cutoffMonth} (${u.n}) by ${round.deadline}`,
        },
        link: "/monitoring",
        entity: { type: "monitoring_round", id: round.id },
        at,
      },
    );
  }
}
