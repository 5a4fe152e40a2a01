/**
 * The script stage: a document re-published in traditional characters, with pinyin glosses after some characters,
 * reads as the simplified original. Every corpus document reproduced today is rendered to traditional (OpenCC
 * cn → tw) and glossed at random, and must give the same figures; simplified texts are left exactly as they are.
 */
import fc from "fast-check";
import * as OpenCC from "opencc-js/cn2t";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { normaliseScript } from "../../src/layout/script.ts";
import { readExtractedText } from "../../src/text/index.ts";
import { compare, readCorpus } from "../corpus/corpus.ts";

const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });
const GLOSSES = ["(xiàng)", "(shù)", "(zhí)", "(qū)", "(biāo)", "(jì)"];

/** Inserts a gloss after every `every`-th CJK character (as such sites do, after some characters only). */
function gloss(text: string, every: number, pick: number): string {
  let n = 0;
  return text.replace(/[\u4e00-\u9fff]/g, (c) => {
    n += 1;
    return n % every === 0 ? `${c}${GLOSSES[(n + pick) % GLOSSES.length]}` : c;
  });
}

// the documents published in simplified characters (the corpus holds one re-published in traditional ones)
const corpus = readCorpus().filter((c) => !/traditional characters/.test(c.manifest.notes ?? ""));
const reproduced = corpus.filter(
  (c) => compare(c.manifest, importDocument(readExtractedText(c.text, "x.txt"))).reproduced,
);

describe("the script stage", () => {
  it("leaves every simplified corpus text exactly as it is", () => {
    for (const { manifest, text } of corpus) {
      const r = normaliseScript(text, manifest.file);
      expect(r.text, manifest.id).toBe(text);
      expect(r.notes, manifest.id).toEqual([]);
    }
  });

  it("reads each reproduced corpus document in traditional characters with pinyin glosses as the original", () => {
    expect(reproduced.length).toBeGreaterThan(20);
    fc.assert(
      fc.property(
        fc.constantFrom(...reproduced),
        fc.integer({ min: 3, max: 12 }),
        fc.nat(5),
        ({ manifest, text }, every, pick) => {
          const traditional = gloss(toTraditional(text), every, pick);
          const result = importDocument(readExtractedText(traditional, manifest.file.split("/").pop()!));
          const outcome = compare(manifest, result);
          expect(outcome.figures, manifest.id).toEqual(
            compare(manifest, importDocument(readExtractedText(text, "x.txt"))).figures,
          );
          expect(outcome.reproduced, manifest.id).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("says what it changed", () => {
    const r = normaliseScript(
      "項(xiàng)目支出績效自評表 麗江市古城區(qū)自然資源局 全年執(zhí)行數(shù) 當年財政撥款 上年結轉資金",
      "t.txt",
    );
    expect(r.text).toBe("项目支出绩效自评表 丽江市古城区自然资源局 全年执行数 当年财政拨款 上年结转资金");
    expect(r.notes.map((n) => n.text.en).join(" ")).toMatch(/pinyin.*traditional/s);
  });

  it("keeps bracketed codes that are not glosses", () => {
    const text = "调整预算数(A) 执行率(B/A) 项目(ab) 指标值(万元)";
    expect(normaliseScript(text, "t.txt").text).toBe(text);
  });
});
