import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/errors/domain-error.ts";
import {
  checkRectificationStep,
  daysBetween,
  daysOverdue,
  isAnswerable,
  isIsoDate,
  isOverdue,
  nextRectificationState,
  rectificationActions,
} from "../../src/rectification/lifecycle.ts";
import { RECTIFICATION_ACTIONS, RECTIFICATION_STATES, type RectificationState } from "../../src/rectification/types.ts";

describe("the life cycle of a rectification item", () => {
  it("goes 待整改 → 整改中 → 已提交 → 退回 → 整改中 → 已提交 → 已验收", () => {
    let s: RectificationState = "pending";
    const path: RectificationState[] = [s];
    for (const a of ["answer", "submit", "return", "answer", "submit", "accept"] as const) {
      s = checkRectificationStep({ state: s, action: a, measuresTaken: "已整改", comment: "证据不足" });
      path.push(s);
    }
    expect(path).toEqual(["pending", "in_progress", "submitted", "returned", "in_progress", "submitted", "accepted"]);
  });

  it("lets a pending or returned item be submitted at once, and nothing happen to an accepted one", () => {
    expect(nextRectificationState("pending", "submit")).toBe("submitted");
    expect(nextRectificationState("returned", "submit")).toBe("submitted");
    expect(rectificationActions("accepted")).toEqual([]);
    expect(rectificationActions("submitted").sort()).toEqual(["accept", "return"]);
  });

  it("keeps the unit's steps and the reviewer's apart: the unit answers only before submission", () => {
    fc.assert(
      fc.property(fc.constantFrom(...RECTIFICATION_STATES), fc.constantFrom(...RECTIFICATION_ACTIONS), (s, a) => {
        const to = nextRectificationState(s, a);
        if (a === "answer" || a === "submit") expect(to !== undefined).toBe(isAnswerable(s));
        else expect(to !== undefined).toBe(s === "submitted");
        if (to === undefined) {
          expect(() => checkRectificationStep({ state: s, action: a, measuresTaken: "x", comment: "y" })).toThrow(
            /不能/,
          );
        }
      }),
    );
  });

  it("refuses a submission without measures and a return without a comment", () => {
    const sub = () => checkRectificationStep({ state: "in_progress", action: "submit", measuresTaken: "  " });
    expect(sub).toThrow(DomainError);
    expect(sub).toThrow("提交前请填写已采取的整改措施");
    expect(() => checkRectificationStep({ state: "submitted", action: "return" })).toThrow("退回须说明理由");
    expect(checkRectificationStep({ state: "submitted", action: "accept" })).toBe("accepted");
  });
});

describe("overdue", () => {
  it("is past the deadline and not accepted", () => {
    expect(isOverdue({ state: "pending", deadline: "2025-03-31" }, "2025-03-31")).toBe(false);
    expect(isOverdue({ state: "pending", deadline: "2025-03-31" }, "2025-04-01")).toBe(true);
    expect(isOverdue({ state: "submitted", deadline: "2025-03-31" }, "2025-04-01")).toBe(true);
    expect(isOverdue({ state: "accepted", deadline: "2025-03-31" }, "2026-01-01")).toBe(false);
    expect(daysOverdue({ state: "returned", deadline: "2024-02-28" }, "2024-03-01")).toBe(2);
    expect(daysOverdue({ state: "returned", deadline: "2024-03-01" }, "2024-02-28")).toBe(0);
  });

  it("counts days across years exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: -3000, max: 3000 }), (start, n) => {
        const d = (x: number) => new Date(Date.UTC(1990, 0, 1) + x * 86_400_000).toISOString().slice(0, 10);
        expect(daysBetween(d(start), d(start + n))).toBe(n);
      }),
    );
  });

  it("knows a date from an impossible one", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2025-02-29")).toBe(false);
    expect(isIsoDate("2025-2-1")).toBe(false);
  });
});
