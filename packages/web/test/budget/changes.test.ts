/**
 * 本次修改 of a department budget (pages/budget/budgetChanges.ts): the header and every section's rows as core's
 * diffVersions compares them, with readable names and amounts shown in 万元 with the exact 元.
 */
import { diffVersions } from "@jixiao/core";
import { describe, expect, it } from "vitest";
import { BUDGET_CHANGES, budgetAmount, budgetRowLabel, budgetVersion } from "../../src/pages/budget/budgetChanges.ts";

/** A presented budget as the server snapshots it (the demo's budget of 警务保障处). */
function budget(over: (b: ReturnType<typeof base>) => void = () => {}) {
  const b = base();
  over(b);
  return b;
}
function base() {
  return {
    id: "b1",
    orgName: "警务保障处",
    year: 2025,
    incomeTotal: "3850000.00",
    expenditureTotal: "3850000.00",
    operatingFunds: "620000.00",
    notes: null as string | null,
    state: "unit_approved",
    version: 4,
    updatedAt: "2025-03-01T00:00:00Z",
    sections: {
      income: [
        { category: "一般公共预算拨款", amount: "3600000.00", priorAmount: "3420000.00" },
        { category: "上年结转", amount: "250000.00", priorAmount: null },
      ],
      spending: [
        {
          kind: "basic",
          subkind: "personnel",
          classCode: null,
          name: "人员经费",
          amount: "2480000.00",
          priorAmount: null,
        },
        {
          kind: "project",
          subkind: null,
          classCode: "2140101",
          name: "执勤装备购置",
          amount: "750000.00",
          priorAmount: null,
        },
      ],
      threePublic: {
        abroad: "0.00",
        vehiclePurchase: "0.00",
        vehicleOperation: "86000.00",
        reception: "12000.00",
        priorAbroad: "0.00",
        priorVehiclePurchase: null,
        priorVehicleOperation: "90000.00",
        priorReception: "13500.00",
        statedTotal: "98000.00",
        changeReason: "压减接待",
      } as Record<string, string | null> | null,
      procurement: [
        {
          catalogCode: "A02",
          itemName: "执勤装备购置",
          category: "goods",
          quantity: "50",
          unit: "套",
          unitPrice: "15000.00",
          amount: "750000.00",
          fundingSource: "一般公共预算拨款",
        },
      ],
      assets: {
        buildings: "12500000.00",
        vehicles: "1860000.00",
        other: "940000.00",
        statedTotal: "15300000.00",
        vehicleCount: 12,
        buildingArea: "3200",
      } as Record<string, string | number | null> | null,
    },
  };
}

const diff = (a: unknown, b: unknown) => diffVersions(budgetVersion(a), budgetVersion(b));

