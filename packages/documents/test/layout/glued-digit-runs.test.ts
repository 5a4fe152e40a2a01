/**
 * Run-together forms (a docx preview whose whole form is glued on one line, page marks cutting values) where digit
 * runs glued across cells must be cut by what the numbers say of each other, over generated forms:
 * - a rate printed under empty 预算数 / 执行数 cells (财政拨款103.21%) is the rate alone: an amount cut from its
 *   digits would leave a rate nothing checks;
 * - a funds row `预算数 执行数 执行率 得分(20分*执行率)` whose 执行率 header lost its closing bracket (执行率(B/A1):
 *   the amounts, the rate (executed ÷ budget) and the points (weight × rate) come back;
 * - a group's cell holding its 一级 name and points bare (管理指标30, a vertical label read out of order 出标产指25),
 *   its rows' 分值 and 得分 glued to the actual (100%100%44);
 * - values stating a change (签约率提高1%, 水电支出减少01万元) are one cell, a money unit stays with its number;
 * - a grid whose 一级 header was scrambled into a vertical label is read with its 一级 column put back.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recoverLayout } from "../../src/layout/index.ts";
import { nameArb } from "./generate.ts";

const grids = (text: string) =>
  recoverLayout(text, "g.txt").document.blocks.flatMap((b) =>
    b.type === "table" ? [b.table.rows.map((r) => r.map((c) => c.text))] : [],
  );
const allRows = (text: string) => grids(text).flat();

/** A decimal with up to two places (no trailing zero), as printed. */
const decimal = (cents: number) => {
  const whole = Math.floor(cents / 100);
  const frac = cents % 100;
  if (frac === 0) return String(whole);
  return `${whole}.${String(frac).padStart(2, "0").replace(/0$/, "")}`;
};

/** A 1–2 digit rate with up to two places (50 … 150 %), as printed. */
const rateArb = fc.integer({ min: 5000, max: 15000 }).map(decimal);

/** A number as printed: no leading zero but a lone one before the point, up to two places. */
const WELL_FORMED = /^(0|[1-9]\d*)(\.\d{1,2})?$/;

/**
 * Whether the digits of a rate also cut into budget | executed | rate with executed ÷ budget within a point of the
 * rate (the test's own oracle, by exhaustive cuts in floats: a plausibility check, no figure).
 */
function readsAsAmountsAndRate(digits: string): boolean {
  for (let i = 1; i < digits.length; i++)
    for (let j = i + 1; j < digits.length; j++) {
      const [b, e, r] = [digits.slice(0, i), digits.slice(i, j), digits.slice(j)];
      if (![b, e, r].every((x) => WELL_FORMED.test(x)) || Number(b) === 0) continue;
      if (Math.abs((Number(e) / Number(b)) * 100 - Number(r)) <= 1) return true;
    }
  return false;
}

const GRID =
  "一级指标二级指标三级指标年度指标值全年完成值分值得分产出指标数量指标巡逻次数≥300次312次1010质量指标群众回访率≥90%93%55";

describe("a rate glued after empty amount cells", () => {
  it("reads 财政拨款103.21% under empty 全年预算数 / 全年执行数 as the rate alone", () => {
    const text = `部门名称某卫生院整体支出规模全年预算数全年执行数执行率资金来源:(1)财政拨款103.21%资金结构:(1)基本支出103.21%${GRID}`;
    const rows = allRows(text);
    const r = rows.find((x) => x[0]!.includes("财政拨款"))!;
    expect(r.slice(1, 4)).toEqual(["", "", "103.21%"]);
  });

  it("any rate, any label: the rate comes back whole, no amount cut from it", () => {
    fc.assert(
      fc.property(rateArb, fc.constantFrom("财政拨款", "基本支出", "上年结转"), (rate, label) => {
        // digits that also read as a budget, an execution and their rate (50.12%: 5 | 0.1 | 2%) say nothing either
        // way: the text is ambiguous, left out
        fc.pre(!readsAsAmountsAndRate(rate));
        const text = `部门名称某镇卫生院整体支出规模全年预算数全年执行数执行率资金来源:(1)${label}${rate}%${GRID}`;
        const r = allRows(text).find((x) => x[0]!.includes(label));
        expect(r?.slice(1, 4)).toEqual(["", "", `${rate}%`]);
      }),
      { numRuns: 60 },
    );
  });
});

