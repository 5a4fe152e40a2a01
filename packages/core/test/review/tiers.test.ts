import { describe, expect, it } from "vitest";
import { TIER_RULES } from "../../src/review/rules/tiers.ts";
import type { Rule } from "../../src/review/types.ts";
import { buildDocument, buildDuty, buildDutyTable, ind, tiers } from "./factory.ts";
import { run } from "./helpers.ts";

const rule = (id: string): Rule => TIER_RULES.find((r) => r.id === id)!;

function docWith(name: string, cells: [string, string, string, string]) {
  const i = ind(name, undefined, { tiers: tiers(...cells), location: { file: "t", table: 1, row: 183, column: 5 } });
  return buildDocument({
    dutyGoals: [
      buildDutyTable({
        duties: [
          buildDuty({
            activities: [{ name: "机动车管理", text: "机动车管理", indicators: [i], location: i.location }],
          }),
        ],
      }),
    ],
  });
}

const CLEAN: [string, string, string, string] = ["95%以上", "90%以上", "85%以上", "低于85%"];

describe("tier rules (core's checkTiers, one rule per problem)", () => {
  const cases: [string, [string, string, string, string], "error" | "warning"][] = [
    ["tiers.identical", ["4500辆以上", "4000辆以上", "3500辆以上", "3500辆以上"], "error"],
    ["tiers.overlap", ["1", "80%以上", "0以上", "低于50%"], "error"],
    ["tiers.inverted", ["80%以上", "90%以上", "95%以上", "80%以下"], "error"],
    ["tiers.gap", ["100%", "80%", "65%", "55%以下"], "error"],
    ["tiers.boundary-shared", ["95%以上", "90%以上", "85%以上", "85%以下"], "warning"],
    ["tiers.mixed-units", ["1", "0.8", "0.5", "低于50%"], "warning"],
    ["tiers.unreadable", ["全年", "", "", ""], "error"],
  ];
  for (const [id, cells, severity] of cases) {
    it(`${id}: fails on ${cells.join(" / ")}`, () => {
      const f = run(rule(id), docWith("车辆注册率", cells));
      expect(f.length).toBeGreaterThan(0);
      expect(f.some((x) => x.severity === severity)).toBe(true);
      expect(f[0]!.location).toMatchObject({ table: 1, row: 183 });
      expect(f[0]!.location.field).toMatch(/^tiers\./);
    });
    it(`${id}: passes on contiguous tiers`, () => {
      expect(run(rule(id), docWith("车辆注册率", CLEAN))).toEqual([]);
    });
  }

  it("the identical 中/差 of seed 000's 车辆注册量 points at 中 (column 8)", () => {
    const f = run(
      rule("tiers.identical"),
      docWith("车辆注册量", ["注册量4500辆以上", "注册量4000辆以上", "注册量3500辆以上", "注册量3500辆以上"]),
    );
    expect(f[0]!.location).toMatchObject({ column: 8, field: "tiers.fair" });
  });

  it("a gap of one unit of the printed precision (0-2.25 / 2.26-4.5) is a warning, not an error", () => {
    const f = run(rule("tiers.gap"), docWith("比值", ["0-2.25", "2.26-4.5", "4.51-6.75", "6.76-9"]));
    expect(f.filter((x) => x.details?.tiers !== "差").every((x) => x.severity === "warning")).toBe(true);
  });
});
