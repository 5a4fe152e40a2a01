/**
 * Layouts of the tenth held-out set, each as a general rule over generated forms:
 * - one cell a line, every cell followed by a line `|`, a row closed by a run of pipes (`||||||`) and an empty cell a
 *   lone `|` (保山's 20 × 执行率 + 80 自评表), the text's head (附件1, the title, 单位名称:…) before the first cell;
 * - a run-together goal form with one value column per place after a 指标方向 column (莆田: `…指标方向笏石街道办埭头镇`),
 *   the signs and the places' values glued (`≤100%100%`, `≥11`, `是/否否否`), its head's amounts glued to their labels
 *   under a unit note (`资金情况(万元)资金总额35其中:…`), a 成本指标 一级 over 经济成本指标, a date inside a name;
 * - a goal form flattened column by column (永兴's .doc: the label column with its 一级指标 and vertical labels first,
 *   then the values), its budget glued after a label's unit note (`县动物卫生监督所资金总额(万元)50`).
 */
import { evaluationsFromDocument } from "@jixiao/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gluedBudget } from "../../src/import/form-budget.ts";
import { importDocument } from "../../src/import/index.ts";
import { recoverLayout } from "../../src/layout/index.ts";
import { gatherPipeLines } from "../../src/layout/pipe-lines.ts";
import { readExtractedText } from "../../src/text/index.ts";
import { nameArb, tableArb } from "./generate.ts";

const filled = (r: string[]) => r.filter((c) => c !== "");

/**
 * 保山's rendering: the head's lines, then each row's cells a line each (a long header name wrapped after its fourth
 * character) with a line `|` after each — a merged cell before the first filled one and empty ones after the last
 * left out, an empty cell between two filled ones a lone `|` — the row closed by the pipes that make it as wide as
 * the form (at least two); after a row, now and then, a row of empty cells (lone `|` lines, then its run).
 */
function renderCellsRowRuns(rows: string[][], width: number, emptyAfter: (k: number) => boolean): string {
  const out: string[] = ["附件1", "2022年度项目支出绩效自评表", "单位名称:某市某局 填报日期:2023年4月6日"];
  rows.forEach((row, k) => {
    const first = row.findIndex((c) => c !== "");
    const last = row.length - 1 - [...row].reverse().findIndex((c) => c !== "");
    const cells = row.slice(first, last + 1);
    for (const c of cells) {
      const wrap = [...c].length > 6 && k === 0;
      out.push(...(c === "" ? [] : wrap ? [c.slice(0, 4), c.slice(4)] : [c]), "|");
    }
    out.push("|".repeat(width - cells.length));
    if (emptyAfter(k)) out.push(...Array.from({ length: 3 }, () => "|"), "|".repeat(width - 3));
  });
  return out.join("\n");
}

