import { describe, expect, it } from "vitest";
import { buildLibrary, median, normaliseIndicatorName, suggestIndicators } from "../../src/library/index.ts";
import type { IndicatorUsage } from "../../src/library/types.ts";
import { fromInt, parseDecimal, ratio, toDecimalString } from "../../src/numbers/decimal.ts";

let seq = 0;
const use = (name: string, targetText: string, over: Partial<IndicatorUsage> = {}): IndicatorUsage => ({
  name,
  targetText,
  level1: "产出指标",
  level2: "数量指标",
  year: 2024,
  source: { kind: "project", id: `p${++seq}`, name: `项目${seq}` },
  ...over,
});

describe("normaliseIndicatorName", () => {
  it("folds widths, spaces, numbering, punctuation and trailing units into one key", () => {
    const forms = [
      "培训人数",
      "培训人数（人）",
      "培训 人数",
      "培训\u3000人数：",
      "１、培训人数",
      "(2)培训人数",
      "（三）培训人数。",
      "其中：培训人数",
      "培训人数(人次)",
    ];
    const keys = new Set(forms.map(normaliseIndicatorName));
    expect([...keys]).toEqual(["培训人数"]);
  });

  it("drops percent signs and bracketed units at the end, full- or half-width", () => {
    for (const n of ["群众满意度%", "群众满意度％", "群众满意度(%)", "群众满意度（％）", "群众满意度百分比"]) {
      expect(normaliseIndicatorName(n)).toBe(normaliseIndicatorName("群众满意度"));
    }
  });

  it("keeps a rate and a count apart (率 / 数 are different indicators)", () => {
    expect(normaliseIndicatorName("任务完成率")).not.toBe(normaliseIndicatorName("任务完成数"));
    expect(normaliseIndicatorName("案件办结率（%）")).not.toBe(normaliseIndicatorName("案件办结数（件）"));
  });

  it("drops a bracket only when it holds a unit; other words in it are content", () => {
    for (const n of [
      "培训人数（万人）",
      "培训人数(单位：人)",
      "人均费用（元/人/天）",
      "培训人数【人次】",
      "培训人数（）",
    ]) {
      expect(normaliseIndicatorName(n), n).toBe(n.startsWith("人均") ? "人均费用" : "培训人数");
    }
    expect(normaliseIndicatorName("满意度（学员）")).not.toBe(normaliseIndicatorName("满意度（群众）"));
    expect(normaliseIndicatorName("满意度（学员）")).toBe("满意度学员");
  });

  it("keeps a long bracket (content, not a unit) and Latin letters lower-cased", () => {
    expect(normaliseIndicatorName("设备采购（含安装调试及人员培训）")).toBe("设备采购含安装调试及人员培训");
    expect(normaliseIndicatorName("ＧＰＳ覆盖率")).toBe("gps覆盖率");
  });

  it("gives an empty key for a name of numbering and punctuation only", () => {
    expect(normaliseIndicatorName(" 1、 。")).toBe("");
  });
});

describe("median", () => {
  it("is the middle value, or the exact mean of the two middle ones", () => {
    const odd = ["3", "1", "2"].map((t) => parseDecimal(t)!);
    expect(toDecimalString(median(odd))).toBe("2");
    const even = ["0.1", "0.2"].map((t) => parseDecimal(t)!);
    // 0.15 exactly (0.1 + 0.2 as floats would not be)
    expect(median(even)).toEqual(ratio(3n, 20n));
    expect(() => median([])).toThrow();
    expect(toDecimalString(median([fromInt(7)]))).toBe("7");
  });
});