describe("a funds row whose rate header lost its closing bracket", () => {
  const funds = (budget: string, executed: string, rate: string, score: string) =>
    `项目名称某项目主管部门某局预算执行情况(万元)(20分)预算数(A)执行数(B)执行率(B/A1得分(20分*执行率)年度财政资金总额${budget}${executed}${rate}%${score}${GRID}`;

  it("reads 10001000100%20 as 1000 / 1000 / 100% / 20 under 执行率(B/A)", () => {
    const rows = allRows(funds("1000", "1000", "100", "20"));
    expect(rows.find((r) => r.includes("预算数(A)"))).toContain("执行率(B/A)");
    const r = rows.find((x) => x[0]!.includes("资金总额"))!;
    expect(r.slice(1, 5)).toEqual(["1000", "1000", "100%", "20"]);
  });

  it("any budget and execution: the amounts, the rate (executed ÷ budget) and the points (20 × rate) come back", () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 99999 }), fc.integer({ min: 50, max: 100 }), (budget, percent) => {
        // an execution that gives a whole rate: budget × percent / 100, whole
        fc.pre((budget * percent) % 100 === 0);
        const executed = (budget * percent) / 100;
        const score = decimal(20 * percent);
        const r = allRows(funds(String(budget), String(executed), String(percent), score)).find((x) =>
          x[0]!.includes("资金总额"),
        );
        expect(r?.slice(1, 5)).toEqual([String(budget), String(executed), `${percent}%`, score]);
      }),
      { numRuns: 60 },
    );
  });
});

/** A group's 一级 name, its characters in order or read out of order (a vertical label), and its points. */
const GROUPS = ["管理指标", "产出指标", "效果指标", "效益指标", "满意度指标"];
const groupArb = fc.record({
  name: fc.constantFrom(...GROUPS),
  order: fc.option(fc.array(fc.nat(), { minLength: 5, maxLength: 5 }), { nil: undefined }),
});
const printed = (g: { name: string; order?: number[] }) => {
  if (!g.order) return g.name;
  // the characters sorted by the random keys: a permutation of the name
  const order = g.order;
  return [...g.name]
    .map((c, i) => [c, order[i]!, i] as const)
    .sort((a, b) => a[1] - b[1] || a[2] - b[2])
    .map((x) => x[0])
    .join("");
};
const LEVEL2 = ["数量指标", "质量指标", "时效指标", "成本指标", "社会效益指标", "服务对象满意度指标"];
const pointsRowArb = fc.record({
  level2: fc.option(fc.constantFrom(...LEVEL2), { nil: undefined }),
  // (a name starting with a measure word after the points, 管理指标2件…, reads as a count: 2件)
  name: nameArb.filter(
    (n) => !/^[万亿千百元年月日时个人次种项分件户天条家所名台辆套本册场期批处亩平米公里吨座例份周岁倍]/.test(n),
  ),
  target: fc.integer({ min: 50, max: 100 }),
  actual: fc.integer({ min: 50, max: 100 }),
  weight: fc.integer({ min: 1, max: 15 }),
  lost: fc.integer({ min: 0, max: 15 }),
});

