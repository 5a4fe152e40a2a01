/**
 * Every four-tier cell of seeds 000 and 001 with the structure expected from reading it (written by hand),
 * and every row's problems as checkTiers should report them.
 */
import { describe, expect, it } from "vitest";
import { parseTarget } from "../../src/targets/parse.ts";
import type { TargetValue } from "../../src/targets/types.ts";
import { checkTiers } from "../../src/tiers/check.ts";
import { parseTiers } from "../../src/tiers/parse.ts";
import type { TierProblemCode } from "../../src/tiers/types.ts";
import { seedTierRows } from "./seed-rows.ts";

type Expect = Partial<Omit<TargetValue, "text" | "note">>;
const u = (unit?: string) => (unit ? { unit } : {});
const ge = (value: number, unit?: string): Expect => ({ kind: "numeric", op: ">=", value, ...u(unit) });
const le = (value: number, unit?: string): Expect => ({ kind: "numeric", op: "<=", value, ...u(unit) });
const gt = (value: number, unit?: string): Expect => ({ kind: "numeric", op: ">", value, ...u(unit) });
const lt = (value: number, unit?: string): Expect => ({ kind: "numeric", op: "<", value, ...u(unit) });
const eq = (value: number, unit?: string): Expect => ({ kind: "numeric", op: "=", value, ...u(unit) });
const rg = (min: number, max: number, unit?: string): Expect => ({ kind: "range", min, max, ...u(unit) });
const fq = (value: number, period: TargetValue["period"]): Expect => ({ kind: "frequency", value, period, unit: "次" });
const words = (quality?: TargetValue["quality"]): Expect => ({ kind: "qualitative", ...(quality ? { quality } : {}) });

const ROWS = [...seedTierRows("000"), ...seedTierRows("001")];

