/** Page model of 预算 (department budget), through the UI only. */
import type { Page } from "playwright-core";

export class BudgetPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole("menuitem", { name: "预算" }).click();
    await this.page.getByTestId("budget-page").waitFor();
  }

  /** The organisation's department budget, created by the filler when there is none yet. */
  async ensureBudget(): Promise<void> {
    await this.page.locator('[data-testid="budget-card"], [data-testid="create-budget"]').first().waitFor();
    if ((await this.page.getByTestId("budget-card").count()) === 0) {
      await this.page.getByTestId("create-budget").click();
      await this.page.getByTestId("budget-card").waitFor();
    }
  }

  async tab(name: RegExp): Promise<void> {
    await this.page.getByTestId("budget-card").getByRole("tab", { name }).click();
  }

  cell(table: string, row: number, key: string) {
    return this.page.getByTestId(`${table}-${row}-${key}`);
  }

  async addLine(table: string): Promise<number> {
    const before = await this.page.locator(`[data-testid^="${table}-"][data-testid$="-delete"]`).count();
    await this.page.getByTestId(`${table}-add`).click();
    return before;
  }

  async fillLine(table: string, row: number, values: Record<string, string>): Promise<void> {
    for (const [k, v] of Object.entries(values)) await this.cell(table, row, k).fill(v);
  }

  /** Adds the full-year execution row of a scope (部门合计, 基本支出, 项目支出). */
  async addExecution(scopeLabel: string): Promise<void> {
    await this.page.getByTestId("execution-scope").click();
    await this.page.locator(".ant-select-item-option:visible").filter({ hasText: scopeLabel }).first().click();
    await this.page.getByTestId("execution-add").click();
  }

  procurementCheck(row: number) {
    return this.page.getByTestId(`procurement-${row}-check`);
  }

  async save(): Promise<void> {
    await this.page.getByTestId("save-budget").click();
    await this.page.getByTestId("budget-unsaved").waitFor({ state: "detached" });
  }

  editControls() {
    return this.page.locator(
      '[data-testid="save-budget"], [data-testid="create-budget"], [data-testid$="-add"], [data-testid="budget-card"] input',
    );
  }
}
