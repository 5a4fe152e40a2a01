import { describe, expect, it } from "vitest";
import { toFixed } from "../../src/numbers/decimal.ts";
import { parseReviewConfig } from "../../src/review/config-schema.ts";
import { executionBehindSchedule, parseIsoDate, yearElapsedPercent } from "../../src/review/rules/monitoring.ts";
import { amount, buildDepartmentSelfEvaluation, buildDocument, buildProject } from "./factory.ts";
import { run } from "./helpers.ts";

/** A 2024 project of 100 万元 with `executed` 万元 spent. */
const project = (executed: string | undefined) =>
  buildDocument({
    title: "2024年度项目支出绩效目标表",
    projects: [
      buildProject({ name: "教育训练", budget: amount("100"), ...(executed ? { executed: amount(executed) } : {}) }),
    ],
  });

describe("yearElapsedPercent", () => {
  it("counts the days of the year up to the date included, leap years too", () => {
    // 2024 is a leap year: 30 June is day 182 of 366.
    expect(toFixed(yearElapsedPercent(parseIsoDate("2024-06-30")!, 2024), 4)).toBe(toFixed({ n: 18200n, d: 366n }, 4));
    expect(toFixed(yearElapsedPercent(parseIsoDate("2023-12-31")!, 2023), 2)).toBe("100.00");
    expect(toFixed(yearElapsedPercent(parseIsoDate("2025-01-10")!, 2024), 2)).toBe("100.00");
    expect(toFixed(yearElapsedPercent(parseIsoDate("2023-12-31")!, 2024), 2)).toBe("0.00");
  });
  it("refuses dates that do not exist", () => {
    expect(parseIsoDate("2023-02-29")).toBeUndefined();
    expect(parseIsoDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate("30/06/2024")).toBeUndefined();
  });
});

describe("monitoring.execution-behind-schedule", () => {
  it("fails when execution trails the year elapsed by more than 20 points at the reference date", () => {
    // 30 June 2024: 182/366 = 49.73% of the year gone; 25% executed is 24.73 points behind.
    const f = run(executionBehindSchedule, project("25"), { referenceDate: "2024-06-30" });
    expect(f).toHaveLength(1);
    expect(f[0]!.location).toMatchObject({ field: "executed", path: "projects[0].executed" });
    expect(f[0]!.details).toMatchObject({ computed: "25.00%", expected: "49.73%", difference: "24.73" });
    expect(f[0]!.message).toContain("落后 24.73 个百分点");
  });
  it("passes within the threshold, and the threshold is a setting", () => {
    expect(run(executionBehindSchedule, project("30"), { referenceDate: "2024-06-30" })).toEqual([]);
    expect(
      run(executionBehindSchedule, project("30"), { referenceDate: "2024-06-30", executionBehindPoints: "15" }),
    ).toHaveLength(1);
  });
  it("says nothing without a reference date (no clock in core), before the year, or without figures", () => {
    expect(run(executionBehindSchedule, project("0"))).toEqual([]);
    expect(run(executionBehindSchedule, project("0"), { referenceDate: "2023-12-31" })).toEqual([]);
    expect(run(executionBehindSchedule, project(undefined), { referenceDate: "2024-06-30" })).toEqual([]);
  });
  it("after the year's end the whole year counts: a department at 70% is behind", () => {
    const doc = buildDocument({
      departmentSelfEvaluation: buildDepartmentSelfEvaluation({
        year: 2020,
        budget: { label: "部门整体支出总额", budget: amount("100"), executed: amount("70"), location: { file: "t" } },
      }),
    });
    const f = run(executionBehindSchedule, doc, { referenceDate: "2021-01-15" });
    expect(f).toHaveLength(1);
    expect(f[0]!.details).toMatchObject({ computed: "70.00%", expected: "100.00%" });
    expect(run(executionBehindSchedule, doc, { referenceDate: "2021-01-15", executionBehindPoints: "30" })).toEqual([]);
  });
  it("the configuration takes the date and the threshold, and refuses a date that does not exist", () => {
    expect(parseReviewConfig({ referenceDate: "2024-06-30", executionBehindPoints: "15" }).ok).toBe(true);
    const bad = parseReviewConfig({ referenceDate: "2024-02-30" });
    expect(bad.ok).toBe(false);
    expect(bad.ok ? [] : bad.problems.map((p) => p.path)).toEqual(["referenceDate"]);
  });
});
