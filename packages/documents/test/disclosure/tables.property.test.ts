/**
 * The disclosure table reader on generated tables: a 支出决算表 (科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出) with a
 * 合计 row and random rows, written as `|` rows, tab rows or columns aligned by spaces, under its title, unit and
 * unit-name lines. Every amount comes back exactly, in the row and column it was written in; a consistent table raises
 * no `disclosure.table-sum`; one cell changed raises it at that table.
 */
import { reviewDocument } from "@jixiao/core";
import type { ImportedDocument } from "@jixiao/core/model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellShape, splitRowText } from "../../src/disclosure/tables.ts";
import { ImportContext, setSpacesFromFormat } from "../../src/import/context.ts";
import { readFinalAccount } from "../../src/import/final-account.ts";
import { readExtractedText } from "../../src/text/index.ts";

type Form = "pipe" | "tab" | "spaced";

const NAMES = [
  "公共安全支出",
  "社会保障和就业支出",
  "住房保障支出",
  "一般公共服务支出",
  "卫生健康支出",
  "节能环保支出",
];

/** Fen as 元 text with two decimals, with or without thousands separators. */
function yuan(fen: bigint, commas: boolean): string {
  const whole = (fen / 100n).toString();
  const cents = (fen % 100n).toString().padStart(2, "0");
  return `${commas ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") : whole}.${cents}`;
}

function render(rows: string[][], form: Form): string[] {
  if (form === "pipe") return rows.map((r) => r.join(" | "));
  if (form === "tab") return rows.map((r) => r.join("\t"));
  return rows.map((r) => r.map((c) => (c === "" ? "　" : c)).join("    "));
}

function importText(text: string): ImportedDocument {
  const source = readExtractedText(text, "g.txt");
  setSpacesFromFormat(source.format);
  const ctx = new ImportContext(source);
  const r = readFinalAccount(ctx, source.blocks);
  return {
    file: "g.txt",
    format: source.format,
    kinds: ["final-account-disclosure"],
    organisations: [],
    dutyGoals: [],
    projects: [],
    projectSelfEvaluations: [],
    paragraphs: [],
    unmapped: [],
    finalAccount: r.disclosure,
  };
}

const rowArb = fc.record({
  basic: fc.bigInt({ min: 0n, max: 99_999_999_99n }),
  project: fc.bigInt({ min: 0n, max: 9_999_999_99n }),
});

const tableArb = fc.record({
  rows: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: NAMES.length - 1 }), rowArb), {
    minLength: 1,
    maxLength: NAMES.length,
    selector: (x) => x[0],
  }),
  form: fc.constantFrom<Form>("pipe", "tab", "spaced"),
  commas: fc.boolean(),
});

type GeneratedTable = typeof tableArb extends fc.Arbitrary<infer T> ? T : never;

function documentOf(t: GeneratedTable, bump?: number): string {
  const data = t.rows.map(([n, r]) => ({ code: String(204 + n), name: NAMES[n]!, ...r }));
  const sum = (f: (d: (typeof data)[number]) => bigint) => data.reduce((a, d) => a + f(d), 0n);
  const header = ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"];
  const total = ["", "合计", sum((d) => d.basic + d.project), sum((d) => d.basic), sum((d) => d.project)];
  const body = data.map((d, i) => [
    d.code,
    d.name,
    d.basic + d.project + (bump === i ? 1_00n : 0n),
    d.basic,
    d.project,
  ]);
  const cells = [total, ...body].map((r) => r.map((c) => (typeof c === "bigint" ? yuan(c, t.commas) : c)));
  return [
    "示范市公安局交通警察支队2022年度部门决算",
    "三、支出决算表",
    "部门：示范市公安局交通警察支队    单位：元",
    ...render([header, ...cells], t.form),
    "第三部分 2022年度部门决算情况说明",
  ].join("\n");
}

describe("generated 支出决算表", () => {
  it("every amount comes back exactly, in its row and column", () => {
    fc.assert(
      fc.property(tableArb, (t) => {
        const fa = importText(documentOf(t)).finalAccount!;
        expect(fa.tables).toHaveLength(1);
        const table = fa.tables[0]!;
        expect(table.unit).toBe("元");
        expect(table.columns).toEqual(["本年支出合计", "基本支出", "项目支出"]);
        expect(table.rows).toHaveLength(t.rows.length + 1);
        t.rows.forEach(([n, r], i) => {
          const row = table.rows[i + 1]!;
          expect(row.code).toBe(String(204 + n));
          expect(row.label).toBe(NAMES[n]);
          const byColumn = Object.fromEntries(row.cells.map((c) => [c.column, c.amount.fen]));
          expect(byColumn).toEqual({
            本年支出合计: String(r.basic + r.project),
            基本支出: String(r.basic),
            项目支出: String(r.project),
          });
        });
      }),
      { numRuns: 60 },
    );
  });

  it("a consistent table raises no sum finding; one cell changed by 1 元 raises it", () => {
    fc.assert(
      fc.property(tableArb, fc.nat(), (t, k) => {
        const ok = reviewDocument(importText(documentOf(t)));
        expect(ok.findings.filter((f) => f.rule === "disclosure.table-sum")).toEqual([]);
        const bad = reviewDocument(importText(documentOf(t, k % t.rows.length)));
        const hit = bad.findings.filter((f) => f.rule === "disclosure.table-sum");
        expect(hit.length).toBeGreaterThan(0);
        expect(hit.every((f) => f.message.includes("支出决算表"))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});

describe("any text", () => {
  it("is read without throwing, whatever lines of disclosure words and numbers it holds", () => {
    const word = fc.constantFrom(
      "目录",
      "一、收入支出决算总表",
      "三公经费支出决算表",
      "单位：万元",
      "部门：XX局",
      "合计",
      "收入总计",
      "本年支出合计3000.00万元，",
      "比上年增加12万元，增长3%",
      "决算数大于预算数",
      "完成预算的0%",
      " | ",
      "\t",
      "  ",
      "**",
      "—",
      "\n",
    );
    const token = fc.oneof(
      word,
      fc.bigInt({ min: 0n, max: 10n ** 12n }).map((f) => yuan(f, true)),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 80 }), (tokens) => {
        const text = `某单位2022年部门决算\n${tokens.join("")}`;
        const doc = importText(text);
        expect(doc.finalAccount).toBeDefined();
        expect(() => reviewDocument(doc)).not.toThrow();
        expect(reviewDocument(doc).findings.filter((f) => f.rule === "engine.rule-failed")).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

describe("splitRowText", () => {
  const cellArb = fc.oneof(
    fc.constantFrom("合计", "公共安全支出", "其他收入", "本年收入合计"),
    fc.bigInt({ min: 0n, max: 10n ** 10n }).map((f) => yuan(f, false)),
  );
  it("gives back the cells of a tab or | row", () => {
    fc.assert(
      fc.property(
        fc.array(cellArb, { minLength: 2, maxLength: 8 }),
        fc.constantFrom("\t", " | ", "｜"),
        (cells, sep) => {
          expect(splitRowText(cells.join(sep))).toEqual(cells);
        },
      ),
    );
  });
  it("never throws and gives no empty text for a number", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const cells = splitRowText(s);
        for (const c of cells) if (cellShape(c, false) === "number") expect(c.trim()).not.toBe("");
      }),
    );
  });
});
