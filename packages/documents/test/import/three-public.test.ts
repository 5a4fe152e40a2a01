/**
 * 三公经费 statements: the corpus documents (fixtures/corpus, kind three-public) against the figures their
 * manifests give, checked by hand; generated statements for the forms the corpus lacks (an amount broken across
 * lines, 万 without 元, a vehicle 小计 not printed in a table); never a throw.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ThreePublicSchema, type ThreePublicStatement } from "@jixiao/core/model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ImportContext } from "../../src/import/context.ts";
import { looksLikeEvaluationReport } from "../../src/import/evaluation-report.ts";
import { looksLikeThreePublic, readThreePublic } from "../../src/import/three-public.ts";
import type { Block, SourceDocument } from "../../src/model/table.ts";
import { readExtractedText } from "../../src/text/index.ts";

const CORPUS = join(import.meta.dirname, "../../../../fixtures/corpus");

interface Expected {
  basis: "budget" | "final";
  year: number;
  totalYuan?: string;
  abroadYuan?: string;
  receptionYuan?: string;
  vehicleYuan?: string;
  vehicleComputed?: boolean;
  vehiclePurchaseYuan?: string;
  vehicleRunningYuan?: string;
  priorTotalYuan?: string;
  priorDerived?: boolean;
}
interface Manifest {
  id: string;
  file: string;
  kind: string;
  figures: { threePublic?: Expected; threePublicOther?: Expected[] };
}

const manifests: Manifest[] = readdirSync(join(CORPUS, "manifest"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(join(CORPUS, "manifest", f), "utf8")) as Manifest);
const threePublic = manifests.filter((m) => m.kind === "three-public");

function read(m: Manifest) {
  const source = readExtractedText(readFileSync(join(CORPUS, m.file), "utf8"), `${m.id}.txt`);
  const ctx = new ImportContext(source);
  return { source, ctx, result: readThreePublic(ctx, source.blocks) };
}

const FIELDS = [
  ["totalYuan", "total"],
  ["abroadYuan", "abroad"],
  ["receptionYuan", "reception"],
  ["vehicleYuan", "vehicle"],
  ["vehiclePurchaseYuan", "vehiclePurchase"],
  ["vehicleRunningYuan", "vehicleRunning"],
] as const;

function expectStatement(statements: ThreePublicStatement[], e: Expected) {
  const s = statements.find((x) => x.basis === e.basis && x.year === e.year);
  expect(s, `${e.basis} ${e.year}`).toBeDefined();
  for (const [field, item] of FIELDS) {
    if (e[field] === undefined) continue;
    expect(s!.items[item]?.figure?.amount.yuan, `${e.basis} ${e.year} ${item}`).toBe(e[field]);
    const origin = item === "vehicle" && e.vehicleComputed ? "computed" : "stated";
    expect(s!.items[item]?.figure?.origin, `${item} origin`).toBe(origin);
  }
  if (e.priorTotalYuan !== undefined) {
    const prior = s!.items.total?.prior;
    expect(prior?.amount.yuan, "prior total").toBe(e.priorTotalYuan);
    expect(prior?.origin, "prior origin").toBe(e.priorDerived ? "derived" : "stated");
  }
}

/** The documents' own mistakes (their manifests' `mistakes`) as the problems a reader must report. */
const EXPECTED_PROBLEMS: Record<string, string[]> = {
  "hb-hanyang-2013-3p-1": ["three_public_total", "three_public_vehicle_sum"],
  "gx-baise-2024-3p-1": ["three_public_percent"],
  "gd-yingde-2016-3p-1": ["three_public_change", "three_public_percent", "three_public_total"],
  // the table across (header order 小计, 购置费, 运行费) gives 50 / 25 where the text says 购置费25万元, 运行费50万元
  "ah-shouxian-2022-3p-1": ["three_public_conflict"],
  // 比2025年上升867.60万元 against the items' changes −413.17 + 1884.46 − 603.68 = +867.61
  "sd-qingdao-2026-3p-1": ["three_public_change_sum"],
};