/** Every distinct cell (trimmed) of the two seeds. */
const CELLS: Readonly<Record<string, Expect>> = {
  "": words(),
  "**": words(),
  "0%以上": ge(0, "%"),
  "0-2.25": rg(0, 2.25),
  "0.03": eq(0.03),
  "0.05": eq(0.05),
  "0.1": eq(0.1),
  "0.15": eq(0.15),
  "0.2": eq(0.2),
  "0.3‰": eq(0.3, "‰"),
  "0.4": eq(0.4),
  "0.4‰": eq(0.4, "‰"),
  "0.5": eq(0.5),
  "0.5‰": eq(0.5, "‰"),
  "0.5‰以上": ge(0.5, "‰"),
  "0.6": eq(0.6),
  "0.7": eq(0.7),
  "0.8": eq(0.8),
  "0.9": eq(0.9),
  "0个": eq(0, "个"),
  "0以上": ge(0),
  "1": eq(1),
  "1-2个": rg(1, 2, "个"),
  "10%": eq(10, "%"),
  "10%以下": le(10, "%"),
  "100%": eq(100, "%"),
  "1000人次以上": ge(1000, "人次"),
  "1000人次以下": le(1000, "人次"),
  "100处以上": ge(100, "处"),
  "100处以下": le(100, "处"),
  "100次": eq(100, "次"),
  "10人": eq(10, "人"),
  "10人以下": le(10, "人"),
  "15%": eq(15, "%"),
  "1500人次以上": ge(1500, "人次"),
  "150次": eq(150, "次"),
  "15人": eq(15, "人"),
  "15人次": eq(15, "人次"),
  "180次": eq(180, "次"),
  "1个": eq(1, "个"),
  "2-3个": rg(2, 3, "个"),
  "2.26-4.5": rg(2.26, 4.5),
  "20%": eq(20, "%"),
  "20%以上": ge(20, "%"),
  "20%以下": le(20, "%"),
  "2000人次以上": ge(2000, "人次"),
  "200处以上": ge(200, "处"),
  "200次": eq(200, "次"),
  "20人": eq(20, "人"),
  "20人次": eq(20, "人次"),
  "20篇以下": le(20, "篇"),
  "25人次": eq(25, "人次"),
  "2—3个": rg(2, 3, "个"),
  "2万人以上": ge(20000, "人"),
  "2万人以下": le(20000, "人"),
  "30": eq(30),
  "30%": eq(30, "%"),
  "30%以下": le(30, "%"),
  "30%（含）以上": ge(30, "%"),
  "300处以上": ge(300, "处"),
  "30个以上": ge(30, "个"),
  "30个以下": le(30, "个"),
  "30人次": eq(30, "人次"),
  "30篇": eq(30, "篇"),
  "35%": eq(35, "%"),
  "35%以下": le(35, "%"),
  "35人次": eq(35, "人次"),
  "35次以上": ge(35, "次"),
  "35次以下": le(35, "次"),
  "3万人以上": ge(30000, "人"),
  "3条": eq(3, "条"),
  "3条以下": le(3, "条"),
  "4.51-6.75": rg(4.51, 6.75),
  "40": eq(40),
  "40%": eq(40, "%"),
  "40%以下": le(40, "%"),
  "40%及以上": ge(40, "%"),
  "40%（含）以上": ge(40, "%"),
  "40个以上": ge(40, "个"),
  "40人次": eq(40, "人次"),
  "40次以上": ge(40, "次"),
  "40篇": eq(40, "篇"),
  "48次以上": ge(48, "次"),
  "4条": eq(4, "条"),
  "4条以下": le(4, "条"),
  "5%": eq(5, "%"),
  "5%以下": le(5, "%"),
  "50%": eq(50, "%"),
  "50%-60%": rg(50, 60, "%"),
  "50%-70%": rg(50, 70, "%"),
  "50%以上": ge(50, "%"),
  "50%以下": le(50, "%"),
  "50%及以上": ge(50, "%"),
  "50%（含）以上": ge(50, "%"),
  "50个以上": ge(50, "个"),
  "50篇": eq(50, "篇"),
  "55%": eq(55, "%"),
  "55%以下": le(55, "%"),
  "5万人以上": ge(50000, "人"),
  "5条": eq(5, "条"),
  "6.76-9": rg(6.76, 9),
  "60": eq(60),
  "60%": eq(60, "%"),
  "60%-80%": rg(60, 80, "%"),
  "60%以上": ge(60, "%"),
  "60%以下": le(60, "%"),
  "60%及以上": ge(60, "%"),
  "60以上%": ge(60, "%"),
  "65%": eq(65, "%"),
  "6条": eq(6, "条"),
  "70%": eq(70, "%"),
  "70%-80%": rg(70, 80, "%"),
  "70%-80％": rg(70, 80, "%"),
  "70%以下": le(70, "%"),
  "70%及以上": ge(70, "%"),
  "75%": eq(75, "%"),
  "75%以下": le(75, "%"),
  "80%": eq(80, "%"),
  "80%-90%": rg(80, 90, "%"),
  "80%以上": ge(80, "%"),
  "80%以下": le(80, "%"),
  "80%及以上": ge(80, "%"),
  "80起": eq(80, "起"),
  "85%": eq(85, "%"),
  "85%以上": ge(85, "%"),
  "85%以下": le(85, "%"),
  "86%": eq(86, "%"),
  "86%以下": le(86, "%"),
  "88%": eq(88, "%"),
  "9-7个月": rg(7, 9, "个月"),
  "90%": eq(90, "%"),
  "90%-100%": rg(90, 100, "%"),
  "90%以上": ge(90, "%"),
  "95%": eq(95, "%"),
  "95%以上": ge(95, "%"),
  "95%以下": le(95, "%"),
  "98%": eq(98, "%"),
  ">95%": gt(95, "%"),
  ">99.9%": gt(99.9, "%"),
  "≥80%": ge(80, "%"),
  "不足10%": lt(10, "%"),
  "不足10％": lt(10, "%"),
  "不足30%": lt(30, "%"),
  "不足30％": lt(30, "%"),
  "不足50%": lt(50, "%"),
  "不足60%": lt(60, "%"),
  "不足60％": lt(60, "%"),
  不高于千分之五: le(5, "‰"),
  交通拥堵持续时间三个红灯以上: { ...ge(3, "个"), label: "交通拥堵持续时间" },
  交通拥堵持续时间低于一个红灯: { ...lt(1, "个"), label: "交通拥堵持续时间" },
  交通拥堵持续时间低于两个红灯: { ...lt(2, "个"), label: "交通拥堵持续时间" },
  "低于10%": lt(10, "%"),
  "低于10％": lt(10, "%"),
  "低于50%": lt(50, "%"),
  "低于50％": lt(50, "%"),
  "低于60%": lt(60, "%"),
  "低于60％": lt(60, "%"),
  全年: words(),
  全部达到一等巡警中队数量占比: words("meets"),
  "同比例下降70%": { ...eq(70, "%"), label: "同比例下降" },
  无交通拥堵持续时间: words("none"),
  无常发拥堵路段数: words("none"),
  无行政复议: words("none"),
  每半年一次: fq(2, "year"),
  每季度一次: fq(1, "quarter"),
  每年1次: fq(1, "year"),
  每年2次: fq(2, "year"),
  每年3次: fq(3, "year"),
  每年4次: fq(4, "year"),
  每年一次: fq(1, "year"),
  每月一次: fq(1, "month"),
  "注册量3500辆以上，年检25000辆以上": {
    kind: "qualitative",
    parts: [
      { ...ge(3500, "辆"), label: "注册量" },
      { ...ge(25000, "辆"), label: "年检" },
    ] as TargetValue[],
  },
  "注册量3500辆以上，年检25000辆以下": {
    kind: "qualitative",
    parts: [
      { ...ge(3500, "辆"), label: "注册量" },
      { ...le(25000, "辆"), label: "年检" },
    ] as TargetValue[],
  },
  "注册量4000辆以上，年检30000辆以上": {
    kind: "qualitative",
    parts: [
      { ...ge(4000, "辆"), label: "注册量" },
      { ...ge(30000, "辆"), label: "年检" },
    ] as TargetValue[],
  },
  "注册量4500辆以上，年检36000辆以上": {
    kind: "qualitative",
    parts: [
      { ...ge(4500, "辆"), label: "注册量" },
      { ...ge(36000, "辆"), label: "年检" },
    ] as TargetValue[],
  },
  "达不到同比例下降70%": { ...lt(70, "%"), label: "同比例下降" },
  "降低30%": { ...eq(30, "%"), label: "降低" },
  "降低60％": { ...eq(60, "%"), label: "降低" },
  "降低不足30％": { ...lt(30, "%"), label: "降低" },
  驾驶员考试合格率上升幅度为零: { ...eq(0), label: "驾驶员考试合格率上升幅度" },
  驾驶员考试合格率负增长: { ...lt(0), label: "驾驶员考试合格率" },
  高于千分之五: gt(5, "‰"),
};

