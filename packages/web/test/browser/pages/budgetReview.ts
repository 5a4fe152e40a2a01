/**
 * Page model of a department budget's review on 预算 (pages/budget: BudgetCard, BudgetReview): its state, the
 * workflow buttons (the shared Workflow model), export and publication, through the UI only.
 */
import type { Download, Page } from "playwright-core";
import { Workflow } from "./workflow.ts";

export class BudgetReview {
  readonly workflow: Workflow;
  constructor(readonly page: Page) {
    this.workflow = new Workflow(page);
  }

  /** 预算 in the menu, and the budget card of the organisation and year chosen. */
  async open(): Promise<void> {
    await this.page.getByRole("menuitem", { name: "预算" }).click();
    await this.page.getByTestId("budget-page").waitFor();
    await this.page.getByTestId("budget-card").first().waitFor();
  }

  /** The budget's workflow state, as the card's tag says (data-state). */
  state(): Promise<string | null> {
    return this.page.getByTestId("budget-state").first().getAttribute("data-state");
  }

  /** Waits until the card shows the state. */
  async waitForState(state: string): Promise<void> {
    await this.page.locator(`[data-testid="budget-state"][data-state="${state}"]`).first().waitFor();
  }

  /** Opens 流转记录 (history and 本次修改). */
  async openHistory(): Promise<void> {
    await this.page.getByTestId("budget-history-tab").click();
    await this.page.getByTestId("budget-history").waitFor();
  }

  /** 公开: publishes the approved budget and answers the public page's path. */
  async publish(): Promise<string> {
    await this.page.getByTestId("publish").click();
    await this.page.getByTestId("published").waitFor();
    return (await this.page.getByTestId("public-link").getAttribute("href")) ?? "";
  }

  /** Downloads the budget's 部门预算信息公开 in a format (the export menu opens on hover). */
  async export(format: "docx" | "xlsx" | "pdf"): Promise<Download> {
    await this.page.getByTestId("export").hover();
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.page.getByTestId(`export-${format}`).click(),
    ]);
    return download;
  }
}
