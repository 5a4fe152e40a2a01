import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/errors/domain-error.ts";
import { ImportedDocumentSchema } from "../../src/model/document.ts";
import { DEFAULT_REVIEW_CONFIG, resolveReviewConfig } from "../../src/review/config.ts";
import { parseReviewConfig } from "../../src/review/config-schema.ts";
import { RULES, reviewDocument, reviewFindings } from "../../src/review/engine.ts";
import { CATEGORIES, type Finding, SEVERITIES } from "../../src/review/types.ts";
import { finalVerdict, overruleVerdict, verdictOf } from "../../src/review/verdict.ts";
import { amount, buildDocument, buildProject, ind, threeGroups } from "./factory.ts";

const finding = (over: Partial<Finding>): Finding => ({
  rule: "x.y",
  category: "算术一致性",
  severity: "warning",
  message: "m",
  messageEn: "m",
  location: { file: "t" },
  ...over,
});

describe("the rule catalogue", () => {
  it("every rule has a unique id, a known category and severity, and a title in both languages", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^[a-z]+\.[a-z0-9-]+$/);
      expect(CATEGORIES).toContain(r.category);
      expect(SEVERITIES).toContain(r.severity);
      expect(r.title.zh.length).toBeGreaterThan(0);
      expect(r.title.en.length).toBeGreaterThan(0);
    }
    expect(RULES.length).toBeGreaterThanOrEqual(35);
  });
});

describe("reviewFindings", () => {
  const bad = buildDocument({
    projects: [buildProject({ indicators: [...threeGroups(), ind("完成率", "120%")] })],
  });
  it("gives each finding its rule, category, severity and the file", () => {
    const [f] = reviewFindings(bad);
    expect(f).toMatchObject({ rule: "indicator.percent-over-cap", category: "数据质量", severity: "warning" });
    expect(f!.location.file).toBe("test.txt");
  });
  it("a region can override a rule's severity or switch it off", () => {
    expect(reviewFindings(bad, { severity: { "indicator.percent-over-cap": "error" } })[0]!.severity).toBe("error");
    expect(reviewFindings(bad, { disabled: ["indicator.percent-over-cap"] })).toEqual([]);
  });
  it("orders errors first", () => {
    const doc = buildDocument({
      projects: [
        buildProject({
          budget: amount("10"),
          indicators: [ind("完成率", "120%"), ind("成本", "≤20万元", { level2: "成本指标" })],
        }),
      ],
    });
    const sev = reviewFindings(doc).map((f) => f.severity);
    expect(sev).toEqual([...sev].sort((a, b) => SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b)));
  });
  it("a rule that fails becomes a finding; the review goes on", () => {
    const broken = {
      ...RULES[0]!,
      id: "broken.rule",
      check: () => {
        throw new Error("boom");
      },
    };
    const f = reviewFindings(bad, {}, [broken, ...RULES]);
    expect(f.some((x) => x.rule === "engine.rule-failed" && x.message.includes("boom"))).toBe(true);
    expect(f.some((x) => x.rule === "indicator.percent-over-cap")).toBe(true);
  });
});

describe("resolveReviewConfig", () => {
  it("keeps the defaults for keys not given and merges nested ones", () => {
    const c = resolveReviewConfig({ roundingTolerance: { 元: "0.5" }, verdict: { bands: { 优: 95 } } });
    expect(c.roundingTolerance).toEqual({ 元: "0.5", 万元: DEFAULT_REVIEW_CONFIG.roundingTolerance.万元 });
    expect(c.verdict.bands).toEqual({ 优: 95, 良: 80, 中: 60 });
    expect(c.verdict.capOnError.完整性).toBe("中");
  });
});

describe("the verdict", () => {
  const cfg = DEFAULT_REVIEW_CONFIG.verdict;
  it("no findings: 优", () => {
    expect(verdictOf([], cfg)).toMatchObject({ verdict: "优", points: 100 });
  });
  it("an error in 完整性 caps at 中, with the reason", () => {
    const v = verdictOf([finding({ severity: "error", category: "完整性" })], cfg);
    expect(v.verdict).toBe("中");
    expect(v.reasons.map((r) => r.zh).join("\n")).toContain("完整性有 1 项错误");
  });
  it("an arithmetic error caps at 良", () => {
    expect(verdictOf([finding({ severity: "error" })], cfg).verdict).toBe("良");
  });
  it("many warnings of one rule count at most maxCountedPerRule times", () => {
    const many = Array.from({ length: 50 }, () => finding({}));
    expect(verdictOf(many, cfg)).toMatchObject({ verdict: "优", points: 97 });
  });
  it("many errors of different rules: 差", () => {
    const many = Array.from({ length: 10 }, (_, i) => finding({ rule: `r.${i}`, severity: "error" }));
    expect(verdictOf(many, cfg).verdict).toBe("差");
  });
});

