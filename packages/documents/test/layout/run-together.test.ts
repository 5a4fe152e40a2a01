/**
 * Run-together text (a converted or scanned form, cells glued without separators): hand-checked cases. The random
 * tables of every shape rendered run-together are in forms.test.ts; these check what the generator does not make:
 * a preview's page marks falling inside a number, digits glued across number columns that only the row's own
 * arithmetic can split, labels glued to their values, and a row cut off by the end of the text.
 */
import { describe, expect, it } from "vitest";
import { recoverLayout } from "../../src/layout/index.ts";

const grids = (text: string) =>
  recoverLayout(text, "r.txt").document.blocks.flatMap((b) =>
    b.type === "table" ? [b.table.rows.map((r) => r.map((c) => c.text))] : [],
  );

describe("run-together text", () => {
  it("reads labels, a funds row split by its arithmetic, and a grid whose number a page mark cut", () => {
    // 年初预算数 86.4, 全年执行数 43.25: 43.25 ÷ 86.4 = 50.06% is the stated 50%, and 分值 10 × 50% = 得分 5;
    // the other cuts of 86.443.25 (86.44 / 3.25: 3.76%) do not give the rate. The page mark `2、` falls inside 8.5.
    // (执行率(B/A)得分 as printed: a bare 执行率得分 glued is read as Chongqing's one column of that name.)
    const text = [
      "1、项目支出绩效自评表(2023年度)项目名称社区巡逻经费主管部门某区公安分局实施单位:某派出所项目资金(万元)年初预算数(A)全年执行数(B)分值执行率(B/A)得分年度资金总额:86.443.251050%5",
      "绩效指标一级指标二级指标三级指标分值年度指标值实际完成值得分产出指标(50分)数量指标巡逻次数10≥300次312次10质量指标群众回访率10≥90%93%8",
      "2、.5",
    ].join("\n");
    expect(grids(text)).toEqual([
      [
        ["项目名称", "社区巡逻经费", "", "", "", "", "", ""],
        ["主管部门", "某区公安分局", "", "", "", "", "", ""],
        ["实施单位", "某派出所", "", "", "", "", "", ""],
        ["项目资金(万元)", "年初预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分", "", ""],
        ["年度资金总额:", "86.4", "43.25", "10", "50%", "5", "", ""],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分"],
        ["", "产出指标(50分)", "数量指标", "巡逻次数", "10", "≥300次", "312次", "10"],
        ["", "", "质量指标", "群众回访率", "10", "≥90%", "93%", "8.5"],
      ],
    ]);
  });

  it("places the points under a header OCR printed out of order (考值参分 for 参考分值)", () => {
    const text =
      "一级指标二级指标三级指标考值参分指标值实际值得分产出指标数量指标巡逻次数10≥300次312次9质量指标群众回访率5≥90%93%5";
    expect(grids(text)).toEqual([
      [
        ["一级指标", "二级指标", "三级指标", "考值参分", "指标值", "实际值", "得分"],
        ["产出指标", "数量指标", "巡逻次数", "10", "≥300次", "312次", "9"],
        ["", "质量指标", "群众回访率", "5", "≥90%", "93%", "5"],
      ],
    ]);
  });

  it("splits a score glued to its weight (1010, 55) and keeps 是 / 否 under a 是否… column", () => {
    const text =
      "指标名称计量单位年初指标值全年完成值指标权重指标得分是否核心指标出警次数次2200次2859次1010是办案合格率%95%97%55否";
    expect(grids(text)).toEqual([
      [
        ["指标名称", "计量单位", "年初指标值", "全年完成值", "指标权重", "指标得分", "是否核心指标"],
        ["出警次数", "次", "2200次", "2859次", "10", "10", "是"],
        ["办案合格率", "%", "95%", "97%", "5", "5", "否"],
      ],
    ]);
  });

  it("leaves out a last row cut by the end of the text, with a note, and keeps the rows before it", () => {
    const text =
      "一级指标二级指标三级指标分值年度指标值实际完成值得分产出指标数量指标巡逻次数10≥300次312次10质量指标群众回";
    const { document } = recoverLayout(text, "r.txt");
    expect(grids(text)).toEqual([
      [
        ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分"],
        ["产出指标", "数量指标", "巡逻次数", "10", "≥300次", "312次", "10"],
      ],
    ]);
    expect(document.notes?.some((n) => n.text.zh.includes("质量指标群众回"))).toBe(true);
  });

  it("reads a long glued table whole (its data cut in chunks, a row across a chunk's end read again)", () => {
    const rows = [
      ["产出指标", "数量指标", "巡逻次数", "10", "≥300次", "312次", "10"],
      ["", "质量指标", "群众回访率", "10", "≥90%", "93%", "8.5"],
    ];
    const header = ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分"];
    const many = Array.from({ length: 300 }, (_, i) => rows[i % 2]!);
    const text = [header, ...many].map((r) => r.join("")).join("");
    expect(grids(text)).toEqual([[header, ...many]]);
  });

  it("reads a converted form whose header cells wrapped, its rows numbered 指标1: and its funds in whole numbers", () => {
    // 实施单位 glued to its value before the funds caption: the header starts at 年初预算数, not at 单位; 执行率得分
    // with no rate column before it is 执行率 + 得分; the whole-number amounts 303010100% cut by the row's
    // arithmetic (30 ÷ 30 = 100%); 指标1: / 指标2: left empty are the form's numbering, no cells.
    const text = [
      "1、项目名称演出设备更新经费主管部门某区剧团实施单位某区文化和旅游局项目资金 (万元)年初预算数全年预算数全年执行数分值执行率得分年度资金总额303010100%",
      "绩效指标一级指标二级指标三级指标年度 指标值实际 完成值分 值得 分偏差原因分析 及改进措施产出指标数量指标更新音响设备50件50件2020指标2:效益指标经济效益 指标指标1:指标2:满意度 指标服务对象 满意度指 标演员满意度100%100%2018",
    ].join("\n");
    expect(grids(text)).toEqual([
      [
        ["项目名称", "演出设备更新经费", "", "", "", "", "", "", ""],
        ["主管部门", "某区剧团", "", "", "", "", "", "", ""],
        ["实施单位", "某区文化和旅游局", "", "", "", "", "", "", ""],
        ["项目资金 (万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "", ""],
        ["年度资金总额", "", "30", "30", "10", "100%", "", "", ""],
        [
          "绩效指标",
          "一级指标",
          "二级指标",
          "三级指标",
          "年度指标值",
          "实际完成值",
          "分值",
          "得分",
          "偏差原因分析及改进措施",
        ],
        ["", "产出指标", "数量指标", "更新音响设备", "50件", "50件", "20", "20", ""],
        ["", "效益指标", "经济效益 指标", "", "", "", "", "", ""],
        ["", "满意度 指标", "服务对象 满意度指 标", "演员满意度", "100%", "100%", "20", "18", ""],
      ],
    ]);
  });

  it("reads no table in prose that names columns without gluing them", () => {
    const text = "本年度预算数和执行数均已公开，执行率较高。\n指标值与实际完成值的差异见下文，得分情况另附。";
    expect(grids(text)).toEqual([]);
  });
  it("keeps a 二级 group the form left empty, and ends the rows at the total and the form's notes", () => {
    // 经济效益指标 has no indicator under it: the next framework name follows at once. The total glues its points
    // and its score (总分100100); the notes after it (注:1.…) are no row of the grid.
    const text =
      "一级指标二级指标三级指标分值年度指标值全年实际值得分产出指标(60分)数量指标巡逻次数30≥300次312次30" +
      "质量指标办案合格率30≥95%97%30效益指标(30分)经济效益指标社会效益指标群众安全感30≥90%92%30" +
      "满意度指标(10分)服务对象满意度指标群众满意度10≥90%95%10……总分100100注:1.一级指标分值统一设置为产出指标50分";
    expect(grids(text)).toEqual([
      [
        ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "全年实际值", "得分"],
        ["产出指标(60分)", "数量指标", "巡逻次数", "30", "≥300次", "312次", "30"],
        ["", "质量指标", "办案合格率", "30", "≥95%", "97%", "30"],
        ["效益指标(30分)", "经济效益指标", "", "", "", "", ""],
        ["", "社会效益指标", "群众安全感", "30", "≥90%", "92%", "30"],
        ["满意度指标(10分)", "服务对象满意度指标", "群众满意度", "10", "≥90%", "95%", "10"],
        ["总分", "100100", "", "", "", "", ""],
        ["注:1.一级指标分值统一设置为产出指标50分", "", "", "", "", "", ""],
      ],
    ]);
  });
});
