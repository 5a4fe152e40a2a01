/**
 * Reminders of approaching and overdue deadlines, made when a filler's notifications are read (no timer to run):
 * for each unit the filler files for, each deadline that applies to it (goals, self-evaluation, each monitoring
 * round) gets one notice when it is 3 days off or less (剩余N天 / 今天截止), and one once it is past while something is
 * still to file, within 30 days of it (已逾期N天). The dedupe key makes each phase of each deadline once-only per person.
 */
import {
  type DeadlineStage,
  dateOf,
  deadlineStatus,
  effectiveDeadline,
  reminderPhase,
  reminderText,
  SETTABLE_STAGES,
  STAGE_NAMES,
} from "@jixiao/core";
import type { Actor } from "../accounts/actor.ts";
import type { Db } from "../db/open.ts";
import { deadlinesCovering, type PendingCounts, pendingUnder, roundsCovering } from "../deadlines/repository.ts";
import { findOrganisation } from "../orgs/repository.ts";
import { type Notice, notifyAccounts } from "./notify.ts";

/** Days past a deadline during which reading the list still makes its overdue reminder: 30. */
export const OVERDUE_REMINDER_DAYS = 30;

export async function remindDeadlines(db: Db, actor: Actor, now: Date): Promise<number> {
  const today = dateOf(now);
  const units = actor.memberships.filter((m) => m.role === "filler" && m.orgId && m.orgPath);
  const notices: Notice[] = [];
  for (const m of units) {
    const org = await findOrganisation(db, m.orgId!);
    if (!org) continue;
    const pending = new Map<number, PendingCounts>();
    const pendingOf = async (year: number) => {
      let p = pending.get(year);
      if (!p) {
        p = await pendingUnder(db, org.path, year);
        pending.set(year, p);
      }
      return p;
    };
    const remind = (
      stage: DeadlineStage,
      key: string,
      dueDate: string,
      count: number,
      what?: { zh: string; en: string },
    ) => {
      const status = deadlineStatus({ dueDate, today });
      const phase = reminderPhase(status);
      // Overdue: only while something is still to file, and for a month (an old year's deadline is no news).
      if (!phase || (phase === "overdue" && (count === 0 || status.daysLeft < -OVERDUE_REMINDER_DAYS))) return;
      const text = reminderText({ stage, status, pending: count, ...(what ? { what } : {}) });
      notices.push({
        kind: "deadline",
        orgId: org.id,
        title: { zh: `${org.name}：${text.zh}`, en: `${org.name}: ${text.en}` },
        link: "/deadlines",
        dedupeKey: `deadline:${key}:${dueDate}:${phase}:${org.id}`,
        at: now,
      });
    };
    const set = await deadlinesCovering(db, org.path);
    const years = [...new Set(set.map((d) => d.year))];
    for (const year of years) {
      for (const stage of SETTABLE_STAGES) {
        const d = effectiveDeadline(
          set.filter((x) => x.year === year && x.stage === stage),
          org.path,
        );
        if (!d) continue;
        // Far from due: no need to count what is pending.
        if (deadlineStatus({ dueDate: d.dueDate, today }).daysLeft > 3) continue;
        const what = { zh: `${year}年度${STAGE_NAMES[stage].zh}`, en: `${STAGE_NAMES[stage].en} ${year}` };
        remind(stage, `${stage}:${d.id}`, d.dueDate, (await pendingOf(year))[stage], what);
      }
    }
    for (const r of await roundsCovering(db, org.path)) {
      if (r.pending === 0) continue;
      remind("monitoring", `monitoring:${r.roundId}`, r.deadline, r.pending, {
        zh: `${r.year}年1–${r.cutoffMonth}月绩效运行监控`,
        en: `monitoring ${r.year} months 1–${r.cutoffMonth}`,
      });
    }
  }
  let made = 0;
  for (const n of notices) made += (await notifyAccounts(db, [actor.accountId], n)).length;
  return made;
}
