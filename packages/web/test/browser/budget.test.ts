/**
 * The department budget in Debian's chromium: a filler creates the unit's budget, adds a procurement line whose
 * quantity × unit price is checked as typed (core's exact arithmetic, not floats), corrects it, fills 三公 with
 * the prior year, saves and finds it after a reload; a viewer reads the same budget with no edit control.
 */
import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, startHarness } from "./harness.ts";
import { BudgetPage } from "./pages/budget.ts";
import { signedInAt } from "./pages/session.ts";

const hasChromium = existsSync(CHROMIUM);
const UNIT = "天津市公安交通管理局警务保障处";

describe.skipIf(!hasChromium)("department budget editor", () => {
  let h: Harness;
  const errors: string[] = [];

  async function as(role: "filler" | "viewer"): Promise<{ page: Page; budget: BudgetPage }> {
    const { page } = await signedInAt(h, role, { org: UNIT, year: 2024, errors });
    const budget = new BudgetPage(page);
    await budget.open();
    return { page, budget };
  }

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h?.close();
  });

  it("a filler edits a procurement line with the live quantity × unit price check, and 三公 beside the prior year", async () => {
    const { page, budget } = await as("filler");

    // The unit's full-year execution (seed 003's figures in 万元): 年初 + 调整 = 确定 and the rate, by core.
    await budget.addExecution("部门合计");
    const fig = (f: string) => page.getByTestId(`execution-total-${f}`);
    await fig("initialBudget").fill("17029.459963");
    await fig("adjustment").fill("-336.134055");
    await fig("determinedBudget").fill("16693.33");
    await fig("executed").fill("16579.445908");
    await expect.poll(() => page.getByTestId("execution-total-check").textContent()).toContain("相差 40.92");
    await fig("determinedBudget").fill("16693.325908");
    await expect.poll(() => page.getByTestId("execution-total-check").textContent()).toBe("99.32%");
    await page.getByTestId("execution-total-save").click();
    await expect.poll(() => page.getByTestId("execution-total-save").isDisabled()).toBe(true);
    // The roll-up above reads the saved figures at once.
    await expect.poll(() => page.getByTestId("execution-rollup").textContent()).toContain("99.32%");

    await budget.ensureBudget();
    await budget.tab(/政府采购/);
    const row = await budget.addLine("procurement");
    // Seed 001: 执法记录仪 40 × 1,350.50 元 written as 54,000.00 元 (0.13505 and 5.4 万元).
    await budget.fillLine("procurement", row, {
      catalogCode: "A02",
      itemName: "执法记录仪",
      quantity: "40",
      unitPrice: "0.13505",
      amount: "5.4",
    });
    await expect.poll(() => budget.procurementCheck(row).getAttribute("data-holds")).toBe("no");
    expect(await budget.procurementCheck(row).textContent()).toContain("54,020.00 元");
    await h.screenshot(page, "budget-procurement", { publish: true });
    await budget.fillLine("procurement", row, { amount: "5.402" });
    await expect.poll(() => budget.procurementCheck(row).getAttribute("data-holds")).toBe("yes");
    expect(await page.getByTestId("procurement-total").textContent()).toContain("54,020.00 元");

    await budget.tab(/三公经费/);
    await page.getByTestId("add-three-public").click();
    await page.getByTestId("three-vehicleOperation").fill("202.46");
    await page.getByTestId("three-reception").fill("1.31");
    await page.getByTestId("three-prior-vehicleOperation").fill("195.09");
    await page.getByTestId("three-prior-reception").fill("1.4");
    await page.getByTestId("three-stated").fill("203.78");
    // 202.46 + 1.31 = 203.77: the stated 203.78 is 0.01 万元 (100.00 元) over.
    await expect.poll(() => page.getByTestId("three-check").textContent()).toContain("相差 0.01 万元（100.00 元）");
    expect(await page.getByTestId("three-change-vehicleOperation").textContent()).toBe("+7.37");
    expect(await page.getByTestId("three-change-reception").textContent()).toBe("-0.09");
    await page.getByTestId("three-stated").fill("203.77");
    await expect.poll(() => page.getByTestId("three-check").textContent()).toContain("= 各项合计");
    await budget.save();

    await page.reload();
    await budget.ensureBudget();
    await budget.tab(/政府采购/);
    expect(await budget.cell("procurement", row, "amount").inputValue()).toBe("5.402");
    expect(await budget.cell("procurement", row, "unitPrice").inputValue()).toBe("0.13505");
    expect(await budget.procurementCheck(row).getAttribute("data-holds")).toBe("yes");
    await budget.tab(/三公经费/);
    expect(await page.getByTestId("three-vehicleOperation").inputValue()).toBe("202.46");
    expect(await page.getByTestId("three-check").textContent()).toContain("= 各项合计");

    // Unsaved typing is kept over a reload; undoing it brings back the saved budget.
    await budget.tab(/概览/);
    await page.getByTestId("income-total").fill("1");
    await page.reload();
    await budget.ensureBudget();
    expect(await page.getByTestId("income-total").inputValue()).toBe("1");
    await page.getByTestId("budget-unsaved").waitFor();
    await page.getByTestId("undo-budget").click();
    await page.getByTestId("budget-unsaved").waitFor({ state: "detached" });
    expect(await page.getByTestId("income-total").inputValue()).toBe("");
    await page.close();
  });

  it("a viewer reads the budget with its checks and has no edit control", async () => {
    const { page, budget } = await as("viewer");
    await page.getByTestId("budget-card").waitFor();
    await budget.tab(/政府采购/);
    expect(await budget.cell("procurement", 0, "itemName").textContent()).toBe("执法记录仪");
    expect(await budget.procurementCheck(0).getAttribute("data-holds")).toBe("yes");
    // read only: 万元 with thousands separators, every digit kept
    expect(await page.getByTestId("execution-total-determinedBudget").textContent()).toBe("16,693.325908");
    expect(await page.getByTestId("execution-total-check").textContent()).toBe("99.32%");
    expect(await budget.editControls().count()).toBe(0);
    expect(await page.locator('[data-testid="execution-card"] input, [data-testid="execution-add"]').count()).toBe(0);
    await h.screenshot(page, "budget-viewer", { publish: true });
    expect(errors).toEqual([]);
  });
});