describe("buildLibrary", () => {
  const usages = [
    use("培训人数", "≥100人", { year: 2023 }),
    use("培训人数（人）", "≥120人"),
    use("培训 人数", "≥90人", { year: 2025 }),
    use("培训人数", "≥150人"),
    use("培训人次", "≥300人次"),
    use("学员满意度", "≥95%", { level1: "满意度指标", level2: "服务对象满意度指标" }),
    use("学员满意度%", "≥90", { unit: "%", level1: "满意度指标", level2: "服务对象满意度指标" }),
    use("学员满意度", "≥0.1%", { level1: "满意度指标", level2: "服务对象满意度指标" }),
    use("学员满意度", "≥0.2%", { level1: "满意度指标", level2: "服务对象满意度指标" }),
    use("完成时限", "2024年12月31日前", { level2: "时效指标" }),
    use("完成时限", "2024年12月31日前", { level2: "时效指标" }),
    use("完成时限", "年内", { level2: "时效指标" }),
    use("、", "1"),
  ];
  const lib = buildLibrary(usages);
  const entry = (key: string) => lib.find((e) => e.key === key)!;

  it("groups usages by normalised name, most used first, and leaves empty keys out", () => {
    expect(lib.map((e) => [e.key, e.uses])).toEqual([
      ["培训人数", 4],
      ["学员满意度", 4],
      ["完成时限", 3],
      ["培训人次", 1],
    ]);
  });

  it("names an entry by its most written form and keeps every form with its count", () => {
    const e = entry("培训人数");
    expect(e.name).toBe("培训人数");
    expect(e.names).toEqual([
      { value: "培训人数", count: 2 },
      { value: "培训 人数", count: 1 },
      { value: "培训人数（人）", count: 1 },
    ]);
    expect(e.years).toEqual({ first: 2023, last: 2025 });
    expect(e.usages.map((u) => u.year)).toEqual([2025, 2024, 2024, 2023]);
  });

  it("gives the usual level 1 / level 2, forms and units", () => {
    const e = entry("学员满意度");
    expect(e.level1).toEqual([{ value: "满意度指标", count: 4 }]);
    expect(e.level2).toEqual([{ value: "服务对象满意度指标", count: 4 }]);
    expect(e.forms).toEqual([{ value: "≥", count: 4 }]);
    expect(e.units).toEqual([{ value: "%", count: 4 }]);
  });

  it("computes the median and range of numeric targets per unit, exactly", () => {
    expect(entry("培训人数").typical).toEqual([{ unit: "人", count: 4, median: "110", min: "90", max: "150" }]);
    // 0.1, 0.2, 90, 95 → (0.2 + 90) / 2 = 45.1, exact
    expect(entry("学员满意度").typical).toEqual([{ unit: "%", count: 4, median: "45.1", min: "0.1", max: "95" }]);
    expect(entry("培训人数").typicalTarget).toBe("≥110人");
  });

  it("takes the most frequent text as the typical target of a form without a number", () => {
    const e = entry("完成时限");
    expect(e.forms).toEqual([{ value: "时限", count: 3 }]);
    expect(e.typical).toEqual([]);
    expect(e.typicalTarget).toBe("2024年12月31日前");
  });
});

describe("suggestIndicators", () => {
  const lib = buildLibrary([
    use("培训人数", "≥100人"),
    use("培训人数", "≥100人"),
    use("培训人次", "≥300人次"),
    use("培训人次", "≥300人次"),
    use("培训人次", "≥300人次"),
    use("民警培训覆盖率", "≥95%"),
    use("人均培训天数", "≥5天"),
    use("培训", "完成"),
  ]);

  it("ranks by match (exact, prefix, contains, in order), then uses", () => {
    const s = suggestIndicators(lib, "培训");
    expect(s.map((x) => [x.name, x.match])).toEqual([
      ["培训", "exact"],
      ["培训人次", "prefix"],
      ["培训人数", "prefix"],
      ["人均培训天数", "contains"],
      ["民警培训覆盖率", "contains"],
    ]);
    expect(suggestIndicators(lib, "培人").map((x) => x.name)).toEqual(["培训人次", "培训人数"]);
  });

  it("normalises what is typed like the names (full width, spaces, a trailing unit)", () => {
    expect(suggestIndicators(lib, "１、培训 人数（人）")[0]).toMatchObject({
      name: "培训人数",
      match: "exact",
      level1: "产出指标",
      level2: "数量指标",
      unit: "人",
      typicalTarget: "≥100人",
      uses: 2,
    });
    expect(suggestIndicators(lib, "  ")).toEqual([]);
  });

  it("puts recommended entries first within a match and leaves not-allowed ones out unless asked", () => {
    const marks = new Map([
      ["培训人数", "recommended" as const],
      ["培训人次", "not_allowed" as const],
    ]);
    expect(suggestIndicators(lib, "培训人", { marks }).map((x) => [x.name, x.mark])).toEqual([
      ["培训人数", "recommended"],
    ]);
    expect(suggestIndicators(lib, "培训人", { marks, includeNotAllowed: true }).map((x) => x.name)).toEqual([
      "培训人数",
      "培训人次",
    ]);
    expect(suggestIndicators(lib, "培训", { limit: 2 })).toHaveLength(2);
  });
});
