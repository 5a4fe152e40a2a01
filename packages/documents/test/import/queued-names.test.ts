/**
 * Names queued before their rows (src/import/queued-names.ts): a sheet read line by line across its cells puts
 * the names of rows with taller name cells before the rows' values. Generated grids — rows in reading order with
 * a stretch of consecutive rows written names first (some names wrapped, their end after them), then the values —
 * come back in reading order. The corpus document sx-jishan-zdwsy-2021-pse-1 is one example.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { HeaderField } from "../../src/import/headers.ts";
import { unqueueNames } from "../../src/import/queued-names.ts";
import { cellKind } from "../../src/import/row-fields.ts";

const HEADER: HeaderField[] = ["name", "target", "actual", "weight", "score"];
const read = (words: string[]) => unqueueNames(words, HEADER, cellKind).map((g) => g.map((n) => words[n]).join(""));

describe("names queued before their rows", () => {
  it("puts two names, one with its wrapped end, back before their rows", () => {
    const words = "指标24:事件报告 数 指标25:签约率 14例 14例 2 2 24694人 22584人 2 1.7 质量指标".split(" ");
    expect(read(words).join(" ")).toBe("指标24:事件报告数 14例 14例 2 2 指标25:签约率 24694人 22584人 2 1.7 质量指标");
  });

  it("leaves rows alone when the names are not followed by as many full rows", () => {
    const words = "指标1:甲 指标2:乙 14例 14例 2 2 指标3:丙".split(" ");
    expect(read(words)).toEqual(words);
    const plain = "指标1:甲 1人 1人 2 2 指标2:乙 3人 2人 2 1".split(" ");
    expect(read(plain)).toEqual(plain);
  });
});

const rowArb = fc.record({
  name: fc.constantFrom("居民健康档案", "家庭医生签约率", "事件报告", "体检数"),
  end: fc.option(fc.constantFrom("数", "率"), { nil: undefined }),
  target: fc.constantFrom("14例", "100%", "5662人", "8755"),
  actual: fc.constantFrom("14例", "97.30%", "4044人", "8676"),
  weight: fc.integer({ min: 1, max: 20 }),
  lost: fc.integer({ min: 0, max: 20 }),
});

describe("names queued before their rows over generated grids", () => {
  it("gives back the rows in reading order, each wrapped name whole", () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 2, maxLength: 8 }),
        fc.nat(),
        fc.integer({ min: 2, max: 8 }),
        (rows, from, size) => {
          const start = from % (rows.length - 1);
          const stop = Math.min(rows.length, start + size);
          const name = (n: number) => `指标${n + 1}:${rows[n]!.name}`;
          const values = (n: number) => {
            const r = rows[n]!;
            return [r.target, r.actual, `${r.weight}`, `${Math.max(0, r.weight - r.lost)}`];
          };
          const words: string[] = [];
          const want: string[] = [];
          rows.forEach((r, n) => {
            want.push(name(n) + (r.end ?? ""), ...values(n));
            if (n < start || n >= stop) words.push(name(n) + (r.end ?? ""), ...values(n));
            else if (n === start) {
              for (let q = start; q < stop; q++) words.push(name(q), ...(rows[q]!.end ? [rows[q]!.end!] : []));
              for (let q = start; q < stop; q++) words.push(...values(q));
            }
          });
          expect(read(words)).toEqual(want);
        },
      ),
    );
  });
});
