import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseEvaluationInput } from "../../src/scoring/input.ts";

const read = (p: string) => readFileSync(new URL(`../../../../${p}`, import.meta.url), "utf8");
const DOC = read("docs/score-input.md");
const blocks = [...DOC.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe("docs/score-input.md", () => {
  it("shows the seed-002 file as it is", () => {
    const seed = JSON.parse(read("fixtures/evaluations/seed-002.json"));
    expect(blocks.map((b) => (b.trimStart().startsWith('{\n  "title"') ? JSON.parse(b) : undefined))).toContainEqual(
      seed,
    );
  });

  it("shows a custom scheme that is accepted", () => {
    const scheme = blocks.find((b) => b.startsWith('"scheme"'))!;
    const json = JSON.parse(`{${scheme}}`);
    const r = parseEvaluationInput({
      ...json,
      budget: { budget: "1", executed: "1" },
      indicators: [{ level1: "产出", name: "x", target: "1", actual: "1", points: 40 }],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.scheme.id).toBe("my-region-2024");
    expect(r.value.scheme.lowerIsBetter).toBe("ratio");
  });
});
