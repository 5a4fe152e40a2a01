/**
 * Decision 0008: the problems that quote an indicator's comparison note (`deviation_reason_missing`,
 * `far_over_target`) write their words when read. Whoever reads them — a property, JSON.stringify (what the server
 * stores and the CLI prints) — gets what the plain record `{ code, path, zh, en }` gave before, keys in that order.
 * The expected words are written out here, not taken from texts.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseYuan } from "../../src/money/money.ts";
import { NATIONAL_PROJECT_SCHEME } from "../../src/scoring/scheme.ts";
import { type EvaluationInput, scoreEvaluation, scoreEvaluationExact } from "../../src/scoring/score.ts";
import { NoteProblem } from "../../src/scoring/texts.ts";
import { parseTarget } from "../../src/targets/parse.ts";

const deviationWords = (name: string, note: string) => ({
  zh: `「${name}」未达成（${note}），应填写偏差原因`,
  en: `"${name}" is not met (${note}); a deviation reason is required`,
});
const farOverWords = (name: string, note: string) => ({
  zh: `「${name}」完成值达目标的 130% 以上（${note}），应说明原因（目标是否定得过低）`,
  en: `"${name}" is at 130% of its target or more (${note}); give a reason (was the target set too low?)`,
});

describe("NoteProblem", () => {
  it("reads and serialises as the plain record of its words, for any name and note", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("deviation_reason_missing" as const, "far_over_target" as const),
        fc.string(),
        fc.string(),
        fc.string(),
        (code, path, name, note) => {
          const p = new NoteProblem(code, path, name, note);
          const words = code === "far_over_target" ? farOverWords(name, note) : deviationWords(name, note);
          const plain = { code, path, zh: words.zh, en: words.en };
          expect({ code: p.code, path: p.path, zh: p.zh, en: p.en }).toStrictEqual(plain);
          expect(JSON.stringify(p)).toBe(JSON.stringify(plain));
          expect(JSON.stringify([p, { x: p }])).toBe(JSON.stringify([plain, { x: plain }]));
        },
      ),
    );
  });

  it("is what a scored evaluation's unmet and far-over indicators carry, worded from their comparison notes", () => {
    const input: EvaluationInput = {
      scheme: NATIONAL_PROJECT_SCHEME,
      budget: { budget: parseYuan("100"), executed: parseYuan("95.5") },
      indicators: [
        {
          level1: "产出指标",
          name: "培训人数",
          target: parseTarget("≥100人"),
          actual: parseTarget("90人"),
          points: 20,
        },
        { level1: "效益指标", name: "覆盖率", target: parseTarget("≥50%"), actual: parseTarget("80%"), points: 20 },
        { level1: "满意度指标", name: "满意度", target: parseTarget("≥90%"), actual: parseTarget("95%"), points: 10 },
      ],
    };
    for (const result of [scoreEvaluation(input), scoreEvaluationExact(input)]) {
      const quoted = result.problems.filter((p) => p instanceof NoteProblem);
      expect(quoted.map((p) => [p.code, p.path])).toStrictEqual([
        ["deviation_reason_missing", "indicators[0].deviationReason"],
        ["far_over_target", "indicators[1]"],
      ]);
      const [unmet, over] = [result.indicators[0]!, result.indicators[1]!];
      const json = JSON.parse(JSON.stringify(result)) as typeof result;
      const expected = [
        {
          code: "deviation_reason_missing",
          path: "indicators[0].deviationReason",
          ...deviationWords("培训人数", unmet.comparison),
        },
        { code: "far_over_target", path: "indicators[1]", ...farOverWords("覆盖率", over.comparison) },
      ];
      expect(
        json.problems.filter((p) => p.code === "deviation_reason_missing" || p.code === "far_over_target"),
      ).toStrictEqual(expected);
      expect(unmet.comparison).toContain("未达成");
      expect(over.comparison).toContain("160");
    }
  });
});
