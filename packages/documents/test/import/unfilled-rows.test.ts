/**
 * A goal grid with template rows nobody filled (a zero where the 三级 name goes, zeros for its values: 重庆 奉节
 * 审批表's 成本 rows `经济成本指标 | 0 | 0.00% | 0 | 反映…`) and 一级 rows alone on their line with the band of points
 * the group may take (`产出指标 (40-50)分`), standing under any column once the merged cells were lost: generated
 * grids in pipe rows. Only the filled rows are indicators, each under the 一级 its group row names; a band is no
 * points.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { isUnfilledRow, loneLevel1 } from "../../src/import/unfilled-rows.ts";
import { readExtractedText } from "../../src/text/index.ts";

const WIDTH = 7;
const row = (cells: string[]) => `${[...cells, ...Array(Math.max(0, WIDTH - cells.length)).fill("")].join(" | ")} |`;

function form(body: string[][]): string {
  return [
    row(["财政项目支出绩效目标审批表"]),
    row(["( 2023年度)"]),
    row(["预算单位:", "某县应急管理局", "金额单位:万元"]),
    row(["项目名称", "安全生产专项督查工作经费", "项目分类", "运转类"]),
    row(["当年年度预算", "100"]),
    row(["年度绩效目标(90分)", "一级指标", "二级指标", "三级指标", "指标值", "分值", "指标解释"]),
    ...body.map(row),
  ].join("\n");
}

const read = (text: string) => importDocument(readExtractedText(text, "goal.txt")).document.projects[0]!;

const BANDS = ["(40-50)分", " (0-20)分", "(0-20分)", "（30-40）分", ""];
const ZERO_NAMES = ["0", "0.00", "-", "/"];
const ZERO_VALUES = ["0.00%", "0", "", "-"];

interface Filled {
  name: string;
  value: string;
  weight: number;
}

const filledRow = fc.record({
  name: fc.constantFrom("举报奖励次数", "宣传资料份数", "督查覆盖率", "群众满意度", "隐患整改率"),
  value: fc.constantFrom("≥5次", "≥500份", "100%", "≥90%", "达标"),
  weight: fc.integer({ min: 1, max: 20 }),
});

const group = fc.record({
  level1: fc.constantFrom("产出指标", "效益指标", "满意度指标"),
  level2: fc.constantFrom("数量指标", "质量指标", "社会效益指标", "服务对象满意度指标"),
  band: fc.constantFrom(...BANDS),
  // the column the lone 一级 row's cell stands under (1: the 一级 column itself)
  loneColumn: fc.integer({ min: 1, max: WIDTH - 1 }),
  lone: fc.boolean(),
  rows: fc.array(filledRow, { minLength: 1, maxLength: 3 }),
});

const unfilled = fc.record({
  level2: fc.constantFrom("经济成本指标", "社会成本指标", "生态环境成本指标"),
  name: fc.constantFrom(...ZERO_NAMES),
  value: fc.constantFrom(...ZERO_VALUES),
  weight: fc.constantFrom("0", ""),
  note: fc.constantFrom("反映实施相关项目所产生的直接经济成本", ""),
});

describe("unfilled template rows and lone 一级 rows of a goal grid", () => {
  it("reads the 奉节 grid: three unfilled 成本 rows, then 产出指标 (40-50)分 under 三级, one indicator", () => {
    const p = read(
      form([
        ["成本指标(0-20)分", "经济成本指标", "0", "0.00%", "0", "反映实施相关项目所产生的直接经济成本"],
        ["社会成本指标", "0", "0.00%", "0", "反映实施相关项目对社会发展可能造成的负面影响"],
        ["", "", "", "产出指标 (40-50)分"],
        ["数量指标", "", "12350安全生产举报奖励次数", "≥5次", "10", "0"],
      ]),
    );
    expect(p.indicators.map((i) => i.name)).toEqual(["12350安全生产举报奖励次数"]);
    expect(p.indicators[0]!.level1).toBe("产出指标");
    expect(p.indicators[0]!.weight?.value).toBe("10");
  });

  it("knows an unfilled row and a lone 一级 by their cells", () => {
    expect(isUnfilledRow("0", ["0.00%", "0", ""])).toBe(true);
    expect(isUnfilledRow("0", ["≥5次", "10"])).toBe(false);
    expect(isUnfilledRow("举报次数", ["0", "0"])).toBe(false);
    expect(loneLevel1(["", "", "产出指标 (40-50)分", ""])).toEqual({ level1: "产出指标", text: "产出指标 (40-50)分" });
    expect(loneLevel1(["效益指标(30分)"])?.points).toBe("30");
    // 成本指标 is also a 二级 of the older framework; a 二级 or an indicator's name is no lone 一级
    expect(loneLevel1(["成本指标(0-20)分"])).toBeUndefined();
    expect(loneLevel1(["数量指标"])).toBeUndefined();
    expect(loneLevel1(["产出指标", "≥5次"])).toBeUndefined();
  });

  it("for any grid of filled groups and unfilled rows, only the filled rows are indicators, each under its 一级", () => {
    fc.assert(
      fc.property(
        fc.array(unfilled, { minLength: 0, maxLength: 3 }),
        fc.array(group, { minLength: 1, maxLength: 3 }),
        (blank, groups) => {
          const body: string[][] = [];
          for (const [k, u] of blank.entries())
            body.push([k === 0 ? "成本指标(0-20)分" : "", u.level2, u.name, u.value, u.weight, u.note]);
          const expected: { name: string; level1: string }[] = [];
          let weights = 0;
          for (const g of groups) {
            const head = `${g.level1}${g.band}`;
            if (g.lone) {
              const cells = Array<string>(WIDTH).fill("");
              cells[g.loneColumn] = head;
              body.push(cells);
            }
            g.rows.forEach((r: Filled, k: number) => {
              const l1 = !g.lone && k === 0 ? head : "";
              body.push(["", l1, k === 0 ? g.level2 : "", r.name, r.value, String(r.weight), "说明"]);
              expected.push({ name: r.name, level1: g.level1 });
              weights += r.weight;
            });
          }
          const p = read(form(body));
          expect(p.indicators.map((i) => ({ name: i.name, level1: i.level1 }))).toEqual(expected);
          const sum = p.indicators.reduce((a, i) => a + Number(i.weight?.value ?? 0), 0);
          expect(sum).toBe(weights);
        },
      ),
      { numRuns: 80 },
    );
  });
});
