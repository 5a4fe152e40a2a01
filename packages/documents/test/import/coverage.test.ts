/**
 * Coverage: no result gives a verdict for a document of which too little was read. Documents with nothing
 * readable are generated for every kind (its headers or title, but no usable figures; prose; noise), and the
 * review must say 未能判断 — never 优, never 100 — while the seeds stay judged.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { reviewDocument } from "@jixiao/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument, KINDS } from "../../src/import/index.ts";
import { readExtractedText } from "../../src/text/index.ts";

const ROOT = join(import.meta.dirname, "../../../..");
const SEEDS = [
  "000_c8bf763ea5097ffd",
  "001_cf6ae51127079c27",
  "002_720a01ff2c7d777f",
  "003_edf844a12b53980c",
  "004_8649601bbeaed617",
];

const readText = (text: string, file = "doc.txt") => importDocument(readExtractedText(text, file));
const tsv = (rows: string[][]) => rows.map((r) => r.join("\t")).join("\n");

/** Per kind: its title and header rows as the reader expects them, with placeholders where figures belong. */
const EMPTY_OF_KIND: Record<string, string> = {
  "project-self-evaluation": [
    "项目支出绩效自评表",
    tsv([
      ["项目名称", "**", "", "", "", "", ""],
      ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
      ["年度资金总额", "**", "**", "**", "**", "**", "**"],
      ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ]),
  ].join("\n"),
  "project-goals": [
    "项目支出绩效目标表",
    tsv([
      ["项目名称", "**", "", ""],
      ["一级指标", "二级指标", "三级指标", "指标值"],
    ]),
  ].join("\n"),
  "department-self-evaluation": [
    "部门整体绩效自评表",
    tsv([
      ["部门名称", "**", "", "", ""],
      ["一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分"],
    ]),
  ].join("\n"),
  "department-expenditure-self-evaluation": [
    "部门整体支出绩效自评表",
    tsv([
      ["部门名称", "**", "", "", "", ""],
      ["项目", "年初预算数", "预算调整数", "预算确定数", "执行数", "执行率"],
      ["年度资金总额", "**", "**", "**", "**", "**"],
    ]),
  ].join("\n"),
  "duty-activity-goals": [
    "部门职责-工作活动绩效目标",
    tsv([
      ["职责活动", "年度预算数", "内容描述", "绩效目标", "绩效指标", "评价标准"],
      ["**", "**", "**", "**", "**", "**"],
    ]),
  ].join("\n"),
  "final-account-disclosure": [
    "某县公安局交通警察大队2024年度部门决算",
    "一、收入支出决算总表",
    "部门：某县公安局交通警察大队\t单位：万元",
    tsv([
      ["项目", "决算数", "项目", "决算数"],
      ["收入总计", "**", "支出总计", "**"],
    ]),
    "七、一般公共预算财政拨款“三公”经费支出决算表",
    tsv([
      ["项目", "预算数", "决算数"],
      ["合计", "**", "**"],
    ]),
  ].join("\n"),
  "budget-disclosure": [
    "某县公安局2024年部门预算信息公开",
    "一、“三公”经费预算情况说明",
    "二、政府采购预算情况",
    "三、国有资产占有使用情况",
    "四、机关运行经费",
    "本部门2024年收入预算XX万元，支出预算XX万元，较上年XX。",
    "本部门“三公”经费预算XX万元。",
    "政府采购预算XX万元。",
  ].join("\n"),
};

