/**
 * Page model of a department budget's review on 预算 (pages/budget: BudgetCard, BudgetReview): its state, the
 * workflow buttons and 本次修改 (the shared Workflow model), the filler's fixes after a return, export and
 * publication, through the UI only.
 */
import type { Download, Page } from "playwright-core";
import { BudgetPage } from "./budget.ts";
import { downloadExport } from "./exportMenu.ts";
import { confirmAction, Workflow } from "./workflow.ts";

/** A figure of the budget as the card shows it (万元 text) before the filler changed it, and as typed. */
export interface Fix {
  before: string;
  after: string;
}

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

  /**
   * The filler's fix of a returned budget: a procurement line's amount and a 三公 part (this year), typed in 万元,
   * then saved. Answers what each showed before and the line's catalog code and name (本次修改 names it by them).
   */
  async fixFigures(fix: {
    procurementRow: number;
    amount: string;
    threePart: "abroad" | "vehiclePurchase" | "vehicleOperation" | "reception";
    three: string;
  }): Promise<{ procurement: Fix & { catalogCode: string; itemName: string }; three: Fix }> {
    const editor = new BudgetPage(this.page);
    await editor.tab(/政府采购/);
    const cell = (key: string) => editor.cell("procurement", fix.procurementRow, key);
    const procurement = {
      catalogCode: await cell("catalogCode").inputValue(),
      itemName: await cell("itemName").inputValue(),
      before: await cell("amount").inputValue(),
      after: fix.amount,
    };
    await cell("amount").fill(fix.amount);
    await editor.tab(/三公经费/);
    const part = this.page.getByTestId(`three-${fix.threePart}`);
    const three = { before: await part.inputValue(), after: fix.three };
    await part.fill(fix.three);
    await editor.save();
    return { procurement, three };
  }

  /**
   * 预算调整 on the approved latest revision: the confirmation (its text answered), then the new draft revision
   * shown on the card.
   */
  async revise(): Promise<string> {
    await this.page.getByTestId("budget-revise").click();
    const text = (await this.page.getByTestId("budget-revise-confirm-text").textContent()) ?? "";
    await this.page.locator("#budget-revise-confirm").click();
    await this.page.getByTestId("budget-revise-confirm-text").waitFor({ state: "detached" });
    return text;
  }

  /** The revision the card shows (data-revision of its tag; 1 when untagged: a budget never adjusted). */
  async revision(): Promise<number> {
    const tag = this.page.getByTestId("budget-card").first().getByTestId("budget-revision");
    return (await tag.count()) === 0 ? 1 : Number(await tag.getAttribute("data-revision"));
  }

  /** Waits until the card shows the revision. */
  async waitForRevision(revision: number): Promise<void> {
    await this.page.locator(`[data-testid="budget-revision"][data-revision="${revision}"]`).first().waitFor();
  }

  /** Switches the card to another revision of the year (年初预算, 第 N 次调整). */
  async showRevision(revision: number): Promise<void> {
    await this.page.getByTestId(`budget-revision-${revision}`).click();
    await this.waitForRevision(revision);
  }

  /** 公开: publishes the approved budget and answers the public page's path. */
  async publish(): Promise<string> {
    await this.page.getByTestId("publish").click();
    await confirmAction(this.page, "publish-confirm");
    await this.page.getByTestId("published").waitFor();
    return (await this.page.getByTestId("public-link").getAttribute("href")) ?? "";
  }

  /** Downloads the budget's 部门预算信息公开 in a format (the export menu opens on hover). */
  async export(format: "docx" | "xlsx" | "pdf"): Promise<Download> {
    return downloadExport(this.page, format);
  }
}