describe("overruling the verdict", () => {
  it("a reviewer may confirm without a comment, and change with one", () => {
    const d = reviewDocument(buildDocument({ projects: [buildProject()] })).decision;
    expect(d.verdict).not.toBeNull();
    expect(finalVerdict(overruleVerdict(d, d.verdict!))).toBe(d.verdict);
    const changed = overruleVerdict(d, "良", "目标偏低，请修改后再报");
    expect(changed).toEqual({ verdict: d.verdict, reviewerVerdict: "良", comment: "目标偏低，请修改后再报" });
    expect(finalVerdict(changed)).toBe("良");
  });
  it("changing it without a comment is refused", () => {
    const d = { verdict: "优" as const };
    expect(() => overruleVerdict(d, "差", "  ")).toThrow(DomainError);
  });
});

describe("never throws on content", () => {
  const text = fc.oneof(
    fc.string(),
    fc.constantFrom("**", "", "≥100%", "120%", "≤30万", "2025年底前", "1", "0.8", "不足50%"),
  );
  const indicator = fc.record({
    name: text,
    target: fc.option(
      text.map((t) => ({ text: t })),
      { nil: undefined },
    ),
    actual: fc.option(
      text.map((t) => ({ text: t })),
      { nil: undefined },
    ),
    level1: fc.option(fc.constantFrom("产出指标", "效益指标", "满意度指标", "成本指标", "x"), { nil: undefined }),
    level2: fc.option(fc.constantFrom("成本指标", "数量指标"), { nil: undefined }),
    weight: fc.option(
      fc.constantFrom("0", "-1", "10", "x").map((v) => ({ text: v, value: v })),
      { nil: undefined },
    ),
    tiers: fc.option(
      fc.tuple(text, text, text, text).map(([a, b, c, d]) => ({
        excellent: { text: a },
        good: { text: b },
        fair: { text: c },
        poor: { text: d },
      })),
      { nil: undefined },
    ),
  });
  it("any indicators, targets and tiers: findings, never an exception", () => {
    fc.assert(
      fc.property(fc.array(indicator, { maxLength: 8 }), text, (inds, goal) => {
        const doc = buildDocument({
          projects: [
            buildProject({
              goal,
              indicators: inds.map((i) => ({ ...i, location: { file: "t" } })),
            }),
          ],
        });
        expect(ImportedDocumentSchema.safeParse(doc).success).toBe(true);
        const r = reviewDocument(doc);
        expect(r.findings.every((f) => f.rule !== "engine.rule-failed")).toBe(true);
        expect(["优", "良", "中", "差"]).toContain(r.verdict);
      }),
      { numRuns: 200 },
    );
  });
});

describe("docs/review-rules.md", () => {
  it("documents every rule and every config key (drift check)", async () => {
    const { readFileSync } = await import("node:fs");
    const doc = readFileSync("docs/review-rules.md", "utf8");
    for (const r of RULES) expect(doc, r.id).toContain(`\`${r.id}\``);
    for (const k of Object.keys(DEFAULT_REVIEW_CONFIG)) expect(doc, k).toContain(`\`${k}\``);
  });
});

describe("parseReviewConfig (a region's JSON)", () => {
  it("accepts a partial configuration and drops $schema", () => {
    const r = parseReviewConfig({
      $schema: "x",
      roundingTolerance: { 万元: "0.005" },
      severity: { "tiers.boundary-shared": "info" },
      disabled: ["text.quantity-unmeasured"],
      verdict: { capOnError: { 数据质量: "中" } },
    });
    expect(r).toEqual({
      ok: true,
      config: {
        roundingTolerance: { 万元: "0.005" },
        severity: { "tiers.boundary-shared": "info" },
        disabled: ["text.quantity-unmeasured"],
        verdict: { capOnError: { 数据质量: "中" } },
      },
    });
  });
  it("reports unknown keys, unknown rule ids, numbers where decimal text is expected, bad patterns", () => {
    const r = parseReviewConfig({ toleranse: 1, disabled: ["no.such-rule"], farOverRatio: 1.3 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path).sort()).toEqual(["", "disabled.0", "farOverRatio"]);
    const bad = parseReviewConfig({ placeholderPattern: "([" });
    expect(bad.ok ? [] : bad.problems.map((p) => p.path)).toEqual(["placeholderPattern"]);
  });
});
