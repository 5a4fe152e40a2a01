/**
 * Stage deadlines (时间节点) and how far off they are. Pure: "today" is always given (a date, `YYYY-MM-DD`), never read
 * from a clock, so the same rule serves the to-do list, the notification centre and the tests.
 *
 * - The stages of a fiscal year with a deadline: 目标申报 (project goals and department goals), 绩效运行监控 (each
 *   monitoring round has its own deadline) and 绩效自评.
 * - A deadline set at an organisation covers its subtree; an organisation follows the nearest one above or at itself.
 * - Days left count calendar days from today to the deadline: 0 is "due today", negative is overdue.
 */
import { DomainError } from "../errors/domain-error.ts";

export const DEADLINE_STAGES = ["goals", "monitoring", "self_evaluation"] as const;
export type DeadlineStage = (typeof DEADLINE_STAGES)[number];
/** The stages whose deadline is set on its own (the monitoring stage takes each round's deadline). */
export const SETTABLE_STAGES = ["goals", "self_evaluation"] as const satisfies readonly DeadlineStage[];
export type SettableStage = (typeof SETTABLE_STAGES)[number];

export const STAGE_NAMES: Record<DeadlineStage, { zh: string; en: string }> = {
  goals: { zh: "目标申报", en: "goal setting" },
  monitoring: { zh: "绩效运行监控", en: "in-year monitoring" },
  self_evaluation: { zh: "绩效自评", en: "self-evaluation" },
};

/** Days before a deadline from which it is "approaching" (a reminder is sent): 3. */
export const REMINDER_DAYS = 3;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY = 86_400_000;

/** The date as days since 1970-01-01; a DomainError when it is no real calendar date. */
export function dayNumber(date: string): number {
  const m = DATE.exec(date);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date) {
    throw new DomainError(
      "invalid_input",
      { zh: `日期「${date}」无效，应为 YYYY-MM-DD`, en: `"${date}" is no date (YYYY-MM-DD)` },
      { field: "dueDate" },
    );
  }
  return t / DAY;
}

/** The calendar date (UTC) of an instant, `YYYY-MM-DD`: what "today" is for the server's clock. */
export function dateOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export interface DeadlineStatus {
  dueDate: string;
  /** Days from today to the deadline: 0 due today, negative overdue. */
  daysLeft: number;
  overdue: boolean;
  /** Within `soonDays` (and not past). */
  dueSoon: boolean;
  /** 剩余N天 / 今天截止 / 已逾期N天. */
  label: { zh: string; en: string };
}

/**
 * How far today is from a deadline.
 * @param o.dueDate the deadline, `YYYY-MM-DD` (the last day allowed)
 * @param o.today today's date, `YYYY-MM-DD`
 * @param o.soonDays days before the deadline from which it is approaching (default REMINDER_DAYS)
 */
export function deadlineStatus(o: { dueDate: string; today: string; soonDays?: number }): DeadlineStatus {
  const daysLeft = dayNumber(o.dueDate) - dayNumber(o.today);
  const soon = o.soonDays ?? REMINDER_DAYS;
  const label =
    daysLeft < 0
      ? { zh: `已逾期${-daysLeft}天`, en: `${-daysLeft} day${daysLeft === -1 ? "" : "s"} overdue` }
      : daysLeft === 0
        ? { zh: "今天截止", en: "due today" }
        : { zh: `剩余${daysLeft}天`, en: `${daysLeft} day${daysLeft === 1 ? "" : "s"} left` };
  return { dueDate: o.dueDate, daysLeft, overdue: daysLeft < 0, dueSoon: daysLeft >= 0 && daysLeft <= soon, label };
}

/**
 * Which reminder a deadline calls for today: "soon" while approaching, "overdue" once past, none otherwise.
 * One reminder per phase and deadline (the phase is part of the reminder's identity, so it is sent once).
 */
export function reminderPhase(status: DeadlineStatus): "soon" | "overdue" | null {
  if (status.overdue) return "overdue";
  if (status.dueSoon) return "soon";
  return null;
}

/**
 * The deadline that applies to an organisation: the one set at the nearest organisation above or at it (paths are
 * materialised, a descendant's path starts with its ancestor's).
 */
export function effectiveDeadline<D extends { orgPath: string }>(
  deadlines: readonly D[],
  orgPath: string,
): D | undefined {
  let best: D | undefined;
  for (const d of deadlines) {
    if (orgPath.startsWith(d.orgPath) && (!best || d.orgPath.length > best.orgPath.length)) best = d;
  }
  return best;
}

/** The reminder's words: 「目标申报」截止日期 2026-03-05，剩余3天（待办 2 项）. */
export function reminderText(o: {
  stage: DeadlineStage;
  status: DeadlineStatus;
  what?: { zh: string; en: string };
  pending?: number;
}): { zh: string; en: string } {
  const name = STAGE_NAMES[o.stage];
  const what = o.what ?? name;
  const pendingZh = o.pending ? `（待办 ${o.pending} 项）` : "";
  const pendingEn = o.pending ? ` (${o.pending} to do)` : "";
  return {
    zh: `「${what.zh}」截止日期 ${o.status.dueDate}，${o.status.label.zh}${pendingZh}`,
    en: `${what.en} due ${o.status.dueDate}, ${o.status.label.en}${pendingEn}`,
  };
}
