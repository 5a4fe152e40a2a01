import { readFileSync } from "node:fs";
import { importDocument, readExtractedText } from "@jixiao/documents";
import { describe, expect, it } from "vitest";
import { decimal } from "../../src/index.ts";
import { evaluationsFromDocument } from "../../src/scoring/from-document.ts";
import { parseEvaluationInput } from "../../src/scoring/input.ts";
import { scoreEvaluation } from "../../src/scoring/score.ts";

function imported(seed: string) {
  const file = `fixtures/seeds/${seed}`;
  return importDocument(readExtractedText(readFileSync(file, "utf8"), seed)).document;
}

const handMade = JSON.parse(readFileSync("fixtures/evaluations/seed-002.json", "utf8")) as {
  indicators: { name: string; points: number; statedScore: number }[];
};

describe("self-evaluation documents become scoring input", () => {
  it("seed 002: infers each indicator's weight as the hand-made evaluation has it (2 each, 4 for 专项资金, 10/10/5/5, 10)", () => {
    const [evaluation, ...rest] = evaluationsFromDocument(imported("002_720a01ff2c7d777f.txt"));
    expect(rest).toHaveLength(0);
    const got = evaluation!.evaluation.indicators.map((i) => [i.name, Number(i.points), Number(i.statedScore)]);
    const want = handMade.indicators.map((i) => [i.name.replace(/\s+/g, ""), i.points, i.statedScore]);
    expect(got.map(([n, p, s]) => [String(n).replace(/\s+/g, ""), p, s])).toEqual(want);
    expect(evaluation!.assumptions.map((a) => a.zh).join("\n")).toContain("其余 3 项平分剩余 6 分");
  });

  it("seed 002 scores from the document exactly as from the hand-made JSON", () => {
    const [fromDoc] = evaluationsFromDocument(imported("002_720a01ff2c7d777f.txt"));
    const a = parseEvaluationInput(fromDoc!.evaluation);
    const b = parseEvaluationInput(handMade);
    if (!a.ok || !b.ok) throw new Error("input rejected");
    const ra = scoreEvaluation(a.value);
    const rb = scoreEvaluation(b.value);
    expect(ra.executionRate).toBe("88.35");
    expect(ra.total).toBe(rb.total);
    expect(ra.statedTotal).toBe(92);
    expect(ra.groups.map((g) => [g.points, g.score, g.statedScore])).toEqual(
      rb.groups.map((g) => [g.points, g.score, g.statedScore]),
    );
  });

  it("seed 003: no weights stated — the national scheme's points are shared so that each group sums exactly", () => {
    const [evaluation] = evaluationsFromDocument(imported("003_edf844a12b53980c.txt"));
    const sums = new Map<string, decimal.Ratio>();
    for (const i of evaluation!.evaluation.indicators) {
      const w = decimal.parseDecimal(String(i.points))!;
      sums.set(i.level1, decimal.add(sums.get(i.level1) ?? decimal.ZERO, w));
    }
    expect([...sums].map(([k, v]) => [k, decimal.toDecimalString(v)])).toEqual([
      ["产出指标", "50"],
      ["效益指标", "30"],
      ["满意度指标", "10"],
    ]);
    const input = parseEvaluationInput(evaluation!.evaluation);
    if (!input.ok) throw new Error("input rejected");
    const r = scoreEvaluation(input.value);
    expect(r.executionRate).toBe("99.32");
    expect(r.problems.filter((p) => p.code.includes("weight"))).toEqual([]);
  });

  it("a document without a self-evaluation gives nothing to score", () => {
    expect(evaluationsFromDocument(imported("004_8649601bbeaed617.txt"))).toEqual([]);
  });
});
