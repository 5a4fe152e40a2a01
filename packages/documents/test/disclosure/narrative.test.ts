/**
 * The 情况说明's figures: what each amount is, by the words before it and the section it is in; amounts of changes,
 * of last year and counts (万台) are not figures.
 */
import { describe, expect, it } from "vitest";
import { readNarrative, type Scope, scopeOfHeading } from "../../src/disclosure/narrative.ts";
import { passageOfLines } from "../../src/narrative/index.ts";

function read(lines: string[], scope: Scope | undefined = undefined, basis: "budget" | "final" = "final") {
  const p = passageOfLines(lines, "n.txt");
  return readNarrative(
    p,
    lines.map(() => scope),
    basis,
    () => {},
  );
}

const items = (r: ReturnType<typeof read>) => r.figures.map((f) => [f.item, f.basis, f.amount.yuan]);

describe("narrative figures", () => {
  it("names the item by the last named word before the amount, over a general word", () => {
    expect(items(read(["2022年度“三公”经费财政拨款支出决算为52.30万元。"]))).toEqual([
      ["threePublicTotal", "final", "523000.00"],
    ]);
    expect(
      items(read(["公务接待费、公车购置费，公车运行费（“三公”经费）决算总额2771万元。"], undefined, "budget")),
    ).toEqual([["threePublicTotal", "final", "27710000.00"]]);
  });

  it("reads 人员经费 and 公用经费 after 其中, and 基本支出 in the 一般公共预算 section as its own", () => {
    const r = read(
      ["基本支出2361.68万元，其中：人员经费2000.00万元，主要包括工资；公用经费361.68万元。"],
      "generalBasic",
    );
    expect(items(r)).toEqual([
      ["generalBasicExpenditure", "final", "23616800.00"],
      ["personnel", "final", "20000000.00"],
      ["publicUse", "final", "3616800.00"],
    ]);
  });

  it("a 年初预算 after a figure is that item's budget", () => {
    const r = read(["一般公共预算财政拨款支出2961.68万元。年初预算为2900.00万元，决算数大于年初预算数。"]);
    expect(items(r)).toEqual([
      ["generalExpenditure", "final", "29616800.00"],
      ["generalExpenditure", "budget", "29000000.00"],
    ]);
    expect(r.comparisons.map((c) => [c.item, c.direction, c.current?.yuan])).toEqual([
      ["generalExpenditure", "increase", "29616800.00"],
    ]);
  });

  it("a change's amount, last year's figure and a count are not figures", () => {
    const r = read([
      "本年收入合计3000.00万元，比上年增加50.00万元，增长1.69%。上年收入总计2950万元。拥有机动车5.3万台。",
    ]);
    expect(items(r)).toEqual([["income", "final", "30000000.00"]]);
    expect(r.comparisons.map((c) => [c.against, c.item, c.amount?.yuan, c.percent?.percent])).toEqual([
      ["prior", "income", "500000.00", "1.69"],
    ]);
  });

  it("收支总计 in the 财政拨款 section is both fiscal grand totals", () => {
    const r = read(["2022年度财政拨款收支总计2961.68万元。"], scopeOfHeading("四、财政拨款收入支出决算总体情况说明"));
    expect(items(r)).toEqual([
      ["fiscalIncomeGrandTotal", "final", "29616800.00"],
      ["fiscalExpenditureGrandTotal", "final", "29616800.00"],
    ]);
  });
});

describe("the vehicle items in either order and with 运转 for 运行", () => {
  const orders = [
    ["公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费"],
    ["公务用车运行维护费及公务用车购置费", "公务用车购置费", "公务用车运行维护费"],
    ["公务用车运转维护费和购置费", "公务用车购置费", "公务用车运转维护费"],
    ["公务用车购置费与公务用车运转费", "公务用车购置费", "公务用车运转费"],
  ];
  for (const [subtotal, purchase, running] of orders) {
    it(`${subtotal}: the subtotal, its parts after it in either order`, () => {
      for (const partsRunningFirst of [false, true]) {
        const parts = [`${purchase}3.50万元`, `${running}12.25万元`];
        if (partsRunningFirst) parts.reverse();
        const r = read([`${subtotal}15.75万元（其中：${parts.join("，")}）。`], "threePublic");
        const got = Object.fromEntries(r.figures.map((f) => [f.item, f.amount.yuan]));
        expect(got).toEqual({ vehicle: "157500.00", vehiclePurchase: "35000.00", vehicleRunning: "122500.00" });
      }
    });
  }
});
