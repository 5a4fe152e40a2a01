/**
 * fieldsOfRow: rows of an indicator grid whose merged cells were left out (text copied from web pages and PDF)
 * are read by what each cell holds; rows that stand under their headers are read by position, unchanged.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { HeaderField } from "../../src/import/headers.ts";
import { cellKind, fieldsOfRow } from "../../src/import/row-fields.ts";

/** 一级 | 二级 | 三级 | 分值 | 年度指标值 | 全年实际值 | 得分 | 偏差原因 (the 萧县 order: points before the target). */
const XIAOXIAN = new Map<HeaderField, number>([
  ["level1", 0],
  ["level2", 1],
  ["name", 2],
  ["weight", 3],
  ["target", 4],
  ["actual", 5],
  ["score", 6],
  ["deviation", 7],
]);
/** 一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 (财预〔2020〕10号). */
const NATIONAL = new Map<HeaderField, number>([
  ["level1", 0],
  ["level2", 1],
  ["name", 2],
  ["target", 3],
  ["actual", 4],
  ["weight", 5],
  ["score", 6],
  ["deviation", 7],
]);

/** 年度绩效目标 (80分) | 一级 | 二级 | 三级 | 指标值 | 实际值 | 得分: a section column before the grid (隆阳, 黄石). */
const SECTIONED = new Map<HeaderField, number>([
  ["level1", 1],
  ["level2", 2],
  ["name", 3],
  ["target", 4],
  ["actual", 5],
  ["score", 6],
]);

const texts = (r: ReturnType<typeof fieldsOfRow>) =>
  Object.fromEntries([...r.fields].filter(([, v]) => v.text !== "").map(([k, v]) => [k, v.text]));

describe("cellKind", () => {
  it("tells names, numbers, values and framework names apart", () => {
    expect(cellKind("产 出 指 标 (50分)")).toBe("level1");
    expect(cellKind("数量指标")).toBe("level2");
    expect(cellKind("服务对象满意度指标")).toBe("level12");
    expect(cellKind("成本指标")).toBe("level12");
    expect(cellKind("满意度指标")).toBe("level1");
    expect(cellKind("10")).toBe("number");
    expect(cellKind("95%")).toBe("percent");
    expect(cellKind("≧20000亩")).toBe("value");
    expect(cellKind("29.5亩")).toBe("value");
    expect(cellKind("2024年12月30日前")).toBe("value");
    expect(cellKind("补助鱼塘面积")).toBe("text");
    expect(cellKind("指标1:资金是否全部纳入医保统筹")).toBe("text");
  });
});

