/**
 * A goal grid whose name column (指标内容, 三级指标, 指标名称) holds bare numbers glued to the value after them
 * (`数量指标88100` = 数量指标 | 88 | 100): the rows together say where to cut (layout/number-names.ts), and the
 * import reads each row as an indicator named by its number (import/row-fields.ts).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { fieldsOfRow } from "../../src/import/row-fields.ts";
import { splitNumberNames } from "../../src/layout/number-names.ts";
import { readExtractedText } from "../../src/text/index.ts";

const FIELDS = ["level1", "level2", "name", "target", "note"] as const;
const LEVELS: [string, string][] = [
  ["产出指标", "数量指标"],
  ["产出指标", "质量指标"],
  ["产出指标", "时效指标"],
  ["效益指标", "社会效益指标"],
  ["效益指标", "生态效益指标"],
  ["满意度指标", "服务对象满意度指标"],
];

describe("splitNumberNames", () => {
  it("cuts at the value every row shares, the names differing in their last digit", () => {
    const rows = [
      ["产出指标", "数量指标", "", "88100", ""],
      ["", "质量指标", "", "68100", ""],
      ["效益指标", "生态效益指标", "", "20100年", ""],
    ];
    expect(splitNumberNames(rows, FIELDS)).toBe(true);
    expect(rows.map((r) => [r[2], r[3]])).toEqual([
      ["88", "100"],
      ["68", "100"],
      ["20", "100年"],
    ]);
  });

  it("takes no ending that starts with 0 (10 | 5 and 20 | 5 share 05)", () => {
    const rows = [
      ["", "数量指标", "", "105", ""],
      ["", "质量指标", "", "205", ""],
    ];
    expect(splitNumberNames(rows, FIELDS)).toBe(true);
    expect(rows.map((r) => [r[2], r[3]])).toEqual([
      ["10", "5"],
      ["20", "5"],
    ]);
  });

  it("cuts nothing without evidence: one run repeated, a row with a name, a value that is no digit run", () => {
    const same = [
      ["", "数量指标", "", "88100", ""],
      ["", "质量指标", "", "88100", ""],
    ];
    expect(splitNumberNames(same, FIELDS)).toBe(false);
    const named = [
      ["", "数量指标", "巡逻次数", "300", ""],
      ["", "质量指标", "", "68100", ""],
    ];
    expect(splitNumberNames(named, FIELDS)).toBe(false);
    const worded = [
      ["", "数量指标", "", "≥300次", ""],
      ["", "质量指标", "", "68100", ""],
    ];
    expect(splitNumberNames(worded, FIELDS)).toBe(false);
    // no name column right before the value column
    expect(splitNumberNames([["", "数量指标", "", "88100", ""]], ["level1", "level2", "note", "target", "name"])).toBe(
      false,
    );
  });

  it("finds for every generated grid the names and the value it was glued from", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 999 }), { minLength: 2, maxLength: 9 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.constantFrom("", "%", "分"),
        (names, value, unit) => {
          // the cut is certain when the names do not all end in the same digit
          fc.pre(new Set(names.map((n) => n % 10)).size >= 2);
          const rows = names.map((n, i) => ["", LEVELS[i % LEVELS.length]![1], "", `${n}${value}${unit}`, ""]);
          expect(splitNumberNames(rows, FIELDS)).toBe(true);
          expect(rows.map((r) => [r[2], r[3]])).toEqual(names.map((n) => [String(n), `${value}${unit}`]));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("a bare number under the names column, between a 二级 and a value", () => {
  const columns = new Map(FIELDS.map((f, i) => [f, i] as const));
  it("stays where it is (no realignment)", () => {
    const r = fieldsOfRow(["", "数量指标", "88", "100", ""], columns);
    expect(r.aligned).toBe(false);
    expect(r.fields.get("name")?.text).toBe("88");
    expect(r.fields.get("target")?.text).toBe("100");
  });
  it("is still a moved row when no 二级 stands before it", () => {
    expect(fieldsOfRow(["", "", "88", "100", ""], columns).aligned).toBe(true);
  });
});

describe("run-together goal forms whose names are numbers glued to their values", () => {
  it("reads every row as an indicator, whatever the names header and the caption before it", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("指标内容", "三级指标", "指标名称"),
        fc.constantFrom("", "长期绩效指标", "年度绩效指标"),
        fc.array(fc.integer({ min: 1, max: 99 }), { minLength: 2, maxLength: 8 }),
        fc.integer({ min: 1, max: 100 }),
        (nameHeader, caption, names, value) => {
          fc.pre(new Set(names.map((n) => n % 10)).size >= 2);
          let level1 = "";
          const glued = names
            .map((n, i) => {
              const [l1, l2] = LEVELS[i % LEVELS.length]!;
              const head = l1 === level1 ? "" : l1;
              level1 = l1;
              return `${head}${l2}${n}${value}`;
            })
            .join("");
          const text = `项目绩效目标表(2021年度)项目名称村道修缮工程主管部门某镇人民政府${caption}一级指标二级指标${nameHeader}指标值备注${glued}`;
          const p = importDocument(readExtractedText(text, "g.txt")).document.projects[0]!;
          expect(p.name).toBe("村道修缮工程");
          expect(p.indicators.map((i) => [i.level2, i.name, i.target?.text])).toEqual(
            names.map((n, i) => [LEVELS[i % LEVELS.length]![1], String(n), String(value)]),
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("goal forms in `|` rows whose names are numbers", () => {
  it("reads every row as an indicator named by its number (the cells already apart)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("指标内容", "三级指标", "指标名称"),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 999 }), fc.constantFrom("100", "≥95%", "90", "1项")), {
          minLength: 1,
          maxLength: 8,
        }),
        (nameHeader, rows) => {
          let level1 = "";
          const lines = rows.map(([n, v], i) => {
            const [l1, l2] = LEVELS[i % LEVELS.length]!;
            const head = l1 === level1 ? "" : l1;
            level1 = l1;
            return `| ${head} | ${l2} | ${n} | ${v} | |`;
          });
          const text = [
            "项目绩效目标表",
            "| 项目名称 | 村道修缮工程 | | | |",
            "| 主管部门 | 某镇人民政府 | | | |",
            `| 一级指标 | 二级指标 | ${nameHeader} | 指标值 | 备注 |`,
            ...lines,
          ].join("\n");
          const p = importDocument(readExtractedText(text, "g.txt")).document.projects[0]!;
          expect(p.indicators.map((i) => [i.level2, i.name, i.target?.text])).toEqual(
            rows.map(([n, v], i) => [LEVELS[i % LEVELS.length]![1], String(n), v]),
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});