describe("one cell a line with its | on a line of its own, rows closed by a run of pipes (保山)", () => {
  it("gathers the cells, keeps each row's run of pipes as its end, and leaves the head's lines out of the first cell", () => {
    const lines = ["附件1", "某某自评表", "单位名称:某局", "项目名称", "|", "某项目", "|", "||||||", "主管部门", "|"];
    const more = ["某局", "|", "实施单位", "|", "某所", "|", "|||||"];
    const got = gatherPipeLines([...lines, ...more].map((text, i) => ({ no: i + 1, text, page: 1 })));
    expect(got.filter((l) => !l.gone).map((l) => l.text)).toEqual([
      "附件1",
      "某某自评表",
      "单位名称:某局",
      "项目名称 |",
      "某项目 |",
      "||||||",
      "主管部门 |",
      "某局 |",
      "实施单位 |",
      "某所 |",
      "|||||",
    ]);
  });

  it("for any generated table so written, every row comes back with its cells", () => {
    fc.assert(
      fc.property(
        tableArb,
        fc.integer({ min: 2, max: 5 }),
        fc.array(fc.boolean(), { maxLength: 12 }),
        (t, extra, e) => {
          const head = [
            ["项目名称", "春节走访慰问经费"],
            ["主管部门", "某市某局", "项目实施单位", "某市某局"],
          ];
          const width = t.header.length + extra;
          const text = renderCellsRowRuns([...head, t.header, ...t.rows], width, (k) => k > 2 && e[k] === true);
          const grids = recoverLayout(text, "g.txt")
            .document.blocks.flatMap((b) => (b.type === "table" ? [b.table] : []))
            .map((tb) => tb.rows.map((r) => r.map((c) => c.text)));
          const grid = grids.find((g) => g.some((r) => r.join() === t.header.join()));
          expect(grid).toBeDefined();
          const at = grid!.findIndex((r) => r.join() === t.header.join());
          expect(
            grid!
              .slice(at)
              .map(filled)
              .filter((r) => r.length > 0),
          ).toEqual([t.header, ...t.rows].map(filled));
        },
      ),
      { numRuns: 60 },
    );
  });

  /** 万元 with two decimals from a whole number of hundredths: `34.64`. */
  const wan = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, "0")}`;

  it("reads a 20 × 执行率 + 80 self-evaluation so written: its funds, every indicator, its total", () => {
    const NAMES: [string, string][] = [
      ["数量指标", "慰问对象人数"],
      ["质量指标", "补助经费足额拨付率"],
      ["时效指标", "春节前完成走访慰问"],
      ["成本指标", "人均慰问成本"],
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 9_999_999 }),
        fc.integer({ min: 1, max: 100 }),
        fc.subarray(NAMES, { minLength: 1 }),
        fc.boolean(),
        (budget, pct, outputs, satisfaction) => {
          const executed = Math.floor((budget * pct) / 100);
          const rate = Math.round((executed * 100) / budget);
          // 20 × 执行率, in tenths (rate is a whole percent): 57% → 11.4
          const tenths = (n: number) => (n % 10 === 0 ? String(n / 10) : `${Math.floor(n / 10)}.${n % 10}`);
          const rateScore = tenths(rate * 2);
          const total = tenths(rate * 2 + outputs.length * 200 + (satisfaction ? 100 : 0));
          const rows: string[][] = [
            ["项目名称", "春节走访慰问经费"],
            ["主管部门", "某市退役军人事务局", "项目实施单位", "某市退役军人事务局"],
            ["项目类别", "1、部门预算项目 R 2、市直专项 □"],
            ["预算执行情况(万元)(20分)", "", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分(20分*执行率)"],
            ["年度财政资金总额", wan(budget), wan(executed), `${rate}%`, rateScore],
            ["年度绩效目标(80分)", "一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"],
          ];
          outputs.forEach(([l2, name], k) => {
            rows.push([...(k === 0 ? ["产出指标(60分)"] : []), l2, `${name}${k + 1}`, "100%", "100%", "20"]);
          });
          if (satisfaction)
            rows.push(["满意度指标(10分)", "服务对象满意度指标", "服务对象满意率", "≥95%", "98%", "10"]);
          rows.push(["总分(100分)", total, "自评等级", "优"]);
          const text = renderCellsRowRuns(rows, 10, (k) => k === 7);
          const imported = importDocument(readExtractedText(`${text}\n备注:1.预算执行情况口径\n`, "g.txt")).document;
          const p = imported.projectSelfEvaluations[0];
          // scored as the form says: 20 × 执行率 + 80 (core's project-2080 scheme)
          expect(evaluationsFromDocument(imported).map((e) => e.recognition?.schemeId)).toEqual(["project-2080"]);
          expect(p).toBeDefined();
          const line = p!.funds[0]!;
          // hundredths of 万元 (100 元) in fen
          expect(line.budget?.fen).toBe(String(budget * 10_000));
          expect(line.executed?.fen).toBe(String(executed * 10_000));
          expect(line.rate?.percent).toBe(String(rate));
          expect(p!.indicators.map((i) => i.name)).toEqual([
            ...outputs.map(([, n], k) => `${n}${k + 1}`),
            ...(satisfaction ? ["服务对象满意率"] : []),
          ]);
          expect(p!.totalScore?.value).toBe(total);
        },
      ),
      { numRuns: 40 },
    );
  });
});

// ---- 莆田: one value column per place, the form glued into one run ----

const PLACES = ["笏石街道办", "埭头镇", "东庄镇", "月塘乡", "南日镇", "平海镇", "城厢街道", "山亭乡"];
const LEVELS: [string, string][] = [
  ["成本指标", "经济成本指标"],
  ["产出指标", "数量指标"],
  ["产出指标", "质量指标"],
  ["产出指标", "时效指标"],
  ["效益指标", "社会效益指标"],
  ["满意度指标", "服务对象满意度指标"],
];

/**
 * Names and explanations with no word written twice in a row: glued text reads `合格合格` as a target and an actual
 * that are equal (glued-rows.ts), which a name such as 理执理执 would be taken for.
 */
const wordsArb = nameArb.filter((s) => !/(..+)\1/.test(s));

interface PlaceRow {
  level: number;
  name: string;
  explain: string;
  sign: string;
  values: string[];
}

/** Each place's value, cut unambiguously when glued: with a unit or a percent sign, or the same bare number. */
const valuesArb = (places: number): fc.Arbitrary<string[]> =>
  fc.oneof(
    fc
      .array(fc.integer({ min: 1, max: 100 }), { minLength: places, maxLength: places })
      .map((ns) => ns.map((n) => `${n}%`)),
    fc
      .tuple(
        fc.array(fc.integer({ min: 1, max: 999 }), { minLength: places, maxLength: places }),
        fc.constantFrom("个", "次", "人", "处"),
      )
      .map(([ns, u]) => ns.map((n) => `${n}${u}`)),
    fc.integer({ min: 1, max: 9 }).map((n) => Array.from({ length: places }, () => String(n))),
    fc.constant(Array.from({ length: places }, () => "否")),
  );

const placeFormArb = fc
  .record({
    places: fc.shuffledSubarray(PLACES, { minLength: 2, maxLength: 3 }),
    budget: fc.integer({ min: 1, max: 9999 }),
    cut: fc.boolean(),
    levels: fc.uniqueArray(fc.nat(LEVELS.length - 1), { minLength: 1, maxLength: 5 }),
  })
  .chain(({ places, budget, cut, levels }) =>
    fc
      .tuple(
        ...[...levels]
          .sort((a, b) => a - b)
          .map((level) =>
            fc.record({
              level: fc.constant(level),
              name: wordsArb,
              explain: wordsArb,
              dated: fc.boolean(),
              sign: fc.constantFrom("≥", "≤", "="),
              values: valuesArb(places.length),
            }),
          ),
      )
      .map((rows) => ({
        places,
        budget,
        cut,
        rows: rows.map(
          (r): PlaceRow => ({
            level: r.level,
            name: r.dated ? `截至2026年12月底,${r.name}` : r.name,
            explain: `反映${r.explain}情况`,
            sign: r.values[0] === "否" ? "是/否" : r.sign,
            values: r.values,
          }),
        ),
      })),
  );

function renderPlaceForm(f: { places: string[]; budget: number; cut: boolean; rows: PlaceRow[] }): string {
  let body = "";
  let l1 = "";
  for (const r of f.rows) {
    const [one, two] = LEVELS[r.level]!;
    body += `${one === l1 ? "" : one}${two}${r.name}${r.explain}${r.sign}${r.values.join("")}`;
    l1 = one;
  }
  const tail = f.cut ? `${l1 === "效益指标" ? "" : "效益指标"}可持续影响指标是` : "";
  return (
    `附件2某区2025年省级水利专项资金绩效目标表项目名称省级水利专项资金主管部门(单位)名称某区水利局` +
    `资金情况(万元)资金总额${f.budget}其中:财政拨款${f.budget}其他资金0总体目标开展防洪水利设施水毁修复,` +
    `绩效指标一级指标二级指标三级指标指标解释指标方向${f.places.join("")}${body}${tail}`
  );
}

describe("a run-together goal form with one value column per place (莆田)", () => {
  it("reads the head's budget and every indicator, its target the sign and the first place's value", () => {
    fc.assert(
      fc.property(placeFormArb, (f) => {
        const text = renderPlaceForm(f);
        const p = importDocument(readExtractedText(`${text}\n`, "g.txt")).document.projects[0];
        expect(p).toBeDefined();
        expect(p!.budget?.fen).toBe(String(f.budget * 1_000_000));
        expect(p!.indicators.map((i) => [i.level2, i.name, i.target?.text])).toEqual(
          // the sign goes before the first place's value (≤100%); 是/否 says no more than the value
          f.rows.map((r) => [LEVELS[r.level]![1], r.name, `${r.sign === "是/否" ? "" : r.sign}${r.values[0]}`]),
        );
      }),
      { numRuns: 60 },
    );
  });

  it("the layout gives each place's value its own cell, the sign under 指标方向", () => {
    fc.assert(
      fc.property(placeFormArb, (f) => {
        const grids = recoverLayout(renderPlaceForm({ ...f, cut: false }), "g.txt")
          .document.blocks.flatMap((b) => (b.type === "table" ? [b.table] : []))
          .map((tb) => tb.rows.map((r) => r.map((c) => c.text)));
        const grid = grids.find((g) => g.some((r) => r.includes("指标方向")));
        expect(grid).toBeDefined();
        const at = grid!.findIndex((r) => r.includes("指标方向"));
        const header = grid![at]!;
        expect(header.slice(header.indexOf("指标方向") + 1)).toEqual(f.places);
        const rows = grid!.slice(at + 1).map((r) => r.slice(header.indexOf("指标方向")));
        expect(rows).toEqual(f.rows.map((r) => [r.sign, ...r.values]));
      }),
      { numRuns: 60 },
    );
  });
});

// ---- 永兴: a .doc goal form flattened column by column (the labels, then the values) ----

describe("a goal form flattened column by column, its budget glued after its label's unit note (永兴)", () => {
  it("reads an amount glued after a budget label's unit note, passing over other labels", () => {
    expect(gluedBudget("县动物卫生监督所资金总额(万元)50")).toEqual({ amount: "50", unit: "万元" });
    expect(gluedBudget("某所年度预算资金（元）12000")).toEqual({ amount: "12000", unit: "元" });
    expect(gluedBudget("某所其他资金(万元)50")).toBeUndefined();
  });

  it("for any such form, the budget comes back from the values after the whole label column", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("资金总额", "年度资金总额", "预算资金", "项目预算数"),
        fc.integer({ min: 1, max: 99_999 }),
        fc.constantFrom("县动物卫生监督所", "县农业综合执法大队", "镇财政所"),
        fc.subarray(["专项", "年度", "产", "绩效出", "指", "指标标"], { minLength: 3 }),
        (label, amount, unit, vertical) => {
          const text = [
            "专项资金绩效目标表",
            "(2017 年度)",
            "填报单位(盖章):某县某局",
            "专项名称",
            "部门名称",
            "专项立项",
            "依据",
            "专项年度",
            "绩效目标",
            "一级指标",
            ...vertical,
            "重大动物疫病防控专项属性延续专项√新增专项□",
            `${unit}${label}(万元)${amount}`,
            "《中华人民共和国动物防疫法》",
            "二级指标指标内容指标值备注",
            "数量指标",
            "强制免疫率",
            "100%",
            "质量指标",
            "检疫合格率",
            "≥95%",
          ].join("\n");
          const p = importDocument(readExtractedText(`${text}\n`, "g.doc.txt")).document.projects[0];
          expect(p?.budget?.fen).toBe(String(amount * 1_000_000));
        },
      ),
      { numRuns: 40 },
    );
  });
});