describe("fieldsOfRow", () => {
  it("keeps a row that stands under its headers as it is", () => {
    const r = fieldsOfRow(["产出指标", "数量指标", "补助面积", "≥20亩", "29.5亩", "20", "20", ""], NATIONAL);
    expect(r.aligned).toBe(false);
    expect(texts(r)).toEqual({
      level1: "产出指标",
      level2: "数量指标",
      name: "补助面积",
      target: "≥20亩",
      actual: "29.5亩",
      weight: "20",
      score: "20",
    });
  });

  it("reads a row without its merged 一级 and 二级 by what each cell holds (萧县: points before the target)", () => {
    const r = fieldsOfRow(["★补助鱼塘面积", "10", "3亩", "3亩", "10", "", "", ""], XIAOXIAN);
    expect(r.aligned).toBe(true);
    expect(texts(r)).toEqual({ name: "★补助鱼塘面积", weight: "10", target: "3亩", actual: "3亩", score: "10" });
    expect(r.fields.get("name")!.column).toBe(0);
  });

  it("reads a sub-row with only name, target and actual", () => {
    const r = fieldsOfRow(["其中桃树种植面积", "1.5亩", "1.5亩", "", "", "", "", ""], XIAOXIAN);
    expect(texts(r)).toEqual({ name: "其中桃树种植面积", target: "1.5亩", actual: "1.5亩" });
  });

  it("reads a row that starts with its 二级 after a section column (隆阳: 年度绩效目标 (80分) | 一级 | …)", () => {
    const r = fieldsOfRow(["质量指标", "示范区配方肥到位率", "≧80%", "85.6%", "10.0", "", "", "", "", ""], SECTIONED);
    expect(r.aligned).toBe(true);
    expect(texts(r)).toEqual({
      level2: "质量指标",
      name: "示范区配方肥到位率",
      target: "≧80%",
      actual: "85.6%",
      score: "10.0",
    });
  });

  it("keeps the broken vertical 一级 of PDF text (`(30分)` under 一级) positional", () => {
    const r = fieldsOfRow(["", "(30分)", "社会效益指标", "服务辖区经济", "良好", "上级考核达标", "10"], SECTIONED);
    expect(r.aligned).toBe(false);
  });

  it("reads a row moved left past its merged 一级 and 二级 whose values are words (黄石: 良好 | 良好)", () => {
    const r = fieldsOfRow(["WIFI全覆盖,绿色环保", "良好", "良好", "", "", "", "", "", ""], SECTIONED);
    expect(r.aligned).toBe(true);
    expect(texts(r)).toEqual({ name: "WIFI全覆盖,绿色环保", target: "良好", actual: "良好" });
  });

  it("for any row under a section column that lost its merged 一级 and 二级, words as values, the fields come back", () => {
    const words = fc.constantFrom("良好", "达标", "公益性事业", "全天候", "有效提升", "符合要求");
    fc.assert(
      fc.property(
        fc.constantFrom("补助面积", "受益人口数量", "WIFI全覆盖,绿色环保", "群众满意度", "数字图书馆环境优良无污染"),
        words,
        words,
        fc.option(fc.integer({ min: 1, max: 30 }).map(String), { nil: "" }),
        fc.integer({ min: 0, max: 3 }),
        (n, target, actual, score, pad) => {
          const cells = [n, target, actual, score, ...Array.from({ length: pad + 3 }, () => "")];
          const r = fieldsOfRow(cells, SECTIONED);
          const want: Record<string, string> = { name: n, target, actual };
          if (score !== "") want.score = score;
          expect(texts(r)).toEqual(want);
        },
      ),
    );
  });

  const name = fc.constantFrom("补助面积", "受益人口数量", "项目按时完成率", "群众满意度", "设备验收合格率");
  const value = fc
    .tuple(
      fc.integer({ min: 1, max: 99_999 }),
      fc.constantFrom("亩", "人", "%", "个", "次"),
      fc.constantFrom("", "≥", "≤"),
    )
    .map(([n, u, op]) => `${op}${n}${u}`);
  const points = fc.integer({ min: 1, max: 30 }).map(String);

  it("for any indicator row, leaving out its leading merged cells and its empty trailing cells, the fields come back", () => {
    fc.assert(
      fc.property(
        name,
        value,
        value,
        points,
        points,
        fc.integer({ min: 0, max: 2 }),
        fc.constantFrom(NATIONAL, XIAOXIAN),
        (n, target, actual, weight, score, lead, cols) => {
          const full: Record<string, string> = {
            level1: "产出指标",
            level2: "数量指标",
            name: n,
            target,
            actual,
            weight,
            score,
            deviation: "",
          };
          const order = [...cols.entries()].sort((a, b) => a[1] - b[1]).map(([f]) => f);
          // a web page keeps the cells it has, from the first one written, and pads the end
          const kept = order.slice(lead).map((f) => full[f]!);
          while (kept.length < order.length) kept.push("");
          const r = fieldsOfRow(kept, cols);
          const got = texts(r);
          const want = Object.fromEntries(
            order
              .slice(lead)
              .filter((f) => full[f] !== "")
              .map((f) => [f, full[f]!]),
          );
          expect(got).toEqual(want);
        },
      ),
    );
  });
});

/** 绩效指标 | 一级 | 二级 | 三级 | 指标值 (| 单位): a vertical label column (绩效指标, a field of no data) before the grid. */
const LABELLED = (unit: boolean) =>
  new Map<HeaderField, number>([
    ["indicator", 0],
    ["level1", 1],
    ["level2", 2],
    ["name", 3],
    ["target", 4],
    ...(unit ? ([["unit", 5]] as [HeaderField, number][]) : []),
  ]);

describe("fieldsOfRow under a vertical label column", () => {
  it("reads a row whose name landed under the label column and its value under 指标值 (兵团: 指标3:… | | | | 1座)", () => {
    const r = fieldsOfRow(["指标3:新建消防水池数量", "", "", "", "1座", "", ""], LABELLED(false));
    expect(r.aligned).toBe(true);
    expect(texts(r)).toEqual({ name: "指标3:新建消防水池数量", target: "1座" });
  });

  it("for any short row placed anywhere right of the names column, name first, the fields come back", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("新建保鲜库面积", "受益人口数量", "设备验收合格率", "道路硬化长度"),
        fc.option(
          fc.integer({ min: 1, max: 9 }).map((k) => `指标${k}:`),
          { nil: "" },
        ),
        fc.tuple(fc.integer({ min: 1, max: 99_999 }), fc.constantFrom("座", "平方米", "%", "公里")),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 }),
        (n, prefix, [v, u], unit, pad) => {
          const cols = LABELLED(unit);
          const cells = [
            `${prefix}${n}`,
            "",
            "",
            "",
            `${v}${u}`,
            ...Array.from({ length: pad + (unit ? 1 : 0) }, () => ""),
          ];
          expect(texts(fieldsOfRow(cells, cols))).toEqual({ name: `${prefix}${n}`, target: `${v}${u}` });
        },
      ),
    );
  });

  it("keeps a row that stands under its headers, the label column empty, as it is", () => {
    const r = fieldsOfRow(["", "产出指标", "数量指标", "新建保鲜库数量", "1座"], LABELLED(false));
    expect(r.aligned).toBe(false);
  });
});

