/** Page model of a stored self-evaluation (自评表): actual values, figures, save, export, workflow. */
import type { Download, Page } from "playwright-core";
import { Workflow } from "./workflow.ts";

export class SelfEvaluation {
  readonly workflow: Workflow;

  constructor(readonly page: Page) {
    this.workflow = new Workflow(page);
  }

  async ready(): Promise<void> {
    await this.page.getByTestId("indicator-table").waitFor();
    await this.page.getByTestId("se-state").waitFor();
  }

  state() {
    return this.page.getByTestId("se-state").getAttribute("data-state");
  }

  /** The actual-value input of the indicator row of that name. */
  actual(name: string) {
    return this.page
      .getByTestId("indicator-table")
      .locator("tr", { hasText: name })
      .filter({ has: this.page.locator('input[data-testid^="actual-"]') })
      .first()
      .locator('input[data-testid^="actual-"]');
  }

  total() {
    return this.page.getByTestId("se-total").textContent();
  }

  grade() {
    return this.page.getByTestId("se-grade").textContent();
  }

  async save(): Promise<void> {
    await this.page.getByTestId("se-save").click();
    await this.page.getByText("自评已保存").waitFor();
  }

  /** Downloads the export in a format (the button's menu opens on hover). */
  async export(format: "docx" | "xlsx" | "pdf"): Promise<Download> {
    await this.page.getByTestId("export").hover();
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.page.getByTestId(`export-${format}`).click(),
    ]);
    return download;
  }
}