describe("三公 corpus documents", () => {
  it("has the documents", () => {
    expect(threePublic.length).toBeGreaterThanOrEqual(15);
  });

  for (const m of threePublic) {
    it(`${m.id}: recognised, figures as the manifest, its mistakes reported`, () => {
      const { source, ctx, result } = read(m);
      expect(looksLikeThreePublic(source.blocks)).toBe(true);
      expect(looksLikeEvaluationReport(source.blocks)).toBe(false);
      expect(() => ThreePublicSchema.parse(result)).not.toThrow();
      expectStatement(result.statements, m.figures.threePublic!);
      for (const o of m.figures.threePublicOther ?? []) expectStatement(result.statements, o);
      const codes = [...new Set(ctx.problems.filter((p) => p.code.startsWith("three_public_")).map((p) => p.code))];
      expect(codes.sort()).toEqual((EXPECTED_PROBLEMS[m.id] ?? []).sort());
    });
  }

  it("says where a mistake is: 汉阳 4.647万元 on line 9 at the amount, the total on line 3", () => {
    const { ctx } = read(threePublic.find((m) => m.id === "hb-hanyang-2013-3p-1")!);
    const vehicle = ctx.problems.find((p) => p.code === "three_public_vehicle_sum")!;
    // line 9: `2.公务用车购置及运行维护支出4.647万元…`, the amount after 15 characters
    expect(vehicle.location).toMatchObject({ row: 9, column: 16, field: "vehicle" });
    expect(vehicle.message).toContain("4.647万元");
    expect(ctx.problems.find((p) => p.code === "three_public_total")!.location).toMatchObject({
      row: 3,
      field: "total",
    });
  });

  it("寿县司法局: the table laid across one cell per line is read and its swapped 购置/运行 reported at the cells", () => {
    const { ctx } = read(threePublic.find((m) => m.id === "ah-shouxian-2022-3p-1")!);
    const conflicts = ctx.problems.filter((p) => p.code === "three_public_conflict");
    // lines 16 and 17 of the text are `50 |` and `25 |`
    expect(conflicts.map((p) => p.location.row)).toEqual([16, 17]);
    expect(conflicts[0]!.message).toContain("25万元");
  });

  it("渝中区: the table with no 小计 value is read only because 100 + 692 + 4612 + 430 = 5834", () => {
    const { ctx, result } = read(threePublic.find((m) => m.id === "cq-yuzhong-2017-3p-1")!);
    expect(ctx.problems.filter((p) => p.code.startsWith("three_public_"))).toEqual([]);
    expect(result.statements[0]!.items.vehicle!.figure!.origin).toBe("computed");
    // the table's cells were read (touched): the line `430 |` (公务接待费) is line 22
    expect(ctx.touched.some((l) => l.row === 22)).toBe(true);
  });

  it("江北区 (held out, read once before any change): 与2020年预算基本持平 is approximate, so no prior is made of it", () => {
    const { result } = read(threePublic.find((m) => m.id === "cq-jiangbei-2021-3p-1")!);
    const total = result.statements[0]!.items.total!;
    expect(total.change).toMatchObject({ direction: "same", approximate: true });
    expect(total.prior).toBeUndefined();
  });

  it("keeps 预算 and 决算 apart (公安部 2010 决算 and 2011 预算), the prior stated from the other statement", () => {
    const { result } = read(threePublic.find((m) => m.id === "cn-mps-2011-3p-1")!);
    const budget = result.statements.find((s) => s.basis === "budget" && s.year === 2011)!;
    expect(budget.items.abroad!.prior).toMatchObject({ origin: "stated", from: "statement", year: 2010 });
    expect(budget.items.abroad!.change).toMatchObject({ direction: "decrease", comparedYear: 2010 });
    expect(result.statements.map((s) => `${s.basis} ${s.year}`).sort()).toEqual(["budget 2011", "final 2010"]);
  });

  it("derives priors from percentages (龙泉 决算 2018, 比上年下降1.8%) and keeps the reasons", () => {
    const { result } = read(threePublic.find((m) => m.id === "zj-longquan-2018-3p-1")!);
    const s = result.statements[0]!;
    expect(s.items.abroad!.prior).toMatchObject({ origin: "derived", from: "percent" });
    // 120万 ÷ 1.791 = 67.0016…万 → 670,016.75元 (hand: 1,200,000 / 1.791 = 670,016.750…)
    expect(s.items.abroad!.prior!.amount.yuan).toBe("670016.75");
    expect(s.items.abroad!.change!.reason).toContain("一带一路");
  });
});