describe("a value under the names column and none under the values columns", () => {
  /** 一级 | 二级 | 三级 | 单位 | 指标值 (忠县's 区域绩效目标表: a 单位 column before the value), or without the 单位. */
  const UNIT_FIRST = (unit: boolean) =>
    new Map<HeaderField, number>([
      ["level1", 0],
      ["level2", 1],
      ["name", 2],
      ...(unit ? ([["unit", 3]] as const) : []),
      ["target", unit ? 4 : 3],
    ]);

  it("is a row moved left past its merged 一级 / 二级: name, unit and value come back", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("猪肉产量稳定率", "能繁母猪稳定率", "规模养殖场数量", "项目完成及时率"),
        fc.constantFrom("≥", "≤", "", "="),
        fc.integer({ min: 1, max: 9999 }),
        fc.constantFrom("%", "个", "头", "万吨"),
        fc.boolean(),
        fc.integer({ min: 0, max: 3 }),
        (name, op, n, u, unit, pad) => {
          const cells = [name, ...(unit ? [u] : []), `${op}${n}${u}`, ...Array.from({ length: pad + 2 }, () => "")];
          const r = fieldsOfRow(cells, UNIT_FIRST(unit));
          expect(r.aligned).toBe(true);
          expect(texts(r)).toEqual({ name, ...(unit ? { unit: u } : {}), target: `${op}${n}${u}` });
        },
      ),
    );
  });

  it("keeps a row standing under its headers as it is", () => {
    const r = fieldsOfRow(["产出指标", "数量指标", "猪肉产量稳定率", "%", "≥95%"], UNIT_FIRST(true));
    expect(r.aligned).toBe(false);
  });
});

describe("a row moved left past its merged cells onto the vertical label column, its value a sentence", () => {
  const level2 = fc.constantFrom(
    ["效益指标", "社会效益指标"],
    ["效益指标", "可持续影响指标"],
    ["效益指标", "经济效益指标"],
    ["产出指标", "数量指标"],
    ["产出指标", "时效指标"],
  );
  const name = fc.constantFrom(
    "非营利性民办园租房受益期限",
    "受益群众数量",
    "促进学前教育普及普惠优质发展",
    "项目完成时限",
  );
  // a target written as a sentence (a purpose or a result), which no value shape catches
  const sentence = fc
    .tuple(
      fc.constantFrom("保障疫情期间", "显著提升了", "有效促进", "进一步改善"),
      fc.constantFrom("非营利性民办园房租需求", "群众生活条件", "学前教育普及发展", "辖区环境"),
      fc.constantFrom("", "。", ",大力支持民办幼儿园发展"),
    )
    .map(([a, b, c]) => `${a}${b}${c}`);

  it("for any such row starting with its 一级 or its 二级, the 二级, name and value come back (宁河: 可持续影响指标 | …)", () => {
    fc.assert(
      fc.property(
        level2,
        name,
        sentence,
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 }),
        (l, n, s, withL1, unit, pad) => {
          const cols = LABELLED(unit);
          const lead = withL1 ? [l[0], l[1]] : [l[1]];
          const cells = [...lead, n, s];
          while (cells.length < cols.size + pad) cells.push("");
          const r = fieldsOfRow(cells, cols);
          expect(r.aligned).toBe(true);
          expect(texts(r)).toEqual({ ...(withL1 ? { level1: l[0] } : {}), level2: l[1], name: n, target: s });
        },
      ),
    );
  });

  it("keeps such a row standing under its headers as it is", () => {
    fc.assert(
      fc.property(level2, name, sentence, (l, n, s) => {
        expect(fieldsOfRow(["", l[0], l[1], n, s], LABELLED(false)).aligned).toBe(false);
        expect(fieldsOfRow(["", "", l[1], n, s], LABELLED(false)).aligned).toBe(false);
      }),
    );
  });

  it("keeps a group row whose vertical 一级 arrives broken (效益指 | 社会效益指标) as it is", () => {
    expect(fieldsOfRow(["", "效益指", "社会效益指标", "", ""], LABELLED(false)).aligned).toBe(false);
  });
});

describe("a group row whose 一级 / 二级 landed under the vertical label column", () => {
  it("for any framework name alone under the label column, it is read as its level (萧县: 质量指标 | | |)", () => {
    const names = fc.constantFrom(
      ["level2", "质量指标"],
      ["level2", "社会效益指标"],
      ["level1", "产出指标"],
      ["level1", "效益指标"],
    );
    fc.assert(
      fc.property(names, fc.boolean(), fc.integer({ min: 0, max: 3 }), ([level, text], unit, pad) => {
        const cells = [text, ...Array.from({ length: (unit ? 5 : 4) + pad }, () => "")];
        const r = fieldsOfRow(cells, LABELLED(unit));
        expect(texts(r)).toEqual({ [level]: text });
      }),
    );
  });
});
