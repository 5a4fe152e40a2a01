/**
 * Narrative 绩效评价（自评）报告: the corpus documents (kind evaluation-report) against their hand-checked manifests,
 * generated reports for the problems (a rate that is not executed ÷ budget, a score over 100, a count that does
 * not match its list), and never a throw.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { EvaluationReportSchema } from "@jixiao/core/model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ImportContext } from "../../src/import/context.ts";
import { looksLikeEvaluationReport, readEvaluationReport } from "../../src/import/evaluation-report.ts";
import { looksLikeThreePublic } from "../../src/import/three-public.ts";
import type { Block, SourceDocument } from "../../src/model/table.ts";
import { readExtractedText } from "../../src/text/index.ts";

const CORPUS = join(import.meta.dirname, "../../../../fixtures/corpus");

interface Manifest {
  id: string;
  file: string;
  kind: string;
  figures: {
    organisation?: string;
    name?: string;
    initialBudgetYuan?: string;
    budgetYuan?: string;
    executedYuan?: string;
    statedRate?: string;
    statedTotal?: string;
    statedGrade?: string;
    weightsSum?: string;
    projectsStated?: number;
    projectsNamed?: number;
  };
}

const manifests: Manifest[] = readdirSync(join(CORPUS, "manifest"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(join(CORPUS, "manifest", f), "utf8")) as Manifest);
const reports = manifests.filter((m) => m.kind === "evaluation-report");

function read(m: Manifest) {
  const source = readExtractedText(readFileSync(join(CORPUS, m.file), "utf8"), `${m.id}.txt`);
  const ctx = new ImportContext(source);
  return { source, ctx, result: readEvaluationReport(ctx, source.blocks) };
}

describe("evaluation-report corpus documents", () => {
  it("has the documents", () => {
    expect(reports.length).toBeGreaterThanOrEqual(5);
  });

  for (const m of reports) {
    it(`${m.id}: recognised, figures as the manifest`, () => {
      const { source, result } = read(m);
      const f = m.figures;
      expect(looksLikeEvaluationReport(source.blocks)).toBe(true);
      expect(looksLikeThreePublic(source.blocks)).toBe(false);
      expect(() => EvaluationReportSchema.parse(result)).not.toThrow();
      if (f.organisation) expect(result.organisation).toBe(f.organisation);
      if (f.initialBudgetYuan) expect(result.initialBudget?.amount.yuan).toBe(f.initialBudgetYuan);
      if (f.budgetYuan) expect(result.budget?.amount.yuan).toBe(f.budgetYuan);
      if (f.executedYuan) expect(result.executed?.amount.yuan).toBe(f.executedYuan);
      if (f.statedRate) expect(result.rate?.percent.percent).toBe(f.statedRate);
      if (f.statedTotal) expect(result.score?.value.value).toBe(f.statedTotal);
      if (f.statedGrade) expect(result.grade?.text).toBe(f.statedGrade);
      else expect(result.grade).toBeUndefined();
      if (f.weightsSum) {
        const points = result.sections.reduce((a, s) => a + Number(s.points?.value ?? 0), 0);
        expect(String(points)).toBe(f.weightsSum);
      }
      if (f.projectsStated !== undefined) expect(result.projectCount?.stated).toBe(f.projectsStated);
      expect(result.projectNames.length).toBe(f.projectsNamed ?? 0);
      if (f.name) expect(result.projects[0]?.name).toBe(f.name);
    });
  }

  it("屏边 交警 2022: 共开展4个项目 with five names is reported where it is; the rate matches 43.73 ÷ 73.19", () => {
    const { ctx, result } = read(reports.find((m) => m.id === "yn-pingbian-2022-eval-1")!);
    const p = ctx.problems.find((x) => x.code === "report_count_mismatch")!;
    // line 9: `  屏边县公安局交通警察大队共开展4个项目,…`; the paragraph is the line without its two leading spaces,
    // so 共 is its 13th character (after the 12 of the name)
    expect(p.location).toMatchObject({ row: 9, column: 13 });
    expect(ctx.problems.filter((x) => x.code === "report_rate_mismatch")).toEqual([]);
    expect(result.rate!.location).toMatchObject({ row: 23 });
  });

  it("衡山 公安 2019: 总支出7908.83万元 is not 基本支出4204.8万元 + 项目支出3704万元 (7908.80), reported on line 19", () => {
    const { ctx } = read(reports.find((m) => m.id === "hn-hengshan-2019-eval-1")!);
    const p = ctx.problems.find((x) => x.code === "report_parts_sum")!;
    expect(p.location).toMatchObject({ row: 19, field: "executed" });
    expect(p.message).toContain("79088000.00");
  });

  it("the seeds are none of the narrative kinds", () => {
    const seeds = join(CORPUS, "../seeds");
    for (const f of readdirSync(seeds).filter((x) => x.endsWith(".txt"))) {
      const source = readExtractedText(readFileSync(join(seeds, f), "utf8"), f);
      expect(looksLikeEvaluationReport(source.blocks), f).toBe(false);
      expect(looksLikeThreePublic(source.blocks), f).toBe(false);
    }
  });

  it("seed 002's report text gives what fixtures/expected/002 says of it (预算, 执行数, 执行率, 项目 6 个)", () => {
    const root = join(CORPUS, "../..");
    const seed = readdirSync(join(root, "fixtures/seeds")).find((f) => f.startsWith("002_"))!;
    const expected = JSON.parse(
      readFileSync(join(root, "fixtures/expected", seed.replace(/\.txt$/, ".json")), "utf8"),
    ).report;
    const source = readExtractedText(readFileSync(join(root, "fixtures/seeds", seed), "utf8"), seed);
    const r = readEvaluationReport(new ImportContext(source), source.blocks);
    // expected amounts are in 万元: 2953.33 → 29,533,300.00 元
    expect(expected.budget).toBe("2953.33");
    expect(r.budget!.amount.yuan).toBe("29533300.00");
    expect(expected.executed).toBe("2609.14");
    expect(r.executed!.amount.yuan).toBe("26091400.00");
    expect(r.rate!.percent.text).toBe(expected.rate);
    expect(r.projectCount!.stated).toBe(expected.projectCount);
  });

  it("三亚 公安 2017: the score table one cell per paragraph, parts add up to 80.14", () => {
    const { ctx, result } = read(reports.find((m) => m.id === "hi-sanya-2017-eval-1")!);
    expect(result.sections.map((s) => [s.label, s.points?.value, s.score.value])).toEqual([
      ["投入", "15", "11.54"],
      ["过程", "55", "38.6"],
      ["产出", "20", "20"],
      ["效果", "10", "10"],
    ]);
    expect(result.score!.max?.value).toBe("100");
    expect(ctx.problems).toEqual([]);
  });
});

const para = (text: string, row: number): Block => ({ type: "paragraph", text, location: { file: "r.txt", row } });
const doc = (lines: string[]): SourceDocument => ({
  file: "r.txt",
  format: "word-text",
  blocks: lines.map((l, i) => para(l, i + 1)),
});

describe("generated reports", () => {
  it("reports a rate that is not executed ÷ budget, and a score over 100; reads the grade", () => {
    const source = doc([
      "某市公安局交通警察支队2023年度项目支出绩效自评报告",
      "一、项目基本情况",
      "1.道路监控运维项目",
      "该项目全年预算数为120万元，全年支出108万元，预算执行率为95%。",
      "二、自评结论",
      "经自评，项目自评得分为102分，评价等级为优。",
    ]);
    const ctx = new ImportContext(source);
    expect(looksLikeEvaluationReport(source.blocks)).toBe(true);
    const r = readEvaluationReport(ctx, source.blocks);
    expect(r.scope).toBe("project");
    expect(r.year).toBe(2023);
    expect(r.budget!.amount.yuan).toBe("1200000.00");
    expect(r.executed!.amount.yuan).toBe("1080000.00");
    expect(r.projects[0]!.name).toBe("道路监控运维项目");
    expect(r.grade).toMatchObject({ text: "优", location: { row: 6 } });
    // 108 ÷ 120 = 90%, not 95%
    const rate = ctx.problems.find((p) => p.code === "report_rate_mismatch")!;
    expect(rate.location).toMatchObject({ row: 4 });
    expect(rate.message).toContain("90%");
    expect(ctx.problems.find((p) => p.code === "report_score_over_100")!.location).toMatchObject({ row: 6 });
  });

  it("does not take a grading scale for a grade, nor 基本支出 / 其中 for the whole", () => {
    const source = doc([
      "某县公安局2022年度部门整体支出绩效评价报告",
      "绩效评级：总分≥90分，优；80分≤总分<90，良；60分≤总分<80，中；总分<60分，差",
      "全年预算数5,000.00万元，其中基本支出3,000.00万元，全年执行数4,900.00万元，执行率98%。",
    ]);
    const ctx = new ImportContext(source);
    const r = readEvaluationReport(ctx, source.blocks);
    expect(r.scope).toBe("department");
    expect(r.grade).toBeUndefined();
    expect(r.budget!.amount.yuan).toBe("50000000.00");
    expect(r.executed!.amount.yuan).toBe("49000000.00");
    expect(ctx.problems).toEqual([]);
  });

  it("never throws, on any paragraphs", () => {
    const piece = fc.constantFrom(
      "绩效自评报告",
      "2023年",
      "预算",
      "全年支出",
      "执行率",
      "得分",
      "为",
      "98.5",
      "分",
      "12.5万元",
      "%",
      "，",
      "。",
      "\n",
      "共开展",
      "3个项目",
      "分别是",
      "、",
      "等级为优",
      "总分",
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.array(piece, { maxLength: 20 }).map((a) => a.join("")),
          { maxLength: 10 },
        ),
        (lines) => {
          const source = doc(lines);
          const ctx = new ImportContext(source);
          looksLikeEvaluationReport(source.blocks);
          const r = readEvaluationReport(ctx, source.blocks);
          expect(() => EvaluationReportSchema.parse(r)).not.toThrow();
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** An amount of 万元 with two decimals from a whole number of fen ÷ 100, and its 元 as the model writes it. */
const wan = fc.integer({ min: 1, max: 99_999_999 }).map((cents) => ({
  text: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`,
  yuan: `${Math.floor(cents / 100) * 10000 + (cents % 100) * 100}.00`,
  cents,
}));

describe("generated report wordings", () => {
  const org = fc.record({
    place: fc.constantFrom("西平县", "武汉市", "南县", "青岛市黄岛区", "湖北省宜昌市"),
    body: fc.constantFrom("交通运输局", "公安局", "政协", "财政局", "卫生健康委员会"),
    sub: fc.constantFrom("", "硚口区交通大队", "城关镇派出所"),
  });
  const kind = fc.constantFrom(
    "绩效自评报告",
    "绩效自评总结报告",
    "绩效评价报告",
    "绩效自评情况报告",
    "绩效评价工作报告",
    "自评结果报告",
  );

  it("property: the report is recognised by its title line or by the 现将…报告如下 sentence, its year and organisation read", () => {
    fc.assert(
      fc.property(org, kind, fc.integer({ min: 2015, max: 2030 }), fc.boolean(), (o, k, year, announced) => {
        const name = `${o.place}${o.body}${o.sub}`;
        const report = `${year}年${name}财政衔接推进乡村振兴资金项目${k}`;
        const lines = announced
          ? [
              `为做好${year}年资金项目绩效管理工作，根据《某省财政厅关于印发项目资金绩效管理办法的通知》（某财〔2018〕130号），现将${report}如下：`,
              "一、绩效目标分解下达情况",
            ]
          : [`您现在的位置: 首页 > 通知公告 > ${report}`, report, "一、基本情况"];
        const source = doc(lines);
        expect(looksLikeEvaluationReport(source.blocks)).toBe(true);
        const r = readEvaluationReport(new ImportContext(source), source.blocks);
        expect(r.title).toBe(report);
        expect(r.year).toBe(year);
        expect(r.scope).toBe("project");
        expect(r.organisation).toBe(name);
      }),
      { numRuns: 100 },
    );
  });

  it("property: prose without a title that says, three ways, that it evaluates is a report; two ways or none is not", () => {
    const says = [
      "对我单位道路交通管理项目经费进行绩效评价",
      "结合我单位对项目支出自评情况",
      "评价原则为科学规范原则",
      "评价方法主要采取比较法",
      "本次绩效评价重点是对项目经费的使用进行评价",
      "自评结论为良好",
    ];
    fc.assert(
      fc.property(
        fc.subarray(says, { minLength: 0, maxLength: says.length }),
        wan,
        fc.constantFrom("", "您现在的位置：首页 > 文档", "版权说明：本文档由用户提供并上传"),
        (picked, amount, furniture) => {
          const lines = [
            ...(furniture ? [furniture] : []),
            `2017年某单位绩效项目主要包括2个，总项目经费支出为${amount.text}万元。`,
            `${picked.join("，")}。`,
          ];
          const source = doc(lines);
          // each wording of the list is one of the ways (本次绩效评价 … 进行评价 says two)
          const text = lines.join("\n");
          const ways = [
            /对[^。；;]{0,80}?进行[^。；;]{0,6}?评价/,
            /自评情况/,
            /评价原则|评价方法|评价重点/,
            /自评结论/,
            /本次绩效评价/,
          ].filter((re) => re.test(text)).length;
          expect(looksLikeEvaluationReport(source.blocks)).toBe(ways >= 3);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("property: budget words (预算, 计划投资, 总投资, 项目资金共) and paid-out words (支出, 已完成拨付, 累计拨付, 已使用, 完成支出) read, after a colon too", () => {
    fc.assert(
      fc.property(
        wan,
        fc.integer({ min: 1, max: 1000 }),
        fc.constantFrom("全年预算数为", "计划投资", "总投资", "项目资金共", "预算资金总额为"),
        fc.constantFrom("全年支出", "已完成拨付", "累计拨付", "实际拨付", "已使用", "完成支出", "执行数为"),
        fc.constantFrom("", ":", "："),
        (budget, permille, bWord, eWord, colon) => {
          const executedCents = Math.floor((budget.cents * permille) / 1000);
          const executed = {
            text: `${Math.floor(executedCents / 100)}.${String(executedCents % 100).padStart(2, "0")}`,
            yuan: `${Math.floor(executedCents / 100) * 10000 + (executedCents % 100) * 100}.00`,
          };
          const e = colon ? eWord.replace(/为$/, "") : eWord;
          const source = doc([
            "2022年某县交通运输局项目绩效自评报告",
            "1、收入：99999.99万元。",
            `该项目${bWord}${budget.text}万元，截止2022年12月8日，${e}${colon}${executed.text}万元。`,
          ]);
          const r = readEvaluationReport(new ImportContext(source), source.blocks);
          expect(r.budget?.amount.yuan).toBe(budget.yuan);
          expect(r.executed?.amount.yuan).toBe(executed.yuan);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("money received or allocated is not what was spent: 收入, 上级拨付, 拨付到位, 其中 parts", () => {
    const source = doc([
      "某局2021年部门整体支出绩效评价报告",
      "1、收入：792.22万元。上级拨付资金100万元，资金已拨付到位300万元。",
      "2、支出：799.12万元。其中：人员经费支出434.89万元，项目支出286.83万元。",
      "我县2022年农村公路建设项目计划投资2179万元，已完成拨付2113.63万元，执行率97%。",
    ]);
    const ctx = new ImportContext(source);
    const r = readEvaluationReport(ctx, source.blocks);
    expect(r.executed?.amount.yuan).toBe("7991200.00");
    expect(r.budget?.amount.yuan).toBe("21790000.00");
    const project = r.projects.find((p) => p.rate)!;
    expect(project).toMatchObject({ name: "2022年农村公路建设项目", executed: { amount: { yuan: "21136300.00" } } });
    // 2113.63 ÷ 2179 = 97.00%
    expect(ctx.problems.filter((p) => p.code === "report_rate_mismatch")).toEqual([]);
  });
});