describe("coverage: nothing readable means no verdict", () => {
  for (const [kind, text] of Object.entries(EMPTY_OF_KIND)) {
    it(`${kind}: its headers or title with placeholders instead of figures → 未能判断`, () => {
      const r = readText(text);
      expect(r.coverage.figures).toBe(0);
      expect(r.coverage.sufficient).toBe(false);
      expect(r.coverage.reasons.map((x) => x.zh).join()).toContain("没有读出任何数字");
      const review = reviewDocument(r.document);
      expect(review.judged).toBe(false);
      expect(review.verdict).toBeNull();
      expect(review.verdictPoints).toBeNull();
      expect(review.reasons[0]!.zh).toContain("未能判断");
    });
  }

  it("every kind the readers know has a generated empty document here", () => {
    const covered = new Set(Object.keys(EMPTY_OF_KIND));
    // kinds read from prose alone are tested with their own readers
    const tableKinds = KINDS.filter((k) => k !== "three-public" && k !== "evaluation-report");
    expect(tableKinds.filter((k) => !covered.has(k))).toEqual([]);
  });

  it("any text at all (noise, prose, stray tables) is never judged 优 at 100 unless enough of it was read", () => {
    const line = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        "项目名称",
        "全年预算数\t全年执行数",
        "三级指标\t年度指标值\t实际完成值",
        "得分 100",
        "优",
        "发布时间：2024-01-02",
      ),
      fc.array(fc.string({ maxLength: 8 }), { minLength: 2, maxLength: 6 }).map((cells) => cells.join("\t")),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const r = readText(lines.join("\n"));
        const review = reviewDocument(r.document);
        if (!r.coverage.sufficient) {
          expect(review.verdict).toBeNull();
          expect(review.verdictPoints).toBeNull();
        } else {
          expect(Number(r.coverage.share)).toBeGreaterThanOrEqual(Number(r.coverage.threshold));
          expect(r.coverage.figures).toBeGreaterThan(0);
        }
        expect(r.coverage.lines.read).toBeLessThanOrEqual(r.coverage.lines.total);
      }),
      { numRuns: 150 },
    );
  });
});

describe("coverage: what was read and what was not", () => {
  for (const seed of SEEDS) {
    it(`seed ${seed} is read well enough to judge`, () => {
      const r = readText(readFileSync(join(ROOT, "fixtures/seeds", `${seed}.txt`), "utf8"), `${seed}.txt`);
      expect(r.coverage.sufficient).toBe(true);
      expect(r.coverage.figures).toBeGreaterThan(20);
      expect(reviewDocument(r.document).judged).toBe(true);
    });
  }

  it("a readable table followed by a table nobody knows: the unknown one is listed with its place, the share drops", () => {
    const known = readFileSync(join(ROOT, "fixtures/seeds/003_edf844a12b53980c.txt"), "utf8");
    const full = readText(known, "a.txt");
    const strange = Array.from({ length: 200 }, (_, i) => `甲${i}\t乙${i}\t${i * 3}`).join("\n");
    const r = readText(`${known}\n附表\n${strange}`, "a.txt");
    expect(r.kind).toBe(full.kind);
    expect(r.coverage.lines.total).toBe(full.coverage.lines.total + 200);
    expect(r.coverage.lines.read).toBe(full.coverage.lines.read);
    expect(r.coverage.sufficient).toBe(false);
    const unknown = r.coverage.unread.find((u) => u.text.startsWith("甲0"));
    expect(unknown).toMatchObject({ what: "table", lines: 200 });
    expect(unknown!.location.file).toBe("a.txt");
    expect(unknown!.location.row).toBe(known.split("\n").length + 2);
    expect(reviewDocument(r.document).verdict).toBeNull();
    expect(r.problems.some((p) => p.code === "coverage_insufficient")).toBe(true);
  });

  it("paragraphs of words only are kept as text and do not count against the document", () => {
    const known = readFileSync(join(ROOT, "fixtures/seeds/003_edf844a12b53980c.txt"), "utf8");
    const words = Array.from({ length: 50 }, () => "本单位高度重视预算绩效管理工作，认真组织自评。").join("\n");
    const r = readText(`${known}\n${words}`, "b.txt");
    const plain = readText(known, "b.txt");
    expect(r.coverage.lines).toEqual(plain.coverage.lines);
    expect(r.coverage.textLines).toBe(plain.coverage.textLines + 50);
  });

  it("a stricter threshold is honoured", () => {
    const text = readFileSync(join(ROOT, "fixtures/seeds/002_720a01ff2c7d777f.txt"), "utf8");
    const r = importDocument(readExtractedText(text, "s.txt"), { coverageThreshold: 0.99 });
    expect(r.coverage.threshold).toBe("99.0");
    expect(r.coverage.sufficient).toBe(Number(r.coverage.share) >= 99);
  });
});