describe("groups whose 一级 name carries its points bare, rows whose 分值 and 得分 are glued", () => {
  const HEADER = "分解目标自评权重二级指标三级指标年度指标值全年完成值分值得分偏差及原因分析";

  it("reads 管理指标30 / 出标产指25 as the group's cell and 100%100%44 as 100% / 100% / 4 / 4", () => {
    const text = `部门名称某镇卫生院${HEADER}管理指标30预算编审管理完整、准确率100%100%44出标产指25数量指标门诊人次增加增372人次55`;
    expect(grids(text)[0]!.slice(-3)).toEqual([
      ["自评权重", "二级指标", "三级指标", "年度指标值", "全年完成值", "分值", "得分", "偏差及原因分析"],
      ["管理指标30", "", "预算编审管理完整、准确率", "100%", "100%", "4", "4", ""],
      ["出标产指25", "数量指标", "门诊人", "次增加增", "372人次", "5", "5", ""],
    ]);
  });

  it("any groups, points and rows: each row's 分值 and 得分 come back, the group's cell on its first row", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ group: groupArb, rows: fc.array(pointsRowArb, { minLength: 1, maxLength: 3 }) }), {
          minLength: 1,
          maxLength: 3,
        }),
        (groups) => {
          // (a group's level-2 names only where the group's first row names one, like merged cells)
          const want: string[][] = [];
          let text = `部门名称某镇卫生院${HEADER}`;
          for (const g of groups) {
            const points = g.rows.reduce((a, r) => a + r.weight, 0);
            const head = `${printed(g.group)}${points}`;
            g.rows.forEach((r, i) => {
              const score = Math.max(0, r.weight - r.lost);
              const level2 = r.level2 ?? "";
              text += `${i === 0 ? head : ""}${level2}${r.name}${r.target}%${r.actual}%${r.weight}${score}`;
              want.push([
                i === 0 ? head : "",
                level2,
                r.name,
                `${r.target}%`,
                `${r.actual}%`,
                String(r.weight),
                `${score}`,
              ]);
            });
          }
          const table = grids(text)[0]!;
          const at = table.findIndex((r) => r[0] === "自评权重");
          expect(table.slice(at + 1).map((r) => r.slice(0, 7))).toEqual(want);
        },
      ),
      { numRuns: 60 },
    );
  });
});

const CHANGE_WORDS = ["提高", "下降", "增加", "减少", "增长", "降低"];
const changeArb = fc.record({
  subject: fc.constantFrom("签约率", "体检率", "水电支出", "出警率", ""),
  word: fc.constantFrom(...CHANGE_WORDS),
  n: fc.oneof(
    fc.integer({ min: 1, max: 99 }).map(String),
    fc.integer({ min: 1, max: 999 }).map((x) => decimal(x)),
    // a lost decimal point, as printed (减少01万元)
    fc.integer({ min: 1, max: 9 }).map((x) => `0${x}`),
  ),
  unit: fc.constantFrom("%", "万元", "人次"),
});
const changeText = (c: { subject: string; word: string; n: string; unit: string }) =>
  `${c.subject}${c.word}${c.n}${c.unit}`;