describe("a 三公 section inside a budget disclosure (seed 001)", () => {
  it("reads what fixtures/expected/001 says of it, the change after a closed parenthesis going to the vehicle item", () => {
    const root = join(CORPUS, "../..");
    const seed = readdirSync(join(root, "fixtures/seeds")).find((f) => f.startsWith("001_"))!;
    const expected = JSON.parse(readFileSync(join(root, "fixtures/expected", seed.replace(/\.txt$/, ".json")), "utf8"))
      .disclosure.threePublic;
    const source = readExtractedText(readFileSync(join(root, "fixtures/seeds", seed), "utf8"), seed);
    const ctx = new ImportContext(source);
    // a whole disclosure is not a 三公 statement, but its 三公 section reads
    expect(looksLikeThreePublic(source.blocks)).toBe(false);
    const [s, ...others] = readThreePublic(ctx, source.blocks).statements;
    expect(others).toEqual([]);
    const wan = (item: keyof ThreePublicStatement["items"]) => s!.items[item]!.figure!.amount;
    // expected amounts are in 万元 (203.77 → 2,037,700.00 元)
    expect(wan("total").yuan).toBe("2037700.00");
    expect(expected.total).toBe("203.77");
    expect(wan("abroad").yuan).toBe("0.00");
    expect(wan("vehicle").yuan).toBe("2024600.00");
    expect(wan("vehicleRunning").yuan).toBe("2024600.00");
    expect(wan("vehiclePurchase").text).toBe("0元");
    expect(wan("reception").yuan).toBe("13100.00");
    expect(s!.items.vehicle!.change).toMatchObject({ direction: "increase", reason: expected.changes[0][3] });
    expect(s!.items.vehicle!.change!.amount!.yuan).toBe("73700.00");
    expect(s!.items.reception!.change).toMatchObject({ direction: "decrease", reason: expected.changes[1][3] });
    expect(s!.items.vehiclePurchase!.change).toBeUndefined();
    expect(ctx.problems).toEqual([]);
  });
});

const para = (text: string, row: number): Block => ({ type: "paragraph", text, location: { file: "g.txt", row } });
const doc = (blocks: Block[]): SourceDocument => ({ file: "g.txt", format: "word-text", blocks });