describe("budget 本次修改", () => {
  it("finds a procurement line's amount and a 三公 figure, and nothing else, in a resubmitted budget", () => {
    const after = budget((b) => {
      b.sections.procurement[0]!.amount = "762500.00";
      b.sections.threePublic!.reception = "13500.00";
      b.state = "submitted";
      b.version = 7;
    });
    const d = diff(budget(), after);
    expect(d.fields).toEqual([]);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(
      d.changed.map((c) => ({ row: budgetRowLabel(c.after, "zh"), changes: c.changes.map((x) => x.field) })),
    ).toEqual([
      { row: "三公经费 · 公务接待费", changes: ["amount"] },
      { row: "政府采购 · A02 执勤装备购置", changes: ["amount"] },
    ]);
    expect(d.changed[1]!.changes[0]).toEqual({ field: "amount", before: "750000.00", after: "762500.00" });
  });

  it("compares amounts as decimal text: 750000 is 750000.00, and a fen's difference is a change", () => {
    const same = budget((b) => {
      b.sections.procurement[0]!.amount = "750000";
      b.incomeTotal = "3850000.0";
    });
    expect(diff(budget(), same).changed).toEqual([]);
    expect(diff(budget(), same).fields).toEqual([]);
    const fen = budget((b) => {
      b.incomeTotal = "3850000.01";
    });
    expect(diff(budget(), fen).fields).toEqual([{ field: "incomeTotal", before: "3850000.00", after: "3850000.01" }]);
  });

  it("lists added and removed lines by section, and a corrected code as a change of the same line", () => {
    const after = budget((b) => {
      b.sections.income.splice(1, 1);
      b.sections.procurement.push({
        catalogCode: "A0201",
        itemName: "执法记录仪",
        category: "goods",
        quantity: "40",
        unit: "台",
        unitPrice: "1350.50",
        amount: "54020.00",
        fundingSource: "一般公共预算拨款",
      });
      b.sections.spending[1]!.classCode = "2140199";
    });
    const d = diff(budget(), after);
    expect(d.added.map((a) => budgetRowLabel(a.row, "zh"))).toEqual(["政府采购 · A0201 执法记录仪"]);
    expect(d.removed.map((r) => budgetRowLabel(r.row, "en"))).toEqual(["Income · 上年结转"]);
    expect(d.changed.map((c) => [budgetRowLabel(c.after, "zh"), c.changes])).toEqual([
      ["项目支出 · 2140199 执勤装备购置", [{ field: "classCode", before: "2140101", after: "2140199" }]],
    ]);
    // An added or removed line is shown by its amount.
    expect(BUDGET_CHANGES.summaryField?.(d.added[0]!.row)).toBe("amount");
    expect(d.added[0]!.row.values.amount).toBe("54020.00");
  });

  it("gives 三公 and 资产 one row per part, all added when the section is filled in for the first time", () => {
    const before = budget((b) => {
      b.sections.threePublic = null;
    });
    const after = budget((b) => {
      b.sections.assets!.vehicleCount = 11;
    });
    const d = diff(before, after);
    expect(d.added.map((a) => budgetRowLabel(a.row, "zh"))).toEqual([
      "三公经费 · 因公出国（境）费",
      "三公经费 · 公务用车购置费",
      "三公经费 · 公务用车运行维护费",
      "三公经费 · 公务接待费",
      "三公经费 · “三公”经费合计（填报）",
    ]);
    expect(d.added.map((a) => a.row.values.amount)).toEqual(["0.00", "0.00", "86000.00", "12000.00", "98000.00"]);
    expect(d.changed.map((c) => [budgetRowLabel(c.after, "zh"), c.changes])).toEqual([
      ["资产 · 车辆", [{ field: "vehicleCount", before: 12, after: 11 }]],
    ]);
  });

  it("shows 元 amounts in 万元 as the budget page does, with the exact 元, never through a float", () => {
    expect(budgetAmount("762500.00")).toBe("76.25 万元（762,500.00 元）");
    // 9,876,543,210,987,654 fen is beyond a float's exact integers.
    expect(budgetAmount("98765432109876.54")).toBe("9,876,543,210.987654 万元（98,765,432,109,876.54 元）");
    // one format beside the 元: separators in 万元 too (issue 13 saw "1350.50 万元" beside "13,505,000.00 元")
    expect(budgetAmount("13505000.00")).toBe("1,350.50 万元（13,505,000.00 元）");
    expect(BUDGET_CHANGES.format?.("amount", "13500.00", "zh")).toBe("1.35 万元（13,500.00 元）");
    expect(BUDGET_CHANGES.format?.("subkind", "personnel", "zh")).toBe("人员经费");
    expect(BUDGET_CHANGES.format?.("changeReason", "压减接待", "zh")).toBeUndefined();
    expect(BUDGET_CHANGES.fieldLabel?.("incomeTotal", "zh")).toBe("收入合计");
    expect(BUDGET_CHANGES.fieldLabel?.("priorAmount", "en")).toBe("Prior year");
  });
});
