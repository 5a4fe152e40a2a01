/** Recognisers on crafted inputs: layouts no seed shows, bad content, and the never-throw promise. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument, recogniseKinds } from "../../src/import/index.ts";
import type { Block, SourceDocument } from "../../src/model/table.ts";
import { readPastedTsv } from "../../src/read/paste.ts";
import { readExtractedText, readPdfText, readWordText } from "../../src/text/index.ts";

const word = (rows: string[][], before: string[] = []) =>
  [...before, rows.map((r) => r.map((c) => `\t${c}`).join("\n")).join("\n\n")].join("\n");
const pdf = (rows: string[][], before: string[] = []) => [...before, ...rows.map((r) => r.join("\t"))].join("\n");

describe("project self-evaluation (national 项目支出绩效自评表)", () => {
  const rows = [
    ["项目名称", "道路监控运维", "", "", "", "", "", "", ""],
    ["主管部门", "某市公安局", "", "", "实施单位", "某交警支队", "", "", ""],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
    ["", "年度资金总额", "100.00", "120.00", "108.00", "10", "90%", "9", ""],
    ["", "其中：当年财政拨款", "100.00", "120.00", "108.00", "—", "", "—", ""],
    ["", "上年结转资金", "", "", "", "—", "", "—", ""],
    ["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", "", ""],
    ["", "保障监控设备正常运行", "", "", "设备在线率 97%", "", "", "", ""],
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
    ["", "产出指标", "数量指标", "维护点位数", "≥300个", "320个", "25", "25", ""],
    ["", "", "质量指标", "设备在线率", "≥98%", "97%", "25", "24", "部分设备老化"],
    ["", "效益指标", "社会效益指标", "案件破获支撑", "明显提高", "明显提高", "30", "28", ""],
    ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", "10", "10", ""],
    ["总分", "", "", "", "", "", "100", "96", ""],
  ];
  for (const [form, text] of [
    ["pdf-text", pdf(rows, ["项目支出绩效自评表"])],
    ["word-text", word(rows, ["项目支出绩效自评表"])],
  ] as const) {
    it(`reads funds, goals, indicators and the total (${form})`, () => {
      const doc = form === "pdf-text" ? readPdfText(text, "p.txt") : readWordText(text, "p.txt");
      const r = importDocument(doc);
      expect(r.kind).toBe("project-self-evaluation");
      const [p] = r.document.projectSelfEvaluations;
      expect(p!.name).toBe("道路监控运维");
      expect(p!.department).toBe("某市公安局");
      expect(p!.implementer).toBe("某交警支队");
      expect(p!.funds.map((f) => [f.label, f.initial?.text, f.budget?.text, f.executed?.text, f.score?.text])).toEqual([
        ["年度资金总额", "100.00", "120.00", "108.00", "9"],
        ["其中：当年财政拨款", "100.00", "120.00", "108.00", undefined],
        ["上年结转资金", undefined, undefined, undefined, undefined],
      ]);
      expect(p!.expectedGoal).toBe("保障监控设备正常运行");
      expect(p!.actualOutcome).toBe("设备在线率 97%");
      expect(
        p!.indicators.map((i) => [
          i.level1,
          i.level2,
          i.name,
          i.target?.text,
          i.actual?.text,
          i.weight?.value,
          i.score?.value,
        ]),
      ).toEqual([
        ["产出指标", "数量指标", "维护点位数", "≥300个", "320个", "25", "25"],
        ["产出指标", "质量指标", "设备在线率", "≥98%", "97%", "25", "24"],
        ["效益指标", "社会效益指标", "案件破获支撑", "明显提高", "明显提高", "30", "28"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", "10", "10"],
      ]);
      expect(p!.indicators[1]!.deviation).toBe("部分设备老化");
      expect(p!.totalScore?.value).toBe("96");
      expect(r.summary).toMatchObject({ projects: 1, indicators: 4, budgetTotalYuan: "1200000.00" });
      expect(r.problems.filter((x) => x.severity !== "info")).toEqual([]);
    });
  }

  it("reads a total glued to the points it is out of (总分 10096: run-together text) as the score after them", () => {
    // the indicators' 分值 (90) and the funds' (10) make the form's 100 points: the glued figure is cut after them
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 1000 }),
        (weights, tenths) => {
          const points = weights.reduce((a, b) => a + b, 10);
          const score = ((tenths % (points * 10 + 1)) / 10).toString();
          const grid = rows.map((r, k) =>
            k >= 9 && k <= 12 ? r.map((c, j) => (j === 6 ? String(weights[k - 9]) : j === 7 ? "0" : c)) : r,
          );
          grid[13] = ["总分", "", "", "", "", "", "", `${points}${score}`, ""];
          const p = importDocument(readPdfText(pdf(grid, ["项目支出绩效自评表"]), "p.txt")).document
            .projectSelfEvaluations[0]!;
          expect(p.totalScore?.value).toBe(score);
        },
      ),
      { numRuns: 60 },
    );
    // a total that is no glued pair stays as written (and the checks then say what is wrong with it)
    const grid = rows.map((r) => [...r]);
    grid[13] = ["总分", "", "", "", "", "", "", "150", ""];
    const p = importDocument(readPdfText(pdf(grid, ["项目支出绩效自评表"]), "p.txt")).document
      .projectSelfEvaluations[0]!;
    expect(p.totalScore?.value).toBe("150");
  });

  it("reports a stated total that is not the sum of the scores", () => {
    const bad = rows.map((r) => (r[0] === "总分" ? ["总分", "", "", "", "", "", "100", "99", ""] : r));
    const r = importDocument(readPdfText(pdf(bad), "p.txt"));
    const p = r.problems.find((x) => x.code === "score_mismatch");
    expect(p?.message).toContain("99");
    expect(p?.location.table).toBe(1);
  });
});

describe("project goals (national 项目支出绩效目标申报表 in one table)", () => {
  it("reads header fields, funds, goals and the annual target column", () => {
    const rows = [
      ["项目名称", "执法记录仪购置", "", ""],
      ["主管部门及代码", "某市公安局 101", "实施单位", "某交警支队"],
      ["项目属性", "一次性", "项目期", "1年"],
      ["项目资金（万元）", "年度资金总额", "50.5", ""],
      ["", "其中：财政拨款", "40.5", ""],
      ["", "其他资金", "10", ""],
      ["年度目标", "购置执法记录仪 200 台", "", ""],
      ["一级指标", "二级指标", "三级指标", "年度指标值"],
      ["产出指标", "数量指标", "购置数量", "≥200台"],
      ["", "成本指标", "单价", "≤2500元/台"],
      ["满意度指标", "服务对象满意度指标", "民警满意度", "≥90%"],
    ];
    const r = importDocument(readWordText(word(rows, ["项目支出绩效目标申报表"]), "g.txt"));
    expect(r.kind).toBe("project-goals");
    const [p] = r.document.projects;
    expect(p!.name).toBe("执法记录仪购置");
    expect(p!.budget?.yuan).toBe("505000.00");
    expect(p!.funding?.fiscal?.yuan).toBe("405000.00");
    expect(p!.funding?.other?.yuan).toBe("100000.00");
    expect(p!.goal).toBe("购置执法记录仪 200 台");
    expect(p!.fields).toMatchObject({ 主管部门及代码: "某市公安局 101", 项目属性: "一次性" });
    expect(p!.indicators.map((i) => [i.level1, i.level2, i.name, i.target?.text])).toEqual([
      ["产出指标", "数量指标", "购置数量", "≥200台"],
      ["产出指标", "成本指标", "单价", "≤2500元/台"],
      ["满意度指标", "服务对象满意度指标", "民警满意度", "≥90%"],
    ]);
  });

  it("takes a title row pasted inside the table (seed 004's layout) as the title, not as the unit", () => {
    const rows = [
      ["1.2024年度教育训练绩效目标表", "", "", "", ""],
      ["374101天津市公安交通管理局警务保障处", "", "", "", "单位：万元"],
      ["项目名称", "2024年度教育训练", "", "", ""],
      ["预算规模及资金用途", "预算数", "50.00", "其中：财政资金", "50.00"],
      ["绩效目标", "组织全体民警辅警开展培训", "", "", ""],
      ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"],
      ["产出指标", "数量指标", "培训人次", "参训人数", "≥500人次"],
    ];
    const tsv = rows.map((r) => r.join("\t")).join("\n");
    const r = importDocument(readPastedTsv(tsv));
    expect(r.kind).toBe("project-goals");
    const [p] = r.document.projects;
    expect(p!.name).toBe("2024年度教育训练");
    expect(p!.title).toBe("1.2024年度教育训练绩效目标表");
    expect(p!.organisation).toMatchObject({ code: "374101", name: "天津市公安交通管理局警务保障处" });
    expect(p!.indicators.map((i) => i.name)).toEqual(["培训人次"]);
  });

  it("reports a budget that is not the sum of its funding", () => {
    const rows = [
      ["项目名称", "甲项目", "", ""],
      ["项目资金（万元）", "年度资金总额", "50", ""],
      ["", "其中：财政拨款", "40", ""],
      ["一级指标", "二级指标", "三级指标", "指标值"],
      ["产出指标", "数量指标", "数量", "1个"],
    ];
    const r = importDocument(readWordText(word(rows), "g.txt"));
    expect(r.problems.map((p) => p.code)).toContain("total_mismatch");
  });
});

describe("duty → activity goals without indentation (a reader that trims full-width spaces)", () => {
  it("tells duties from activities by goals and indicators", () => {
    const rows = [
      ["职责活动", "年度预算数", "内容描述", "绩效目标", "绩效指标", "评价标准"],
      ["", "", "", "", "", "优", "良", "中", "差"],
      ["道路交通管理", "100", "管理", "畅通", "", "", "", "", ""],
      ["秩序管理", "60", "整治", "有序", "拥堵降低率", "95%以上", "90%以上", "85%以上", "85%以下"],
      ["", "", "", "", "事故下降率", "10%", "8%", "5%", "5%以下"],
      ["事故预防", "30", "预防", "", "", "", "", "", ""],
    ];
    const r = importDocument(readPdfText(pdf(rows), "d.txt"));
    const [t] = r.document.dutyGoals;
    expect(t!.duties.map((d) => [d.name, d.activities.map((a) => a.name)])).toEqual([
      ["道路交通管理", ["秩序管理", "事故预防"]],
    ]);
    expect(t!.duties[0]!.activities[0]!.indicators).toHaveLength(2);
    expect(r.problems.map((p) => p.code)).toContain("total_mismatch");
  });
});

describe("bad content", () => {
  it("an unknown layout is a problem naming the expected headers, not an exception", () => {
    const r = importDocument(readPdfText("通知\n甲\t乙\n1\t2", "n.txt"));
    expect(r.kind).toBeNull();
    expect(r.kinds).toEqual([]);
    expect(r.problems[0]).toMatchObject({ severity: "error", code: "unknown_layout", location: { file: "n.txt" } });
    expect(r.problems[0]!.message).toContain("一级指标");
    expect(r.problems[0]!.messageEn).toContain("Expected one of");
  });

  it("an empty document is recognised as nothing", () => {
    const r = importDocument({ file: "e.txt", format: "word-text", blocks: [] });
    expect(r.kind).toBeNull();
    expect(r.summary.indicators).toBe(0);
  });

  it("never throws on random tables and paragraphs, whatever kind is forced", () => {
    const words = fc.constantFrom(
      "",
      "项目名称",
      "一级指标",
      "二级指标",
      "三级指标",
      "指标值",
      "实际完成值",
      "得分",
      "职责活动",
      "绩效目标",
      "绩效指标",
      "优",
      "部门名称",
      "预算数(A)",
      "执行数(B)",
      "年初预算数",
      "预算调整数",
      "预算确定数",
      "指标性质",
      "政府采购项目来源",
      "资产总额",
      "单位名称",
      "总分",
      "**",
      "100%",
      "≥3个",
      "1,234.5",
      "-2",
      "abc",
      "三公经费",
    );
    const block = fc.oneof(
      words.map((text): Block => ({ type: "paragraph", text, location: { file: "f.txt" } })),
      fc.array(fc.array(words, { minLength: 1, maxLength: 9 }), { minLength: 1, maxLength: 8 }).map((rows): Block => {
        const w = Math.max(...rows.map((r) => r.length));
        return {
          type: "table",
          table: {
            rows: rows.map((r) => [...r, ...Array(w - r.length).fill("")].map((text) => ({ text }))),
            location: { file: "f.txt", table: 1 },
          },
        };
      }),
    );
    const kind = fc.constantFrom(
      undefined,
      "duty-activity-goals",
      "project-goals",
      "project-self-evaluation",
      "department-self-evaluation",
      "department-expenditure-self-evaluation",
      "budget-disclosure",
    ) as fc.Arbitrary<
      Parameters<typeof importDocument>[1] extends infer O ? (O extends { kind?: infer K } ? K : never) : never
    >;
    fc.assert(
      fc.property(fc.array(block, { maxLength: 6 }), kind, (blocks, k) => {
        const source: SourceDocument = { file: "f.txt", format: "pdf-text", blocks };
        const r = importDocument(source, k ? { kind: k } : {});
        expect(Array.isArray(r.problems)).toBe(true);
        recogniseKinds(source);
      }),
      { numRuns: 1500 },
    );
  });
});

describe("tables from docx/xlsx readers (merged cells repeated in the cells they cover)", () => {
  it("reads a vertically merged activity once, with all its indicators", () => {
    const c = (text: string, mergedFrom?: [number, number]) => (mergedFrom ? { text, mergedFrom } : { text });
    const rows = [
      [
        "职责活动",
        "年度预算数",
        "内容描述",
        "绩效目标",
        "绩效指标",
        "评价标准",
        "评价标准",
        "评价标准",
        "评价标准",
      ].map((t, i) => c(t, i > 5 ? [0, 5] : undefined)),
      ["", "", "", "", "", "优", "良", "中", "差"].map((t) => c(t)),
      ["道路交通管理", "100", "管理", "畅通", "", "", "", "", ""].map((t) => c(t)),
      ["　　秩序管理", "100", "整治", "有序", "拥堵降低率", "95%以上", "90%以上", "85%以上", "80%以下"].map((t) =>
        c(t),
      ),
      [
        c("　　秩序管理", [3, 0]),
        c("100", [3, 1]),
        c("整治", [3, 2]),
        c("有序", [3, 3]),
        ...["事故下降率", "10%", "8%", "5%", "5%以下"].map((t) => c(t)),
      ],
    ];
    const source: SourceDocument = {
      file: "t.docx",
      format: "docx",
      blocks: [{ type: "table", table: { rows, location: { file: "t.docx", table: 1 } } }],
    };
    const r = importDocument(source);
    const [t] = r.document.dutyGoals;
    expect(t!.duties).toHaveLength(1);
    expect(t!.duties[0]!.activities.map((a) => [a.name, a.indicators.map((i) => i.name)])).toEqual([
      ["秩序管理", ["拥堵降低率", "事故下降率"]],
    ]);
    expect(r.document.unmapped).toEqual([]);
  });
});

describe("random extracted text", () => {
  it("is read and imported without an exception, in either form", () => {
    const token = fc.constantFrom(
      "\t",
      "\n",
      "\n\n",
      " ",
      "\u3000",
      "项目名称",
      "一级指标",
      "三级指标",
      "指标值",
      "职责活动",
      "绩效目标",
      "绩效指标",
      "优",
      "良",
      "中",
      "差",
      "预算数",
      "50.00",
      "≥90%",
      "[bookmark: _Toc1]",
      "部门名称",
      "得分",
      "实际完成值",
      "三公经费",
      "政府采购",
      "国有资产",
      "**",
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 80 }), (tokens) => {
        const text = tokens.join("");
        for (const doc of [readWordText(text, "r.txt"), readPdfText(text, "r.txt")]) {
          for (const b of doc.blocks) {
            if (b.type === "table") {
              const w = b.table.rows[0]?.length ?? 0;
              expect(b.table.rows.every((r) => r.length === w)).toBe(true);
              expect(b.table.sourceRows).toHaveLength(b.table.rows.length);
            }
          }
          importDocument(doc);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("project goals under another province's labels (湖南 申报表)", () => {
  it("reads 项目支出名称 as the project's name, 年度本级预算金额 as its budget and 绩效标准 as no target", () => {
    for (const label of ["项目支出名称", "项目名称", "专项资金名称"])
      for (const budgetLabel of ["年度本级预算金额", "年度预算金额", "本年度预算数"]) {
        const text = pdf(
          [
            [label, "雾炮车降尘抑尘服务", "预算部门", "某市环境卫生管理处"],
            [budgetLabel, "250万", "该项目支出上级资金", "0"],
            ["本年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值及单位", "绩效标准"],
            ["", "产出指标", "数量指标", "配备车辆数", "10辆", "计划标准"],
            ["", "", "质量指标", "服务周期内空气质量", "优良", "行业标准"],
            ["", "满意度指标", "服务对象满意度指标", "市民满意度", "≥90%", "计划标准"],
          ],
          ["2023年项目支出绩效目标申报表", "单位:万元"],
        );
        const r = importDocument(readPdfText(text, "g.txt"));
        expect(r.kind).toBe("project-goals");
        const [p] = r.document.projects;
        expect(p!.name).toBe("雾炮车降尘抑尘服务");
        expect(p!.budget?.yuan).toBe("2500000.00");
        expect(p!.organisation?.name).toBe("某市环境卫生管理处");
        // the budget read from the head's lines is there before the checks: no "没有预算数"
        expect(r.problems.map((x) => x.code)).not.toContain("missing_budget");
        expect(p!.indicators.map((i) => [i.level1, i.level2, i.name, i.target?.text])).toEqual([
          ["产出指标", "数量指标", "配备车辆数", "10辆"],
          ["产出指标", "质量指标", "服务周期内空气质量", "优良"],
          ["满意度指标", "服务对象满意度指标", "市民满意度", "≥90%"],
        ]);
      }
  });
});

describe("a goal form's budget given as a list (四川 申报表: (一)财政拨款小计 … (三)其他收入)", () => {
  it("sums the list's top-level items exactly, their sub-items being parts of them", () => {
    const cents = fc.integer({ min: 0, max: 99_999_999 });
    fc.assert(
      fc.property(fc.array(cents, { minLength: 2, maxLength: 4 }), (items) => {
        const wan = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`;
        const names = ["财政拨款小计", "自有资金小计", "其他收入", "上年结转"];
        const nums = ["一", "二", "三", "四"];
        const lines = items.flatMap((c, k) => [
          `   (${nums[k]})${names[k]} ${wan(c)}`,
          ...(k === 0 ? [`       1、一般公共预算 ${wan(c)}`, "       2、政府性基金 0.00"] : []),
        ]);
        const text = [
          "项目支出绩效目标申报表",
          "项目名称 麻风病防治",
          "预算单位 区疾控中心",
          "项目资金(万元) 年度资金总额 金额(万元)",
          ...lines,
          "",
          "绩效指标 一级指标 二级指标 三级指标 指标值",
          "产出指标 数量指标 慰问休养员人数 32人",
          "满意度指标 服务对象满意度指标 群众满意度 ≥90%",
        ].join("\n");
        const r = importDocument(readExtractedText(text, "g.txt"));
        // 万元 with 2 decimals: each item is a whole number of 100 元; the sum in 元 exactly
        const totalCents = items.reduce((a, b) => a + b, 0);
        const yuan = `${BigInt(totalCents) * 100n}.00`;
        expect(r.document.projects[0]?.budget?.yuan).toBe(yuan);
        // found before the checks ran: they do not say the project has no budget
        expect(r.problems.map((x) => x.code)).not.toContain("missing_budget");
      }),
      { numRuns: 40 },
    );
  });
});
