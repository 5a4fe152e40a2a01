/**
 * Round trip: every document Jixiao writes, Jixiao's importer reads back to the same data. For each seed (its
 * text imported first) and each layout it has data for, in xlsx and docx: write, read with readDocument,
 * import with importDocument, and compare the normalised documents field by field (compare.ts says what is
 * left out: locations and the source's own way of writing a name or an amount).
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ImportedDocument } from "@jixiao/core/model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import type { SourceDocument } from "../../src/model/table.ts";
import { readDocument } from "../../src/read/index.ts";
import { readExtractedText } from "../../src/text/index.ts";
import { exportDocument, type Layout, layoutsFor } from "../../src/write/index.ts";
import { headerUnit } from "../../src/write/layouts.ts";
import { dataOf, normalise, ws } from "./compare.ts";
import { projectSelfEvaluationSample, ROOT, SEEDS, seedDocument } from "./fixtures.ts";

async function roundTrip(doc: ImportedDocument, as: Layout, format: "xlsx" | "docx") {
  const out = await exportDocument(doc, { as, format });
  const read = await readDocument(out.data, out.fileName);
  expect(read.format).toBe(format);
  return importDocument(read as SourceDocument);
}

const EXPECTED_LAYOUTS: Record<(typeof SEEDS)[number], Layout[]> = {
  "000_c8bf763ea5097ffd": ["duty-activity-goals"],
  "001_cf6ae51127079c27": ["budget-disclosure", "duty-activity-goals"],
  "002_720a01ff2c7d777f": ["department-self-evaluation"],
  "003_edf844a12b53980c": ["department-expenditure-self-evaluation"],
  "004_8649601bbeaed617": ["project-goals", "project-goals-national"],
};

describe("export → import gives back the same data", () => {
  for (const seed of SEEDS) {
    for (const as of EXPECTED_LAYOUTS[seed]) {
      for (const format of ["xlsx", "docx"] as const) {
        it(`seed ${seed.slice(0, 3)} as ${as} in ${format}`, async () => {
          const doc = seedDocument(seed);
          expect(layoutsFor(doc)).toEqual(expect.arrayContaining([as]));
          const back = await roundTrip(doc, as, format);
          expect(back.kinds).toContain(as === "project-goals-national" ? "project-goals" : as);
          // Nothing of what was written is left over.
          expect(back.document.unmapped).toEqual([]);
          expect(back.problems.filter((p) => p.code === "unmapped_row" || p.severity === "error")).toEqual([]);
          expect(dataOf(back.document, as)).toEqual(dataOf(doc, as));
        });
      }
    }
  }

  it("duties and activities keep their places without indentation: a duty without a goal, an activity without indicators", async () => {
    const doc = seedDocument("000_c8bf763ea5097ffd");
    const table = doc.dutyGoals[0]!;
    delete table.duties[1]!.goal;
    table.duties[2]!.activities[0]!.indicators = [];
    // A duty with its own indicators and no activities (seed 001's unit 312007).
    table.duties[0]!.indicators = table.duties[0]!.activities[0]!.indicators.slice(0, 2);
    for (const format of ["xlsx", "docx"] as const) {
      const back = await roundTrip(doc, "duty-activity-goals", format);
      expect(back.document.unmapped).toEqual([]);
      expect(dataOf(back.document, "duty-activity-goals")).toEqual(dataOf(doc, "duty-activity-goals"));
    }
  });

  it("the report's text comes back in order (seed 002, xlsx and docx)", async () => {
    const doc = seedDocument("002_720a01ff2c7d777f");
    for (const format of ["xlsx", "docx"] as const) {
      const back = await roundTrip(doc, "department-self-evaluation", format);
      const got = back.document.paragraphs.map((p) => ws(p.text));
      let at = 0;
      for (const p of doc.paragraphs) {
        const i = got.indexOf(ws(p.text), at);
        expect(i, `paragraph ${p.text.slice(0, 30)}`).toBeGreaterThanOrEqual(0);
        at = i + 1;
      }
    }
  });

  it("the disclosure's sections come back whole (seed 001)", async () => {
    const doc = seedDocument("001_cf6ae51127079c27");
    for (const format of ["xlsx", "docx"] as const) {
      const back = await roundTrip(doc, "budget-disclosure", format);
      expect(back.document.disclosure?.sections.map((s) => s.heading)).toEqual(
        doc.disclosure?.sections.map((s) => s.heading),
      );
      expect(back.summary.budgetTotalYuan).toBe("59090000.00");
      expect(back.document.dutyGoals.map((t) => t.duties.length)).toEqual([16, 3]);
    }
  });

  it("the same figures as the import summary (seed 004: 13 projects, 111 indicators, 3070.21 万元)", async () => {
    for (const format of ["xlsx", "docx"] as const) {
      const back = await roundTrip(seedDocument("004_8649601bbeaed617"), "project-goals", format);
      expect(back.summary).toMatchObject({ projects: 13, indicators: 111, budgetTotalWanYuan: "3070.21" });
    }
  });

  it("项目支出绩效自评表 (national layout): written, read, written again — the same data each time", async () => {
    const sample = projectSelfEvaluationSample();
    for (const format of ["xlsx", "docx"] as const) {
      const first = await roundTrip(sample, "project-self-evaluation", format);
      expect(first.document.unmapped).toEqual([]);
      const evals = first.document.projectSelfEvaluations;
      expect(evals).toHaveLength(3);
      sample.projectSelfEvaluations.forEach((e, i) => {
        const got = evals[i]!;
        expect(got.name).toBe(e.name);
        expect(got.department).toBe(e.department);
        expect(got.implementer).toBe(e.implementer);
        expect(got.expectedGoal).toBe(e.expectedGoal);
        expect(got.actualOutcome).toBe(e.actualOutcome);
        expect(got.totalScore?.value).toBe("88.5");
        expect(got.funds.map((f) => [f.label, f.budget?.fen, f.executed?.fen, f.rate?.text, f.score?.text])).toEqual(
          e.funds.map((f) => [f.label, f.budget?.fen, f.executed?.fen, f.rate?.text, f.score?.text]),
        );
        expect(
          got.indicators.map((x) => [
            x.level1,
            x.level2,
            x.name,
            x.target?.text,
            x.actual?.text,
            x.weight?.text,
            x.score?.text,
            x.deviation,
          ]),
        ).toEqual(
          e.indicators.map((x) => [
            x.level1,
            x.level2,
            x.name,
            x.target?.text,
            x.actual?.text,
            x.weight?.text,
            x.score?.text,
            x.deviation,
          ]),
        );
      });
      const again = await roundTrip(first.document, "project-self-evaluation", format);
      expect(dataOf(again.document, "project-self-evaluation")).toEqual(
        dataOf(first.document, "project-self-evaluation"),
      );
    }
  });
});

describe("the header unit comes back as the document stated it (issue 11 #7)", () => {
  const SEED = "003_edf844a12b53980c";
  const unitProblems = (r: { problems: { code: string }[] }) => r.problems.filter((x) => x.code === "unit_mismatch");
  /** 年度资金总额 as the seed's text prints it: 170,294,599.63 under 部门预算资金(万元). */
  const TOTAL_FEN = "17029459963";

  for (const format of ["xlsx", "docx"] as const) {
    it(`seed 003 in ${format}: 万元 stated over figures in 元 — the same stated unit, amounts and unit_mismatch`, async () => {
      const text = readFileSync(join(ROOT, "fixtures/seeds", `${SEED}.txt`), "utf8");
      const first = importDocument(readExtractedText(text, `${SEED}.txt`));
      const d = first.document.departmentExpenditureEvaluation!;
      // what the seed itself says (checked by hand in its text): the header 万元, the figures in 元
      expect(d.statedUnit).toBe("万元");
      expect(d.amountUnit).toBe("元");
      expect(d.budgetRows[0]?.initial?.fen).toBe(TOTAL_FEN);
      expect(unitProblems(first)).toHaveLength(1);

      const out = await exportDocument(first.document, { as: "department-expenditure-self-evaluation", format });
      const read = (await readDocument(out.data, out.fileName)) as SourceDocument;
      // the written header states 万元, as the document did
      const cells = read.blocks.flatMap((b) => (b.type === "table" ? b.table.rows.flat().map((c) => c.text) : []));
      expect(cells).toContain("部门预算资金（万元）");
      expect(cells.some((t) => /部门预算资金（元）/.test(t))).toBe(false);
      const back = importDocument(read);
      const e = back.document.departmentExpenditureEvaluation!;
      expect(e.statedUnit).toBe("万元");
      expect(e.amountUnit).toBe("元");
      expect(e.budgetRows[0]?.initial?.fen).toBe(TOTAL_FEN);
      expect(dataOf(back.document, "department-expenditure-self-evaluation")).toEqual(
        dataOf(first.document, "department-expenditure-self-evaluation"),
      );
      expect(unitProblems(back).map((x) => x.code)).toEqual(["unit_mismatch"]);
    });
  }

  it("a unit the figures would be misread under is not printed: none stated, or 万元 over small figures in 元", async () => {
    const base = seedDocument(SEED);
    const d = base.departmentExpenditureEvaluation!;
    expect(headerUnit(d)).toBe("万元");
    expect(headerUnit({ ...d, statedUnit: undefined })).toBe("元");
    expect(headerUnit({ ...d, statedUnit: "元" })).toBe("元");
    expect(headerUnit({ ...d, statedUnit: "万元", amountUnit: "万元" })).toBe("万元");
    // every figure under 1,000 万 元: printed under 万元 they would read back 10,000 times too large
    const small = structuredClone(d);
    for (const r of small.budgetRows)
      for (const k of ["initial", "budget", "executed"] as const)
        if (r[k]) r[k] = { text: "9,999,999.99", unit: "元", fen: "999999999", yuan: "9999999.99" };
    expect(headerUnit(small)).toBe("元");
    small.budgetRows[0]!.executed = { text: "10,000,000.00", unit: "元", fen: "1000000000", yuan: "10000000.00" };
    expect(headerUnit(small)).toBe("万元");
  });

  it("a goal table stated in 元 is written in 元 and comes back in 元 (单位：元), not turned into 万元", async () => {
    const doc = seedDocument("004_8649601bbeaed617");
    const inYuan = <A extends { fen?: string | undefined; yuan?: string | undefined }>(a: A | undefined) =>
      a?.fen !== undefined ? { ...a, unit: "元" as const, text: a.yuan ?? "" } : a;
    for (const pr of doc.projects) {
      if (pr.budget) pr.budget = inYuan(pr.budget);
      if (pr.funding)
        for (const k of ["fiscal", "carryOver", "other"] as const)
          if (pr.funding[k]) pr.funding[k] = inYuan(pr.funding[k]);
    }
    // seed 004's first project: 50.00 万元 = 500,000.00 元
    expect(doc.projects[0]?.budget).toMatchObject({ unit: "元", fen: "50000000" });
    for (const as of ["project-goals", "project-goals-national"] as const)
      for (const format of ["xlsx", "docx"] as const) {
        const back = await roundTrip(doc, as, format);
        expect(back.document.projects[0]?.budget, `${as} ${format}`).toMatchObject({ unit: "元", fen: "50000000" });
        expect(dataOf(back.document, as), `${as} ${format}`).toEqual(dataOf(doc, as));
      }
  });

  it("a 项目支出绩效自评表 stated in 元 comes back in 元 (项目资金（元）)", async () => {
    const doc = projectSelfEvaluationSample();
    for (const e of doc.projectSelfEvaluations)
      for (const f of e.funds)
        for (const k of ["initial", "budget", "executed"] as const) {
          const a = f[k];
          if (a?.fen !== undefined) f[k] = { ...a, unit: "元", text: a.yuan ?? "" };
        }
    const first = doc.projectSelfEvaluations[0]!.funds[0]!.budget!;
    expect(first.unit).toBe("元");
    for (const format of ["xlsx", "docx"] as const) {
      const back = await roundTrip(doc, "project-self-evaluation", format);
      const got = back.document.projectSelfEvaluations[0]!.funds[0]!.budget;
      expect(got, format).toMatchObject({ unit: "元", fen: first.fen });
      expect(
        back.document.projectSelfEvaluations.map((e) => normalise(e.funds)),
        format,
      ).toEqual(doc.projectSelfEvaluations.map((e) => normalise(e.funds)));
    }
  });

  it("whatever the figures, the amounts read back are the amounts written (fast-check, xlsx)", async () => {
    const base = seedDocument(SEED);
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 0n, max: 100_000_000_000n }),
        fc.constantFrom<"元" | "万元" | undefined>("元", "万元", undefined),
        async (fen, stated) => {
          const doc = structuredClone(base);
          const d = doc.departmentExpenditureEvaluation!;
          if (stated) d.statedUnit = stated;
          else delete d.statedUnit;
          const yuan = `${fen / 100n}.${(fen % 100n).toString().padStart(2, "0")}`;
          for (const r of d.budgetRows)
            for (const k of ["initial", "budget", "executed"] as const)
              if (r[k]) r[k] = { text: yuan, unit: "元", fen: fen.toString(), yuan };
          const back = await roundTrip(doc, "department-expenditure-self-evaluation", "xlsx");
          const e = back.document.departmentExpenditureEvaluation!;
          expect(e.budgetRows.map((r) => [r.initial?.fen, r.budget?.fen, r.executed?.fen])).toEqual(
            d.budgetRows.map((r) => [r.initial?.fen, r.budget?.fen, r.executed?.fen]),
          );
          expect(e.statedUnit).toBe(headerUnit(d));
        },
      ),
      { numRuns: 12 },
    );
  });
});