describe("generated statements", () => {
  it("reads an amount broken across lines, 38万 without 元, both bases, and the prior from the other statement", () => {
    const lines = [
      "某县公安局交通警察大队2023年“三公”经费预算及2022年决算情况说明",
      "2022年“三公”经费支出决算75万",
      "元，其中：因公出国（境）费0元，公务接待费5万元，公务用车购置及运行费70万元（公务用车购置费0万元，公务用车运行费70万元）。",
      "2023年“三公”经费预算38万，比上年决算减少37万元，下降49.33%。其中：公务接待费3万，公务用车运行维护费35万元。",
    ];
    const source = doc(lines.map((l, i) => para(l, i + 1)));
    const ctx = new ImportContext(source);
    expect(looksLikeThreePublic(source.blocks)).toBe(true);
    const r = readThreePublic(ctx, source.blocks);
    const final = r.statements.find((s) => s.basis === "final")!;
    const budget = r.statements.find((s) => s.basis === "budget")!;
    expect(final.year).toBe(2022);
    expect(final.items.total!.figure!.amount).toMatchObject({ text: "75万\n元", yuan: "750000.00" });
    // `2022年“三公”经费支出决算` is 15 characters: the amount starts at the 16th
    expect(final.items.total!.figure!.location).toMatchObject({ row: 2, column: 16 });
    expect(final.items.abroad!.figure!.amount.yuan).toBe("0.00");
    expect(final.items.vehicle!.figure!.amount.yuan).toBe("700000.00");
    expect(budget.year).toBe(2023);
    expect(budget.items.total!.figure!.amount.yuan).toBe("380000.00");
    expect(budget.items.reception!.figure!.amount.yuan).toBe("30000.00");
    // 75 − 38 = 37万; 37 ÷ 75 = 49.33%: consistent, so no problem
    expect(budget.items.total!.prior).toMatchObject({ origin: "stated", from: "statement" });
    expect(budget.items.total!.prior!.amount.yuan).toBe("750000.00");
    expect(ctx.problems).toEqual([]);
  });

  it("reads a table with its 单位 line, computes the vehicle 小计 not printed, and reports a total that is not the sum", () => {
    const rows = [
      ["项目", "2024年预算数"],
      ["合计", "30"],
      ["因公出国（境）费", "0"],
      ["公务接待费", "6"],
      ["公务用车购置费", "10"],
      ["公务用车运行费", "15"],
    ];
    const table: Block = {
      type: "table",
      table: { rows: rows.map((r) => r.map((text) => ({ text }))), location: { file: "g.txt", table: 1 } },
    };
    const source = doc([para("某局2024年一般公共预算“三公”经费支出预算表", 1), para("单位：万元", 2), table]);
    const ctx = new ImportContext(source);
    const r = readThreePublic(ctx, source.blocks);
    const s = r.statements.find((x) => x.basis === "budget" && x.year === 2024)!;
    expect(s.items.total!.figure!.amount.yuan).toBe("300000.00");
    expect(s.items.vehicle!.figure).toMatchObject({ origin: "computed", amount: { yuan: "250000.00" } });
    // 0 + 6 + 25 = 31 ≠ 30
    const p = ctx.problems.find((x) => x.code === "three_public_total")!;
    expect(p.location).toMatchObject({ table: 1, row: 2, column: 2 });
    expect(p.messageEn).toContain("310000.00");
  });

  it("reports a stated change that does not match the two years, and one 持平 that is not", () => {
    const lines = [
      "某局2021年“三公”经费预算说明",
      "2021年公务接待费预算8万元，2020年预算12万元，比上年减少3万元。",
      "2021年因公出国（境）费预算5万元，2020年预算4万元，与上年持平。",
    ];
    const ctx = new ImportContext(doc(lines.map((l, i) => para(l, i + 1))));
    readThreePublic(ctx, ctx.source.blocks);
    const codes = ctx.problems.map((p) => [p.code, p.location.row]);
    expect(codes).toContainEqual(["three_public_change", 2]);
    expect(codes).toContainEqual(["three_public_change", 3]);
  });

  it("never throws, on any paragraphs and tables", () => {
    const piece = fc.constantFrom(
      "“三公”经费",
      "公务接待费",
      "公务用车购置及运行费",
      "因公出国(境)费",
      "预算",
      "决算",
      "2023年",
      "比上年",
      "减少",
      "持平",
      "12.5万元",
      "38万",
      "3,000元",
      "5%",
      "，",
      "。",
      "\n",
      "|",
    );
    const text = fc.array(piece, { maxLength: 25 }).map((a) => a.join(""));
    fc.assert(
      fc.property(
        fc.array(text, { maxLength: 6 }),
        fc.array(fc.array(text, { minLength: 1, maxLength: 4 }), { maxLength: 5 }),
        (ps, rows) => {
          const blocks: Block[] = ps.map((t, i) => para(t, i + 1));
          if (rows.length > 0) {
            const width = Math.max(...rows.map((r) => r.length));
            blocks.push({
              type: "table",
              table: {
                rows: rows.map((r) => [...r, ...Array(width - r.length).fill("")].map((t: string) => ({ text: t }))),
                location: { file: "g.txt", table: 1 },
              },
            });
          }
          const ctx = new ImportContext(doc(blocks));
          looksLikeThreePublic(blocks);
          const r = readThreePublic(ctx, blocks);
          expect(() => ThreePublicSchema.parse(r)).not.toThrow();
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** An amount of 万元 with two decimals from a whole number of fen ÷ 100 (`1234.56`), and its 元 as the model writes it. */
const wan = fc.integer({ min: 0, max: 9_999_999 }).map((cents) => ({
  text: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`,
  yuan: `${Math.floor(cents / 100) * 10000 + (cents % 100) * 100}.00`,
  cents,
}));
const sumWan = (...xs: { cents: number }[]) => {
  const cents = xs.reduce((a, x) => a + x.cents, 0);
  return {
    text: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`,
    yuan: `${Math.floor(cents / 100) * 10000 + (cents % 100) * 100}.00`,
    cents,
  };
};

describe("generated vehicle labels and table columns", () => {
  const vehicleWord = fc.constantFrom("公务用车", "公车", "公务车辆");
  const runningWord = fc.constantFrom("运行", "运行维护", "运转", "运转维护", "运行及维护");
  const fee = fc.constantFrom("费", "费用", "经费");
  const and = fc.constantFrom("及", "和", "与");

  it("a vehicle subtotal whose label names both parts is the subtotal, in either order, with or without the vehicle word repeated", () => {
    fc.assert(
      fc.property(
        fc.record({ abroad: wan, reception: wan, purchase: wan, running: wan }),
        fc.record({
          who: vehicleWord,
          run: runningWord,
          fee,
          and,
          runningFirst: fc.boolean(),
          repeat: fc.boolean(),
          partsRunningFirst: fc.boolean(),
        }),
        (a, w) => {
          const vehicle = sumWan(a.purchase, a.running);
          const total = sumWan(a.abroad, a.reception, vehicle);
          const second = w.repeat ? w.who : "";
          const subtotal = w.runningFirst
            ? `${w.who}${w.run}${w.fee}${w.and}${second}购置${w.fee}`
            : `${w.who}购置${w.fee}${w.and}${second}${w.run}${w.fee}`;
          const parts = [`${w.who}购置费${a.purchase.text}万元`, `${w.who}${w.run}费${a.running.text}万元`];
          if (w.partsRunningFirst) parts.reverse();
          const lines = [
            "某市公安局2025年“三公”经费预算情况说明",
            `2025年“三公”经费预算${total.text}万元。其中：因公出国（境）费${a.abroad.text}万元；公务接待费${a.reception.text}万元；${subtotal}${vehicle.text}万元（其中，${parts.join("；")}）。`,
          ];
          const ctx = new ImportContext(doc(lines.map((l, i) => para(l, i + 1))));
          const s = readThreePublic(ctx, ctx.source.blocks).statements.find((x) => x.year === 2025)!;
          expect(s.items.vehicle?.figure).toMatchObject({ origin: "stated", amount: { yuan: vehicle.yuan } });
          expect(s.items.vehiclePurchase?.figure?.amount.yuan).toBe(a.purchase.yuan);
          expect(s.items.vehicleRunning?.figure?.amount.yuan).toBe(a.running.yuan);
          expect(s.items.total?.figure?.amount.yuan).toBe(total.yuan);
          expect(ctx.problems.filter((p) => p.code.startsWith("three_public_"))).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("reads the rows of a table with year columns and a column of reasons (增减原因, 说明, 备注), reasons with numbers or not", () => {
    const reason = fc.constantFrom(
      "",
      "严格执行中央八项规定，减少公务接待。",
      "新增2辆执法执勤车辆",
      "按照过紧日子要求压减10%",
      "公务用车改革后，取消部分单位公务用车",
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 2015, max: 2030 }),
        fc.record({ abroad: wan, reception: wan, purchase: wan, running: wan }),
        fc.record({ abroad: wan, reception: wan, purchase: wan, running: wan }),
        fc.constantFrom("增减原因", "说明", "备注"),
        fc.array(reason, { minLength: 6, maxLength: 6 }),
        fc.record({ run: runningWord, subtotal: fc.constantFrom("公务用车费", "公务用车购置及运行费") }),
        fc.boolean(),
        (year, cur, prev, why, reasons, w, pipe) => {
          const vc = sumWan(cur.purchase, cur.running);
          const vp = sumWan(prev.purchase, prev.running);
          const tc = sumWan(cur.abroad, cur.reception, vc);
          const tp = sumWan(prev.abroad, prev.reception, vp);
          const diff = (x: { cents: number }, y: { cents: number }) => ((x.cents - y.cents) / 100).toFixed(2);
          const body: [string, { text: string; cents: number }, { text: string; cents: number }][] = [
            ["合计", tp, tc],
            ["1、因公出国(境)费用", prev.abroad, cur.abroad],
            ["2、公务接待费", prev.reception, cur.reception],
            [`3、${w.subtotal}`, vp, vc],
            [`其中:(1)公务用车${w.run}费`, prev.running, cur.running],
            ["(2)公务用车购置费", prev.purchase, cur.purchase],
          ];
          const rows = [
            ["项目", `${year - 1}年预算数`, `${year}年预算数`, `${year}年预算数增减`, why],
            ...body.map(([label, p, c], i) => [label, p.text, c.text, diff(c, p), reasons[i]!]),
          ];
          const blocks: Block[] = [para("单位:万元", 1)];
          if (pipe) blocks.push(...rows.map((r, i) => para(`${r.join(" | ")} |`, i + 2)));
          else
            blocks.push({
              type: "table",
              table: { rows: rows.map((r) => r.map((text) => ({ text }))), location: { file: "g.txt", table: 1 } },
            });
          blocks.push(para(`某县${year}年“三公”经费预算增减变化情况说明`, 9));
          const ctx = new ImportContext(doc(blocks));
          const r = readThreePublic(ctx, blocks);
          for (const [y, v, t, vehicle] of [
            [year, cur, tc, vc],
            [year - 1, prev, tp, vp],
          ] as const) {
            const s = r.statements.find((x) => x.basis === "budget" && x.year === y)!;
            expect(s.items.total?.figure?.amount.yuan).toBe(t.yuan);
            expect(s.items.abroad?.figure?.amount.yuan).toBe(v.abroad.yuan);
            expect(s.items.reception?.figure?.amount.yuan).toBe(v.reception.yuan);
            expect(s.items.vehicle?.figure).toMatchObject({ origin: "stated", amount: { yuan: vehicle.yuan } });
            expect(s.items.vehiclePurchase?.figure?.amount.yuan).toBe(v.purchase.yuan);
            expect(s.items.vehicleRunning?.figure?.amount.yuan).toBe(v.running.yuan);
          }
          const s = r.statements.find((x) => x.year === year)!;
          expect(s.items.total?.prior?.amount.yuan).toBe(tp.yuan);
          expect(ctx.problems.filter((p) => p.code.startsWith("three_public_"))).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("a row without a header: a remark after the numbers is left, a word among them is no row", () => {
    const blocks: Block[] = [
      para("某局2024年“三公”经费预算表", 1),
      para("单位:万元", 2),
      para("合计 | 30 |", 3),
      para("公务接待费 | 10 | 新增2批次接待 |", 4),
      para("公务用车运转维护费 | 20 |", 5),
      para("因公出国（境）费 | 见说明 | 5 |", 6),
    ];
    const ctx = new ImportContext(doc(blocks));
    const s = readThreePublic(ctx, blocks).statements[0]!;
    expect(s.items.reception?.figure?.amount.yuan).toBe("100000.00");
    expect(s.items.vehicleRunning?.figure?.amount.yuan).toBe("200000.00");
    expect(s.items.abroad).toBeUndefined();
  });
});

describe("generated changes of the items against the total's", () => {
  const change = fc.integer({ min: -500_000, max: 500_000 });
  const money = (cents: number) => {
    const a = Math.abs(cents);
    return `${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}万元`;
  };
  const said = (cents: number, up: string, down: string) =>
    cents === 0 ? "与上年持平" : `比上年${cents > 0 ? up : down}${money(cents)}`;

  it("property: a total's change that is not the sum of its items' changes is reported at it, one that is is not", () => {
    fc.assert(
      fc.property(
        fc.record({ abroad: change, reception: change, purchase: change, running: change }),
        fc.integer({ min: -2, max: 2 }),
        fc.boolean(),
        fc.constantFrom(["增加", "减少"], ["上升", "下降"], ["增长", "减少"]),
        (c, off, vehicleStated, [up, down]) => {
          const sum = c.abroad + c.reception + c.purchase + c.running + off;
          const vehicle = vehicleStated
            ? `公务用车购置及运行费10000.00万元，${said(c.purchase + c.running, up!, down!)}（其中：公务用车购置费4000.00万元，${said(c.purchase, up!, down!)}；公务用车运行维护费6000.00万元，${said(c.running, up!, down!)}）`
            : `公务用车购置费4000.00万元，${said(c.purchase, up!, down!)}；公务用车运行维护费6000.00万元，${said(c.running, up!, down!)}`;
          const lines = [
            "某市2026年市级“三公”经费预算情况说明",
            `2026年“三公”经费预算为13000.00万元，${said(sum, up!, down!)}。`,
            `从明细看，公务接待费2000.00万元，${said(c.reception, up!, down!)}；${vehicle}；因公出国（境）费用1000.00万元，${said(c.abroad, up!, down!)}。`,
          ];
          const ctx = new ImportContext(doc(lines.map((l, i) => para(l, i + 1))));
          readThreePublic(ctx, ctx.source.blocks);
          const found = ctx.problems.filter((p) => p.code === "three_public_change_sum");
          if (off === 0) expect(found).toEqual([]);
          else {
            expect(found).toHaveLength(1);
            expect(found[0]!.location.row).toBe(2);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
