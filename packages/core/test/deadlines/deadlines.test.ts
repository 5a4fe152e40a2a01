/**
 * Stage deadlines: days left and overdue against a given today (worked out by hand on the calendar: 2026 is no leap
 * year, so 2026-02-27 → 2026-03-02 is 3 days), the reminder phase, and the deadline an organisation follows.
 */
import { describe, expect, it } from "vitest";
import {
  dateOf,
  deadlineStatus,
  effectiveDeadline,
  REMINDER_DAYS,
  reminderPhase,
  reminderText,
} from "../../src/deadlines/index.ts";
import { DomainError } from "../../src/errors/domain-error.ts";

describe("deadlineStatus", () => {
  it.each([
    // due, today → days left, overdue, due soon, label
    ["2026-03-05", "2026-03-02", 3, false, true, "剩余3天"],
    ["2026-03-06", "2026-03-02", 4, false, false, "剩余4天"],
    ["2026-03-02", "2026-03-02", 0, false, true, "今天截止"],
    ["2026-03-01", "2026-03-02", -1, true, false, "已逾期1天"],
    ["2026-02-27", "2026-03-02", -3, true, false, "已逾期3天"], // across the end of February (28 days)
    ["2024-03-01", "2024-02-28", 2, false, true, "剩余2天"], // 2024 is a leap year: 02-29 lies between
    ["2027-01-01", "2026-12-31", 1, false, true, "剩余1天"], // across the year
    ["2026-06-30", "2026-03-02", 120, false, false, "剩余120天"],
  ] as const)("due %s, today %s: %i days", (dueDate, today, days, overdue, soon, zh) => {
    const s = deadlineStatus({ dueDate, today });
    expect(s).toMatchObject({ dueDate, daysLeft: days, overdue, dueSoon: soon });
    expect(s.label.zh).toBe(zh);
  });

  it("says it in English, singular and plural", () => {
    expect(deadlineStatus({ dueDate: "2026-03-03", today: "2026-03-02" }).label.en).toBe("1 day left");
    expect(deadlineStatus({ dueDate: "2026-02-28", today: "2026-03-02" }).label.en).toBe("2 days overdue");
    expect(deadlineStatus({ dueDate: "2026-03-01", today: "2026-03-02" }).label.en).toBe("1 day overdue");
  });

  it("takes its own window for approaching", () => {
    expect(REMINDER_DAYS).toBe(3);
    expect(deadlineStatus({ dueDate: "2026-03-09", today: "2026-03-02", soonDays: 7 }).dueSoon).toBe(true);
    expect(deadlineStatus({ dueDate: "2026-03-10", today: "2026-03-02", soonDays: 7 }).dueSoon).toBe(false);
  });

  it("refuses what is no calendar date", () => {
    for (const bad of ["2026-02-30", "2026-2-3", "tomorrow", "2026-13-01"]) {
      expect(() => deadlineStatus({ dueDate: bad, today: "2026-03-02" })).toThrow(DomainError);
    }
  });

  it("reads today from an instant as its UTC date", () => {
    expect(dateOf(new Date("2026-03-02T23:59:59.999Z"))).toBe("2026-03-02");
    expect(dateOf(new Date("2026-03-03T00:00:00.000Z"))).toBe("2026-03-03");
  });
});

describe("reminderPhase", () => {
  it("is soon within three days, overdue once past, nothing before", () => {
    const at = (dueDate: string) => reminderPhase(deadlineStatus({ dueDate, today: "2026-03-02" }));
    expect(at("2026-03-06")).toBeNull();
    expect(at("2026-03-05")).toBe("soon");
    expect(at("2026-03-02")).toBe("soon");
    expect(at("2026-03-01")).toBe("overdue");
  });
});

describe("effectiveDeadline", () => {
  const set = [
    { orgPath: "/a/", dueDate: "2026-03-31" },
    { orgPath: "/a/b/", dueDate: "2026-03-20" },
    { orgPath: "/x/", dueDate: "2026-01-01" },
  ];
  it("follows the nearest organisation above or at itself", () => {
    expect(effectiveDeadline(set, "/a/b/c/")?.dueDate).toBe("2026-03-20");
    expect(effectiveDeadline(set, "/a/b/")?.dueDate).toBe("2026-03-20");
    expect(effectiveDeadline(set, "/a/d/")?.dueDate).toBe("2026-03-31");
    expect(effectiveDeadline(set, "/y/")).toBeUndefined();
  });
});

describe("reminderText", () => {
  it("names the stage, the date, the days and what is waiting", () => {
    const status = deadlineStatus({ dueDate: "2026-03-05", today: "2026-03-02" });
    expect(reminderText({ stage: "goals", status, pending: 2 })).toEqual({
      zh: "「目标申报」截止日期 2026-03-05，剩余3天（待办 2 项）",
      en: "goal setting due 2026-03-05, 3 days left (2 to do)",
    });
    const late = deadlineStatus({ dueDate: "2026-02-27", today: "2026-03-02" });
    expect(reminderText({ stage: "self_evaluation", status: late }).zh).toBe(
      "「绩效自评」截止日期 2026-02-27，已逾期3天",
    );
  });
});