describe("values stating a change, and money units, stay whole", () => {
  const HEADER = "一级指标二级指标三级指标年度指标值全年完成值分值得分";

  it("reads 签约率提高1%X体检率提高2% / 签约率提高1%体检率下降1% / 12 / 6 as one row, and 水电支出减少01万元", () => {
    const text = `${HEADER}效益指标社会效益指标公卫签约完成率签约率提高1%X体检率提高2%签约率提高1%体检率下降1%126生态效益指标节能降耗水电费有下降水电支出减少01万元1010`;
    const rows = grids(text)[0]!.slice(1);
    expect(rows.map((r) => r.slice(5))).toEqual([
      ["12", "6"],
      ["10", "10"],
    ]);
    expect(rows[0]![3]).toMatch(/签约率提高1%X体检率提高2%$/);
    expect(rows[0]![4]).toBe("签约率提高1%体检率下降1%");
    // (下降 before 水电支出 is no change — no number follows — so which cell its words go to, the text does not say)
    expect(rows[1]![4]).toMatch(/水电支出减少01万元$/);
  });

  it("any change as target and actual: the actual whole, the target ending with its change, the name before it", () => {
    fc.assert(
      fc.property(nameArb, changeArb, changeArb, fc.integer({ min: 1, max: 20 }), (name, target, actual, weight) => {
        fc.pre(actual.subject !== "");
        const t = changeText(target);
        const a = changeText(actual);
        const text = `${HEADER}产出指标数量指标${name}${t}${a}${weight}${weight}质量指标群众回访率≥90%93%55`;
        const row = grids(text)[0]![1]!;
        // where the name ends and the target's words start, the glued text does not say
        expect(row[2]! + row[3]!).toBe(name + t);
        expect(row[3]!.endsWith(`${target.word}${target.n}${target.unit}`)).toBe(true);
        expect(row.slice(4)).toEqual([a, String(weight), String(weight)]);
      }),
      { numRuns: 80 },
    );
  });

  it("keeps a money unit with its number: 每年财政补助1000万元1000万元1000万元10", () => {
    // (湖北's 财政项目绩效自评表: a 得分 column and no 分值)
    const text =
      "一级指标二级指标三级指标年初目标值实际完成值得分产出指标数量指标成本控制不超过预算不超过预算10成本指标每年财政补助1000万元1000万元1000万元10";
    expect(grids(text)[0]!.slice(1)).toEqual([
      ["产出指标", "数量指标", "成本控制", "不超过预算", "不超过预算", "10"],
      ["", "成本指标", "每年财政补助1000万元", "1000万元", "1000万元", "10"],
    ]);
  });

  it("keeps 人次 whole after its number (提高0.01人次|签约率…), but a framework name may start in 次数 (≥300次|数量指标)", () => {
    const a = `一级指标二级指标三级指标年度指标值全年完成值分值得分产出指标数量指标门诊服务门诊提高0.01人次签约率提高1%55`;
    const row = grids(a)[0]![1]!;
    // (where the name ends and the target's words start, the glued text does not say)
    expect(row[2]! + row[3]!).toBe("门诊服务门诊提高0.01人次");
    expect(row.slice(4)).toEqual(["签约率提高1%", "5", "5"]);
    const b = "一级指标二级指标三级指标指标值产出指标质量指标巡逻次数≥300次数量指标巡逻合格率≥95%";
    expect(grids(b)[0]!.slice(1)).toEqual([
      ["产出指标", "质量指标", "巡逻次数", "≥300次"],
      ["", "数量指标", "巡逻合格率", "≥95%"],
    ]);
  });

  it("any amount in the name, the target and the actual: each keeps its 万元 / 亿元", () => {
    fc.assert(
      fc.property(
        nameArb,
        fc.integer({ min: 1, max: 99999 }),
        fc.integer({ min: 1, max: 99999 }),
        fc.constantFrom("万元", "亿元"),
        fc.integer({ min: 1, max: 20 }),
        (name, n, m, unit, score) => {
          const text = `一级指标二级指标三级指标年初目标值实际完成值得分产出指标成本指标${name}${n}${unit}${n}${unit}${m}${unit}${score}质量指标群众回访率≥90%93%5`;
          const row = grids(text)[0]![1]!;
          expect(row.slice(2)).toEqual([`${name}${n}${unit}`, `${n}${unit}`, `${m}${unit}`, String(score)]);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("a grid whose 一级 header a vertical label scrambled", () => {
  const text = (rows: string) =>
    `预算执行情况(万元)(20分)预算数(A)执行数(B)执行率(B/A)得分(20分*执行率)年度财政资金总额10001000100%20度效标80> 年绩目1分级标 一指二级指标三级指标年初目标值(A)实际完成值(B)得分${rows}`;

  it("puts the 一级 column back before the 二级 one, with a note, when the rows hold 一级 names", () => {
    const t = text("产出 指标数量指标成本控制不超过预算不超过预算10效益 指标社会效益指标群众就医条件改善改善改善10");
    const table = grids(t)[0]!;
    const at = table.findIndex((r) => r.includes("二级指标"));
    expect(table.slice(at)).toEqual([
      ["一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"],
      ["产出 指标", "数量指标", "成本控制", "不超过预算", "不超过预算", "10"],
      ["效益 指标", "社会效益指标", "群众就医条件改善", "改善", "改善", "10"],
    ]);
    const notes = recoverLayout(t, "g.txt").document.notes ?? [];
    expect(notes.some((n) => n.text.zh.includes("一级指标"))).toBe(true);
  });

  it("any rows: each comes back under its columns, the 一级 name on its group's first row", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            level1: fc.constantFrom("产出指标", "效益指标", "产出 指标", "效益 指标"),
            level2: fc.constantFrom("数量指标", "质量指标", "社会效益指标"),
            name: nameArb,
            value: fc.integer({ min: 1, max: 999 }),
            unit: fc.constantFrom("个", "次", "%"),
            score: fc.integer({ min: 1, max: 20 }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        (rows) => {
          const cells = rows.map((r) => [
            r.level1,
            r.level2,
            r.name,
            `${r.value}${r.unit}`,
            `${r.value}${r.unit}`,
            `${r.score}`,
          ]);
          const table = grids(text(cells.map((c) => c.join("")).join("")))[0]!;
          const at = table.findIndex((r) => r.includes("二级指标"));
          expect(table.slice(at + 1)).toEqual(cells);
        },
      ),
      { numRuns: 60 },
    );
  });
});