describe("every four-tier cell of seeds 000 and 001", () => {
  const seen = new Set(ROWS.flatMap((r) => r.cells.map((c) => c.trim())));

  it("the table covers every cell in the seeds, and only those", () => {
    expect([...seen].filter((c) => !(c in CELLS))).toEqual([]);
    expect(Object.keys(CELLS).filter((c) => !seen.has(c))).toEqual([]);
  });

  it.each(Object.entries(CELLS))("%s", (cell, e) => {
    const v = parseTarget(cell);
    expect(v).toMatchObject(e);
    for (const k of ["op", "value", "min", "max", "unit", "date", "period", "quality", "label"] as const) {
      if (!(k in e)) expect(v[k], `${cell}: ${k}`).toBeUndefined();
    }
  });
});

/** Expected problem codes per row pattern (优|良|中|差), written by reading each row. */
const PATTERNS: Readonly<Record<string, TierProblemCode[]>> = {
  "95%以上|90%以上|85%以上|85%以下": ["boundary_shared"],
  "注册量4500辆以上，年检36000辆以上|注册量4000辆以上，年检30000辆以上|注册量3500辆以上，年检25000辆以上|注册量3500辆以上，年检25000辆以下":
    ["boundary_shared", "gap", "identical"],
  "48次以上|40次以上|35次以上|35次以下": ["boundary_shared"],
  "**|**|**|**": ["placeholder"],
  "80%以上|70%|60%|60%以下": ["boundary_shared"],
  "85%|75%|65%|55%以下": ["gap"],
  "100%|80%|50%|50%以下": ["boundary_shared"],
  "70%|60%|50%|50%以下": ["boundary_shared"],
  "90%|80%|70%|60%以下": ["gap"],
  "80%|70%|60%|50%以下": ["gap"],
  "同比例下降70%|||达不到同比例下降70%": ["empty"],
  "50%（含）以上|40%（含）以上|30%（含）以上|30%以下": ["boundary_shared"],
  "50%|40%|30%|30%以下": ["boundary_shared"],
  "6条|5条|4条|4条以下": ["boundary_shared"],
  "80%及以上|60%及以上|40%及以上|40%以下": ["boundary_shared"],
  "90%|88%|86%|86%以下": ["boundary_shared"],
  "0.3‰|0.4‰|0.5‰|0.5‰以上": ["boundary_shared"],
  "95%|90%|80%|80%以下": ["boundary_shared"],
  "75%|55%|35%|35%以下": ["boundary_shared"],
  "90%|85%|75%|75%以下": ["boundary_shared"],
  "0-2.25|2.26-4.5|4.51-6.75|6.76-9": ["gap"],
  "5条|4条|3条|3条以下": ["boundary_shared"],
  "100%|90%|80%|80%": ["identical"],
  "不高于千分之五||高于千分之五|": ["empty"],
  "100%|90%|80%|80%以下": ["boundary_shared"],
  "90%|80%|60%|60%以下": ["boundary_shared"],
  "50%|30%|20%|20%以下": ["boundary_shared"],
  "90%|80%|70%|70%以下": ["boundary_shared"],
  "15%|10%|5%|5%以下": ["boundary_shared"],
  "100%|90%|80%|70%以下": ["gap"],
  "100%|90%|80%|70%": ["gap"],
  "70%|60%|50%|40%以下": ["gap"],
  "80起|60|40|30": ["gap", "mixed_units"],
  "98%|90%|80%|70%以下": ["gap"],
  "80%|60%|40%|20%以下": ["gap"],
  "100%|70%|50%|50%以下": ["boundary_shared"],
  "90%-100%|80%|70%|60%以下": ["gap"],
  "90%-100%|80%|50%|50%以下": ["boundary_shared"],
  "85%|70%|60%|60%以下": ["boundary_shared"],
  "95%|90%|85%|85%以下": ["boundary_shared"],
  "90%-100%|80%-90%|60%-80%|60%以下": ["boundary_shared"],
  "20%以上|15%|10%|10%以下": ["boundary_shared"],
  "50%以上|40%|30%|30%以下": ["boundary_shared"],
  // 每年1次 under 差 means "once or less"; between 1 and 2 a year there is no whole count
  "每年4次|每年3次|每年2次|每年1次": [],
  // 2 is in both 优 and 良. (4 and more read as 中 under the ladder: 中 “1个” means 1 or more.)
  "2—3个|1-2个|1个|0个": ["boundary_shared"],
  "全年|9-7个月||": ["empty", "unreadable"],
  "50篇|40篇|30篇|20篇以下": ["gap"],
  "100%|80%|60%|50%以下": ["gap"],
  "每月一次|每季度一次|每半年一次|每年一次": [],
  "100%|80%|60%|60%以下": ["boundary_shared"],
  "2-3个|1-2个|1个|0个": ["boundary_shared"],
  "|||": ["empty"],
  "1|0.8|0.6|60%以下": ["boundary_shared", "fraction_as_percent"],
  "200次|180次|150次|100次": ["gap"],
  "40人次|35人次|30人次|25人次": ["gap"],
  "30人次|25人次|20人次|15人次": ["gap"],
  "50个以上|40个以上|30个以上|30个以下": ["boundary_shared"],
  "5万人以上|3万人以上|2万人以上|2万人以下": ["boundary_shared"],
  "2000人次以上|1500人次以上|1000人次以上|1000人次以下": ["boundary_shared"],
  "300处以上|200处以上|100处以上|100处以下": ["boundary_shared"],
  "20人|15人|10人|10人以下": ["boundary_shared"],
  // 资助率: a rate, so the bare fractions are percentages; 差 0.4 = 40% or less, nothing for 40–60%
  "1|0.8|0.6|0.4": ["fraction_as_percent", "gap"],
  // 差 is 50% and above too: below 50% reaches no tier
  "80%及以上|70%及以上|60%及以上|50%及以上": ["gap"],
  ">99.9%|>99.9%|>95%|95%以下": ["identical"],
  "全部达到一等巡警中队数量占比|80%以上|50%-70%|低于50%": ["gap", "mixed_units"],
  "无常发拥堵路段数|降低60％|降低30%|降低不足30％": ["mixed_units"],
  "90%以上|80%以上|50%-60%|低于50%": ["gap"],
  "无交通拥堵持续时间|交通拥堵持续时间低于一个红灯|交通拥堵持续时间低于两个红灯|交通拥堵持续时间三个红灯以上": [
    "gap",
    "mixed_units",
  ],
  "0.2|0.15|0.1|不足10％": ["fraction_as_percent"],
  "1|0.8|0.5|低于50％": ["fraction_as_percent"],
  // 中 “0%以上” (probably 60%以上 mistyped) and 差 “低于50%” both hold 0–50%
  "1|80%以上|0%以上|低于50％": ["fraction_as_percent", "overlap"],
  "无行政复议|70%-80％|50%-70%|不足60％": ["boundary_shared", "gap", "mixed_units", "overlap"],
  "1|70%-80％|50%-70%|不足30％": ["boundary_shared", "fraction_as_percent", "gap"],
  "0.2|0.15|0.1|0.1": ["fraction_as_percent", "identical"],
  "0.2|0.15|0.1|低于10％": ["fraction_as_percent"],
  "0.9|0.7|0.5|低于50％": ["fraction_as_percent"],
  // 上升幅度 is not named as a rate and no cell has %: the fractions stay bare numbers
  "0.05|0.03|驾驶员考试合格率上升幅度为零|驾驶员考试合格率负增长": [],
  "1|80%以上|60以上%|低于60％": ["fraction_as_percent"],
  "0.9|0.8|0.6|低于60％": ["fraction_as_percent"],
  "1|0.8|0.6|低于60％": ["fraction_as_percent"],
  "全部达到一等巡警中队数量占比|≥80%|50%-70%|低于50%": ["gap", "mixed_units"],
  "0.2|0.15|0.1|不足10%": ["fraction_as_percent"],
  "1|0.8|0.5|不足50%": ["fraction_as_percent"],
  "1|80%以上|0以上|低于50%": ["fraction_as_percent", "overlap"],
  "无行政复议|70%-80%|50%-70%|不足60%": ["boundary_shared", "gap", "mixed_units", "overlap"],
  "1|70%-80%|50%-70%|不足30%": ["boundary_shared", "fraction_as_percent", "gap"],
  "1|0.8|0.5|低于50%": ["fraction_as_percent"],
  "0.2|0.15|0.1|低于10%": ["fraction_as_percent"],
  "0.9|0.7|0.5|低于50%": ["fraction_as_percent"],
  "1|80%以上|60%以上|低于60%": ["fraction_as_percent"],
  "0.9|0.8|0.6|低于60%": ["fraction_as_percent"],
};

