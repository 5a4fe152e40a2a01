/**
 * Shares the narrative states as asides, checked against the amounts they follow (disclosure.share): `（占1.28%）`,
 * `，占比1.28%`, `（占本年收入合计的1.28%）`, `，所占比重为1.28%`, a share after an aside about the amount
 * (`2961.68万元（其中：中央转移支付61.68万元），占98.72%` is the 2961.68's, not the 61.68's), a share of the 三公 total (named,
 * `占“三公”经费的13.96%`, or the paragraph's nearest total), a share of the 基本支出 (`人员经费…，占基本支出的84.69%`).
 * Each form written right raises nothing and is read as a share; written wrong, it is found at its line.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { reviewDocument } from "@jixiao/core";
import { describe, expect, it } from "vitest";
import { DISCLOSURES } from "./planted.ts";
import { plant, importText as read } from "./support.ts";

const CLEAN = readFileSync(join(DISCLOSURES, "clean-final-2022.txt"), "utf8");

const OTHER = "其他收入38.32万元，占1.28%。";
const GENERAL = "一般公共预算财政拨款收入2961.68万元，占98.72%；";
const RECEPTION = "公务接待费支出决算为7.30万元，完成预算的73.00%。";
const VEHICLE = "公务用车购置及运行费支出决算为45.00万元，完成预算的90.00%，";
const PERSONNEL = "人员经费2000.00万元，主要包括";

/** [what replaces, its text right, the same with a wrong percent, the share's amount in 万元]. */
const FORMS: [from: string, right: string, wrong: string, amount: string][] = [
  [OTHER, "其他收入38.32万元（占1.28%）。", "其他收入38.32万元（占1.82%）。", "38.32"],
  [OTHER, "其他收入38.32万元，占比1.28%。", "其他收入38.32万元，占比12.8%。", "38.32"],
  [OTHER, "其他收入38.32万元（占本年收入合计的1.28%）。", "其他收入38.32万元（占本年收入合计的1.38%）。", "38.32"],
  [OTHER, "其他收入38.32万元，所占比重为1.28%。", "其他收入38.32万元，所占比重为2.28%。", "38.32"],
  [
    GENERAL,
    "一般公共预算财政拨款收入2961.68万元（其中：中央转移支付61.68万元），占98.72%；",
    "一般公共预算财政拨款收入2961.68万元（其中：中央转移支付61.68万元），占97.72%；",
    "2961.68",
  ],
  [
    RECEPTION,
    "公务接待费支出决算为7.30万元，占“三公”经费的13.96%，完成预算的73.00%。",
    "公务接待费支出决算为7.30万元，占“三公”经费的16.39%，完成预算的73.00%。",
    "7.30",
  ],
  [
    VEHICLE,
    "公务用车购置及运行费支出决算为45.00万元（占86.04%），完成预算的90.00%，",
    "公务用车购置及运行费支出决算为45.00万元（占84.06%），完成预算的90.00%，",
    "45.00",
  ],
  [
    PERSONNEL,
    "人员经费2000.00万元，占基本支出的84.69%，主要包括",
    "人员经费2000.00万元，占基本支出的86.49%，主要包括",
    "2000.00",
  ],
];

describe("shares stated as asides", () => {
  for (const [from, right, wrong, amount] of FORMS) {
    it(`right: ${right}`, () => {
      const doc = read(plant(CLEAN, [[from, right]]));
      const r = reviewDocument(doc);
      expect(r.findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
      const share = doc.finalAccount?.shares?.find((s) => s.amount.text.startsWith(amount));
      expect(share, JSON.stringify(doc.finalAccount?.shares)).toBeDefined();
    });

    it(`wrong: ${wrong}`, () => {
      const text = plant(CLEAN, [[from, wrong]]);
      const r = reviewDocument(read(text));
      const hit = r.findings.filter((f) => f.rule === "disclosure.share" && f.severity === "error");
      expect(hit.length, JSON.stringify(r.findings.map((f) => f.message))).toBe(1);
      const line = text.split("\n").findIndex((l) => l.includes(wrong)) + 1;
      expect(hit[0]!.location.row).toBe(line);
      expect(hit[0]!.message).toContain(amount);
    });
  }

  it("the inner amount of an aside takes no share that follows the aside", () => {
    const doc = read(plant(CLEAN, [[GENERAL, FORMS[4]![1]]]));
    expect(doc.finalAccount?.shares?.some((s) => s.amount.text.startsWith("61.68"))).toBe(false);
  });
});
