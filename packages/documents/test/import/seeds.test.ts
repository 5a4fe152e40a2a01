/**
 * Each seed imports with nothing lost: the imported document, reduced to the compact form of
 * fixtures/expected/<seed>.json (written from the seeds, not from this code), equals the expected structure.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type Amount,
  type DutyGoalTable,
  type ImportResult,
  ImportResultSchema,
  type Indicator,
  importDocument,
} from "../../src/import/index.ts";
import { readExtractedText } from "../../src/text/index.ts";

const ROOT = join(import.meta.dirname, "../../../..");

function load(seed: string): { result: ImportResult; expected: Record<string, unknown> } {
  const text = readFileSync(join(ROOT, "fixtures/seeds", `${seed}.txt`), "utf8");
  const result = importDocument(readExtractedText(text, `${seed}.txt`));
  // biome-ignore lint/suspicious/noExplicitAny: expected fixtures are plain JSON
  const expected = JSON.parse(readFileSync(join(ROOT, "fixtures/expected", `${seed}.json`), "utf8")) as any;
  return { result, expected };
}

const ws = (s: string | undefined | null) => (s == null ? null : s.replace(/\s+/g, " ").trim());
const tierRow = (i: Indicator) => [
  i.name,
  i.tiers?.excellent.text,
  i.tiers?.good.text,
  i.tiers?.fair.text,
  i.tiers?.poor.text,
];

function compactDutyTable(t: DutyGoalTable) {
  const item = (d: DutyGoalTable["duties"][number] | DutyGoalTable["duties"][number]["activities"][number]) => ({
    name: d.name,
    budget: d.budget?.text ?? null,
    content: ws(d.content),
    goal: ws(d.goal),
    indicators: d.indicators.map(tierRow),
  });
  const out: Record<string, unknown> = {
    organisation: { code: t.organisation?.code, name: t.organisation?.name },
    duties: t.duties.map((d) => ({ ...item(d), activities: d.activities.map(item) })),
  };
  if (t.unitNote) out.unitNote = t.unitNote;
  return out;
}
function expectedDutyTable(t: Record<string, unknown>) {
  // biome-ignore lint/suspicious/noExplicitAny: plain JSON
  const item = (d: any) => ({ ...d, content: ws(d.content), goal: ws(d.goal) });
  // biome-ignore lint/suspicious/noExplicitAny: plain JSON
  return { ...t, duties: (t.duties as any[]).map((d) => ({ ...item(d), activities: d.activities.map(item) })) };
}

function checkCommon(result: ImportResult, expected: Record<string, unknown>) {
  expect(ImportResultSchema.safeParse(JSON.parse(JSON.stringify(result))).success).toBe(true);
  expect(result.kind).toBe(expected.kind);
  expect(result.kinds).toEqual(expected.kinds);
  expect(result.summary).toMatchObject(expected.summary as object);
  expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
  for (const p of result.problems) {
    expect(p.location.file).toBeTruthy();
    expect(p.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(p.messageEn).not.toBe("");
  }
}

const yuan = (a: Amount | undefined) => a?.yuan;

describe("seed 000: duty → activity goals of 451交警大队", () => {
  const { result, expected } = load("000_c8bf763ea5097ffd");
  it("reads the kind, the summary and no errors", () => checkCommon(result, expected));
  it("reads every duty, activity and indicator with its four tiers", () => {
    // biome-ignore lint/suspicious/noExplicitAny: plain JSON
    const want = (expected.dutyGoals as any[]).map(expectedDutyTable);
    expect(result.document.dutyGoals.map(compactDutyTable)).toEqual(want);
  });
  it("headline: 3 duties, 9 activities, 27 indicators each with four tiers", () => {
    const [t] = result.document.dutyGoals;
    expect(t!.duties.map((d) => d.name)).toEqual(["道路交通管理", "车辆和驾驶人管理", "交管政务管理"]);
    const acts = t!.duties.flatMap((d) => d.activities);
    expect(acts).toHaveLength(9);
    const inds = acts.flatMap((a) => a.indicators);
    expect(inds).toHaveLength(27);
    for (const i of inds)
      for (const tier of [i.tiers!.excellent, i.tiers!.good, i.tiers!.fair, i.tiers!.poor])
        expect(tier.text).not.toBe("");
    expect(yuan(t!.duties[0]!.budget)).toBe("3490000.00");
    expect(t!.duties[0]!.activities[0]!.text.startsWith("\u3000\u3000")).toBe(true);
    const first = t!.duties[0]!.activities[0]!.indicators[0]!;
    expect(first.tiers).toMatchObject({
      direction: "higher",
      unit: "%",
      excellent: { text: "95%以上", lower: { value: 95, inclusive: true } },
      poor: { text: "85%以下", upper: { value: 85, inclusive: true } },
    });
    expect(new Set(result.problems.map((p) => p.code))).toEqual(new Set(expected.problemCodes as string[]));
  });
});

describe("seed 004: 13 project goal tables of 天津市交管局警务保障处", () => {
  const { result, expected } = load("004_8649601bbeaed617");
  it("reads the kind, the summary and no errors", () => checkCommon(result, expected));
  it("reads every project with budget, funding, purpose, goal and every indicator", () => {
    const got = result.document.projects.map((p) => ({
      title: p.title,
      indicators: p.indicators.map((i) => [i.level1, i.level2, i.name, i.description ?? "", i.target?.text]),
      organisation: p.organisation?.text,
      name: p.name,
      budget: p.budget?.text,
      fiscal: p.funding?.fiscal?.text,
      goal: ws(p.goal),
      purpose: ws(p.purpose),
    }));
    // biome-ignore lint/suspicious/noExplicitAny: plain JSON
    const want = (expected.projects as any[]).map((p) => ({ ...p, goal: ws(p.goal), purpose: ws(p.purpose) }));
    expect(got).toEqual(want);
  });
  it("headline: 111 indicators, budgets totalling 3070.21 万元, organisation with its code", () => {
    expect(result.document.projects.reduce((n, p) => n + p.indicators.length, 0)).toBe(111);
    const fen = result.document.projects.reduce((s, p) => s + BigInt(p.budget!.fen!), 0n);
    expect(fen).toBe(30_702_100_00n);
    expect(result.summary.budgetTotalWanYuan).toBe("3070.21");
    expect(result.document.organisations).toEqual([expected.organisation]);
    expect(result.document.projects[3]!.budget).toEqual({ text: "0.82", unit: "万元", fen: "820000", yuan: "8200.00" });
    expect(result.document.projects.every((p) => p.funding?.other === undefined)).toBe(true);
    expect(new Set(result.problems.map((p) => p.code))).toEqual(new Set(expected.problemCodes as string[]));
  });
});

describe("seed 002: department self-evaluation of 青山区交通大队 (table and report)", () => {
  const { result, expected: e } = load("002_720a01ff2c7d777f");
  // biome-ignore lint/suspicious/noExplicitAny: plain JSON
  const x = e as any;
  const d = result.document.departmentSelfEvaluation!;
  it("reads the kind, the summary and no errors", () => checkCommon(result, e));
  it("reads the header, budget line, points and scores as stated", () => {
    expect(d.organisation).toBe(x.organisation);
    expect(d.year).toBe(x.year);
    expect(d.totalScore?.value).toBe(x.totalScore);
    expect(d.basicSpending?.text).toBe(x.basicSpending);
    expect(d.projectSpending?.text).toBe(x.projectSpending);
    expect({
      label: d.budget?.label,
      budget: d.budget?.budget?.text,
      executed: d.budget?.executed?.text,
      rate: d.budget?.rate?.text,
      score: d.budget?.score?.text,
      budgetYuan: d.budget?.budget?.yuan,
      executedYuan: d.budget?.executed?.yuan,
    }).toEqual(x.budget);
    expect(d.budgetPoints?.value).toBe(x.budgetPoints);
    expect(d.goalPoints?.value).toBe(x.goalPoints);
    expect(d.goalScore?.value).toBe(x.goalScore);
    expect(d.sections.map((s) => [s.level1, s.points?.value])).toEqual(x.sections);
    expect(d.deviation?.startsWith(x.deviationStartsWith)).toBe(true);
    expect(d.improvement?.startsWith(x.improvementStartsWith)).toBe(true);
  });
  it("reads every indicator row with target, actual and stated score (total 74 + 18 = 92)", () => {
    expect(
      d.indicators.map((i) => [i.level1, i.level2, i.name, i.target?.text, i.actual?.text, i.score?.text]),
    ).toEqual(x.indicators);
    const sum = d.indicators.reduce((s, i) => s + Number(i.score!.value), 0);
    expect(sum).toBe(74);
  });
  it("reads the six projects' budgets (2953.33) and executions (2609.14) from the report", () => {
    expect(d.report).toEqual({
      budget: { text: "2953.33", unit: "万元", fen: "2953330000", yuan: "29533300.00" },
      executed: { text: "2609.14", unit: "万元", fen: "2609140000", yuan: "26091400.00" },
      rate: { text: x.report.rate, percent: "88.3" },
      statedScore: { text: "92", value: "92" },
      projectCount: 6,
    });
    expect(d.projects.map((p) => [p.name, p.budget?.text, p.executed?.text, p.statedScore?.text ?? null])).toEqual(
      x.projects,
    );
    const total = (pick: (p: (typeof d.projects)[number]) => Amount | undefined) =>
      d.projects.reduce((s, p) => s + BigInt(pick(p)!.fen!), 0n);
    expect(total((p) => p.budget)).toBe(BigInt(x.projectBudgetsYuan.replace(".", "")));
    expect(total((p) => p.executed)).toBe(BigInt(x.projectExecutionsYuan.replace(".", "")));
    expect(result.problems.map((p) => p.code)).toEqual(x.problemCodes);
  });
  it("keeps the report text whole, paragraph by paragraph with its line", () => {
    const paragraphs = result.document.paragraphs;
    expect(paragraphs[0]).toEqual({
      text: "2020 年度武汉市公安局青山区交通大队整体绩效",
      location: { file: "002_720a01ff2c7d777f.txt", row: 3 },
    });
    expect(paragraphs.find((p) => p.text.startsWith("预算执行部分完成的项目 3 个"))?.location.row).toBe(136);
  });
});

describe("seed 003: department expenditure self-evaluation of 曲靖市交警支队", () => {
  const { result, expected: e } = load("003_edf844a12b53980c");
  // biome-ignore lint/suspicious/noExplicitAny: plain JSON
  const x = e as any;
  const d = result.document.departmentExpenditureEvaluation!;
  it("reads the kind, the summary and no errors", () => checkCommon(result, e));
  it("reads the budget rows in 元 although the header says 万元", () => {
    expect([d.organisation, d.year, d.statedUnit, d.amountUnit]).toEqual([
      x.organisation,
      x.year,
      x.statedUnit,
      x.amountUnit,
    ]);
    expect(
      d.budgetRows.map((r) => [
        r.label,
        r.category,
        r.initial?.text ?? null,
        r.adjustment?.text ?? null,
        r.budget?.text ?? null,
        r.executed?.text ?? null,
        r.rate?.text ?? null,
      ]),
    ).toEqual(x.budgetRows);
    const total = d.budgetRows[0]!;
    expect({
      initial: total.initial?.fen,
      adjustment: total.adjustment?.fen,
      budget: total.budget?.fen,
      executed: total.executed?.fen,
    }).toEqual(x.budgetFen.total);
    expect(d.goal?.startsWith("<p>2023年度按照支队年度计划安排")).toBe(true);
  });
  it("reads every indicator row with its operator code, target, unit, actual and reason", () => {
    expect(
      d.indicators.map((i) => [
        i.level1,
        i.level2,
        i.name,
        i.operatorCode,
        i.target?.text,
        i.unit,
        i.actual?.text,
        i.deviation,
        i.location.row,
      ]),
    ).toEqual(x.indicators);
    for (const i of d.indicators) {
      const op = x.operators[i.operatorCode!];
      if (op) expect(i.operator).toBe(op);
      else expect(x.unknownCodes).toContain(i.operatorCode);
    }
  });
  it("reads `333万` as 3,330,000 and reports the rows without an actual value", () => {
    for (const [name, text, value] of x.specialActuals) {
      const i = d.indicators.find((k) => k.name === name)!;
      expect(i.actual?.text).toBe(text);
      expect(i.actual?.parsed?.value).toBe(value);
    }
    const missing = result.problems.filter((p) => p.code === "missing_actual").map((p) => p.location.row);
    expect(missing).toEqual(x.missingActualLines);
    expect(new Set(result.problems.map((p) => p.code))).toEqual(new Set(x.problemCodes));
    d.notes.forEach((n, k) => {
      expect(n.startsWith(x.notesStartWith[k])).toBe(true);
    });
  });
});

describe("seed 001: 赵县公安局 2017 budget disclosure with goal tables", () => {
  const { result, expected: e } = load("001_cf6ae51127079c27");
  // biome-ignore lint/suspicious/noExplicitAny: plain JSON
  const x = e as any;
  const d = result.document.disclosure!;
  const t = (a: Amount | undefined) => a?.text;
  it("reads both kinds, the summary and no errors", () => checkCommon(result, e));
  it("reads both units' goal tables in full", () => {
    // biome-ignore lint/suspicious/noExplicitAny: plain JSON
    expect(result.document.dutyGoals.map(compactDutyTable)).toEqual((x.dutyGoals as any[]).map(expectedDutyTable));
    expect(result.document.organisations).toEqual(x.organisations);
  });
  it("reads title, duties, units, overview, 机关运行经费", () => {
    const xd = x.disclosure;
    expect([d.title, d.organisation, d.year]).toEqual([xd.title, xd.organisation, xd.year]);
    expect(d.duties.map((u) => [u.number, u.name])).toEqual(xd.duties);
    expect(d.units.map((u) => [u.name, u.nature, u.rank, u.fundingForm])).toEqual(xd.units);
    expect(t(d.overview?.total)).toBe(xd.overview.total);
    expect(t(d.overview?.priorYearTotal)).toBe(xd.overview.priorYearTotal);
    expect(d.overview?.parts.map((p) => [p.label, p.amount.text])).toEqual(xd.overview.parts);
    for (const [item, values] of xd.overview.comparisons) {
      const c = d.overview?.comparisons.find((k) => k.item === item);
      expect(c?.values.map((v) => [v.year, v.amount.text])).toEqual(values);
    }
    expect(t(d.runningCosts?.amount)).toBe(xd.runningCosts);
    expect(d.sections.map((s) => s.heading)).toEqual(xd.sectionHeadings);
  });
  it("reads the 三公 figures with the prior-year comparison", () => {
    const tp = d.threePublic!;
    const xt = x.disclosure.threePublic;
    expect([t(tp.total), t(tp.abroad), t(tp.vehicles), t(tp.vehicleOperation), t(tp.reception)]).toEqual([
      xt.total,
      xt.abroad,
      xt.vehicles,
      xt.vehicleOperation,
      xt.reception,
    ]);
    expect([tp.vehiclePurchase?.text, tp.vehiclePurchase?.unit]).toEqual(xt.vehiclePurchase);
    expect(tp.changes.map((c) => [c.item, c.direction, c.amount.text, c.reason])).toEqual(xt.changes);
    expect(tp.total?.yuan).toBe("2037700.00");
  });
  it("reads every procurement line and both asset tables", () => {
    const xd = x.disclosure;
    expect(d.procurementStated.map((s) => [s.label, s.amount.text])).toEqual(xd.procurementStated);
    const [bySource, list] = d.procurement;
    expect(bySource!.totals.map((k) => [k.label, k.amount.text])).toEqual(xd.procurement[0].totals);
    expect(
      bySource!.lines.map((l) => [
        l.project,
        t(l.projectBudget),
        l.item,
        l.catalog,
        l.quantity?.text,
        t(l.unitPrice),
        t(l.amount),
      ]),
    ).toEqual(xd.procurement[0].lines);
    expect(list!.region).toBe(xd.procurement[1].region);
    expect(list!.totals.map((k) => [k.label, k.amount.text])).toEqual(xd.procurement[1].totals);
    expect(
      list!.lines.map((l) => [l.group, l.number ?? null, l.item, l.quantity?.text, t(l.unitPrice), t(l.amount)]),
    ).toEqual(xd.procurement[1].lines);
    expect(d.assetsStated.map((s) => [s.label, s.amount.text, s.amount.unit])).toEqual(xd.assetsStated);
    expect(
      d.assets.map((a) => ({
        title: a.title,
        organisation: a.organisation,
        asOf: a.asOf,
        unit: a.unit,
        total: t(a.total),
        lines: a.lines.map((l) => [l.label, l.quantity?.text, l.amount.text]),
      })),
    ).toEqual(xd.assets);
  });
  it("reads tiers in either direction (废品率: lower is better)", () => {
    const all = result.document.dutyGoals.flatMap((g) =>
      g.duties.flatMap((d) => d.activities.flatMap((a) => a.indicators)),
    );
    expect(all.find((i) => i.name === "废品率。")?.tiers).toMatchObject({ direction: "lower", unit: "‰" });
    expect(all.find((i) => i.name === "居民持证率。")?.tiers).toMatchObject({ direction: "higher", unit: "%" });
  });
  it("keeps the document's mistakes and reports them with locations", () => {
    for (const [code, row] of x.expectedProblems) {
      const hit = result.problems.find((p) => p.code === code && (row === null || p.location.row === row));
      expect(hit, `${code} at ${row}`).toBeDefined();
    }
    expect(result.document.unmapped).toEqual([]);
  });
  it("keeps the goal tables when read as a disclosure only (--kind budget-disclosure)", () => {
    const text = readFileSync(join(ROOT, "fixtures/seeds/001_cf6ae51127079c27.txt"), "utf8");
    const only = importDocument(readExtractedText(text, "001.txt"), { kind: "budget-disclosure" });
    expect(only.kinds).toEqual(["budget-disclosure"]);
    expect(only.summary).toMatchObject({ duties: 19, activities: 44, indicators: 151 });
    expect(only.document.unmapped).toEqual([]);
  });
});

describe("duty tables without the full-width indentation (a reader that trims it)", () => {
  for (const seed of ["000_c8bf763ea5097ffd", "001_cf6ae51127079c27"]) {
    it(`reads the same duties, activities and indicators (${seed})`, () => {
      const text = readFileSync(join(ROOT, "fixtures/seeds", `${seed}.txt`), "utf8");
      const shape = (t: string) =>
        importDocument(readExtractedText(t, `${seed}.txt`)).document.dutyGoals.map((g) =>
          g.duties.map((d) => [d.name, d.indicators.length, d.activities.map((a) => [a.name, a.indicators.length])]),
        );
      expect(shape(text.replace(/^\t[\u3000 ]+/gm, "\t"))).toEqual(shape(text));
    });
  }
});