/**
 * Rows whose reading depends on the indicator's name: seed 001 repeats the name 组织驾驶员考试数量覆盖率 (a rate)
 * on the 上升幅度 row, so its bare fractions read as percentages there.
 */
const BY_NAME: Readonly<Record<string, TierProblemCode[]>> = {
  "组织驾驶员考试数量覆盖率|0.05|0.03|驾驶员考试合格率上升幅度为零|驾驶员考试合格率负增长": ["fraction_as_percent"],
};

describe("every four-tier row of seeds 000 and 001: problems", () => {
  it("has 27 rows in seed 000 and 151 in seed 001, each with an expected pattern", () => {
    expect(ROWS.filter((r) => r.seed === "000")).toHaveLength(27);
    expect(ROWS.filter((r) => r.seed === "001")).toHaveLength(151);
    expect(ROWS.map((r) => r.cells.join("|")).filter((k) => !(k in PATTERNS))).toEqual([]);
  });

  it.each(ROWS.map((r, i) => [i, r.seed, r.indicator, r.cells.join(" / "), r] as const))(
    "row %i (seed %s) %s: %s",
    (_i, _seed, indicator, _cells, row) => {
      const [优, 良, 中, 差] = row.cells;
      const tiers = parseTiers({ 优, 良, 中, 差 }, { name: indicator });
      const codes = [...new Set(checkTiers(tiers).map((p) => p.code))].sort();
      const expected = BY_NAME[[indicator, ...row.cells].join("|")] ?? PATTERNS[row.cells.join("|")] ?? ["<missing>"];
      expect(codes).toEqual([...expected].sort());
    },
  );
});
