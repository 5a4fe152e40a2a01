/**
 * Shares of the budget stated in the 情况说明 (完成…预算的N%, 占…预算的N%, 达到…预算数的N%): about the item its words
 * name, else the item whose budget its sentence states just before it (浙江 金华: `财政拨款支出年初预算数 472.9 万元,
 * 完成年初预算的 27.22%`), else the figure before it; checked by disclosure.comparison-words against that item's
 * actual figure (or the total it is part of, when only the total is stated).
 */
import { reviewDocument } from "@jixiao/core";
import { describe, expect, it } from "vitest";
import { readNarrative } from "../../src/disclosure/narrative.ts";
import { importDocument } from "../../src/import/index.ts";
import { passageOfLines } from "../../src/narrative/index.ts";
import { readExtractedText } from "../../src/text/index.ts";
import { realText } from "./real.ts";

function read(lines: string[]) {
  const p = passageOfLines(lines, "n.txt");
  return readNarrative(
    p,
    lines.map(() => undefined),
    "final",
    () => {},
  ).comparisons.filter((c) => c.against === "budget");
}
const shares = (lines: string[]) => read(lines).map((c) => [c.item, c.percent?.percent, c.current?.yuan]);

describe("shares of the budget in the narrative", () => {
  it("after the budget its sentence states: that item's, against its total when the item is not stated", () => {
    expect(
      shares([
        "2021年度财政拨款收入总计500.12万元，支出总计500.12万元。财政拨款支出年初预算数472.9万元，完成年初预算的105.76%。",
      ]),
    ).toEqual([["fiscalExpenditure", "105.76", "5001200.00"]]);
  });
  it("the item named between 完成 and 预算, against its own figure", () => {
    expect(
      shares([
        "本年支出合计3050.00万元。一般公共预算财政拨款支出2961.68万元，完成全年一般公共预算财政拨款支出预算的102.13%。",
      ]),
    ).toEqual([["generalExpenditure", "102.13", "29616800.00"]]);
  });
  it("占…预算的 and 达到…预算数的, of the figure before, as before", () => {
    expect(shares(["“三公”经费支出决算为52.30万元，占年初预算的87.17%。"])).toEqual([
      ["threePublicTotal", "87.17", "523000.00"],
    ]);
    expect(shares(["公务接待费7.30万元，达到调整后预算数的73.00%。"])).toEqual([["reception", "73.00", "73000.00"]]);
  });
  it("一般公共预算的 is a fund, not the budget: no share of the budget", () => {
    expect(shares(["财政拨款支出2961.68万元，占一般公共预算的97.10%。"])).toEqual([]);
  });
});

describe("disclosure.comparison-words on 浙江 金华's 决算", () => {
  const findings = (text: string) =>
    reviewDocument(importDocument(readExtractedText(text, "jinhua.txt")).document).findings.filter(
      (f) => f.rule === "disclosure.comparison-words",
    );
  it("as published: 完成年初预算的 27.22% is found (500.12 ÷ 472.9 = 105.76%)", () => {
    expect(findings(realText("zj-jinhua-jzglz-2021-fad-1")).map((f) => f.message)).toEqual([
      expect.stringMatching(/500\.12 万元 ÷ 预算 472\.9 万元 = 105\.76%，不是 27\.22%/),
    ]);
  });
  it("with the share it should have stated: nothing", () => {
    const text = realText("zj-jinhua-jzglz-2021-fad-1").replace("完成年初预算的 27.22%", "完成年初预算的 105.76%");
    expect(findings(text)).toEqual([]);
  });
});
