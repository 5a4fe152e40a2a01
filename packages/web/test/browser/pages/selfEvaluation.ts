/** Page model of a stored self-evaluation (自评表): actual values, figures, save, export, workflow. */
import type { Download, Page } from "playwright-core";
import { downloadExport } from "./exportMenu.ts";
import { confirmAction, Workflow } from "./workflow.ts";

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

  /** The stored score (the server's, shown on every view): total, grade, stated total, the 按方案折算 lines. */
  storedTotal() {
    return this.page.getByTestId("se-stored-total").textContent();
  }

  storedGrade() {
    return this.page.getByTestId("se-stored-grade").textContent();
  }

  statedTotal() {
    return this.page.getByTestId("se-stated-total").textContent();
  }

  fitting() {
    return this.page.getByTestId("se-fitting").textContent();
  }

  /** A refused submission: the paths it lists, and the message shown at a field (`executed`, `<itemId>-deviationReason`). */
  refusalPaths(): Promise<string[]> {
    return this.page
      .getByTestId("se-refusal-item")
      .evaluateAll((xs) => xs.map((x) => x.getAttribute("data-path") ?? ""));
  }

  fieldError(key: string) {
    return this.page.getByTestId(`field-error-${key}`);
  }

  /** Presses 提交 expecting a refusal (the button stays). */
  async submitRefused(): Promise<void> {
    await this.page.getByTestId("wf-submit").click();
    await confirmAction(this.page);
    await this.page.getByTestId("se-refusal").waitFor();
  }

  async save(): Promise<void> {
    await this.page.getByTestId("se-save").click();
    await this.page.getByText("自评已保存").waitFor();
  }

  /** Downloads the export in a format (the button's menu opens on hover). */
  async export(format: "docx" | "xlsx" | "pdf"): Promise<Download> {
    return downloadExport(this.page, format);
  }
}
