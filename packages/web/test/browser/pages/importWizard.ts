/**
 * Page model of the import wizard's unit mapping (单位对应): the document's units, what the server proposes for
 * each, the organisation chosen instead, and after the commit the links to the organisation each unit went into.
 * Upload and commit are the wizard's (pages/imports.ts).
 */
import type { Locator, Page } from "playwright-core";
import { ImportWizard } from "./imports.ts";

export class ImportUnitsWizard extends ImportWizard {
  constructor(page: Page) {
    super(page);
  }

  table(): Locator {
    return this.page.getByTestId("import-units");
  }

  /** The row of a unit of the document, by its code (or its name when it has none). */
  row(codeOrName: string): Locator {
    return this.page.getByTestId(`unit-row-${codeOrName}`);
  }

  /** The units' names as the table lists them, in order. */
  async unitNames(): Promise<string[]> {
    await this.table().waitFor();
    const names = await this.table().getByTestId("unit-name").allTextContents();
    return names;
  }

  /** What the server proposes for the unit (the tag, the organisation, and why it cannot, if so). */
  async proposal(codeOrName: string): Promise<{ action: string; text: string; problem: string | null }> {
    const row = this.row(codeOrName);
    const problem = row.getByTestId("unit-problem");
    return {
      action: (await row.getByTestId("unit-action").textContent()) ?? "",
      text: (await row.locator("td").nth(1).textContent()) ?? "",
      problem: (await problem.count()) ? await problem.textContent() : null,
    };
  }

  /** What the unit brings (duties, the budget's sections) as the table says. */
  async brings(codeOrName: string): Promise<string> {
    return (await this.row(codeOrName).getByTestId("unit-brings").textContent()) ?? "";
  }

  /** The choices of the unit's select (the proposal first, then the organisations under the chosen one). */
  async options(codeOrName: string): Promise<string[]> {
    const options = (await this.openChoices(codeOrName)).locator(".ant-select-item-option");
    await options.first().waitFor();
    const texts = (await options.allTextContents()).map((t) => t.trim());
    await this.page.keyboard.press("Escape");
    await this.page.locator(".ant-select-dropdown:visible").waitFor({ state: "hidden" });
    return texts;
  }

  /** Chooses the organisation (by the option's text) the unit goes into. */
  async mapTo(codeOrName: string, option: RegExp): Promise<void> {
    await (await this.openChoices(codeOrName))
      .locator(".ant-select-item-option")
      .filter({ hasText: option })
      .first()
      .click();
    await this.page.locator(".ant-select-dropdown:visible").waitFor({ state: "hidden" });
  }

  /**
   * Opens the unit's select and answers its own dropdown: the one holding the listbox its input controls. Another
   * select's dropdown (the year switcher's, just chosen) may still be fading out and must not be read instead.
   */
  private async openChoices(codeOrName: string) {
    const select = this.row(codeOrName).getByTestId("unit-org");
    await select.click();
    const listbox = await select.locator("input").first().getAttribute("aria-controls");
    return listbox
      ? this.page.locator(".ant-select-dropdown").filter({ has: this.page.locator(`[id="${listbox}"]`) })
      : this.page.locator(".ant-select-dropdown:visible");
  }

  /** The selected choice of the unit's select, as shown. */
  async mapped(codeOrName: string): Promise<string> {
    return (await this.row(codeOrName).getByTestId("unit-org").textContent()) ?? "";
  }

  /** The server's refusal shown at the unit's row ("" when none). */
  async refusal(codeOrName: string): Promise<string> {
    const r = this.row(codeOrName).getByTestId("unit-refused");
    return (await r.count()) ? ((await r.textContent()) ?? "") : "";
  }

  /** Clicks the commit button and waits for the server's answer (accepted or refused); returns its status. */
  async commitAnswered(): Promise<number> {
    const answer = this.page.waitForResponse(
      (r) => r.request().method() === "POST" && /\/api\/v1\/imports\/[^/]+\/commit$/.test(new URL(r.url()).pathname),
    );
    await this.page.getByTestId("import-commit").click();
    const status = (await answer).status();
    // The button is busy while the answer is handled; once it is not, the page shows the outcome.
    await this.page.locator('[data-testid="import-commit"].ant-btn-loading').waitFor({ state: "detached" });
    return status;
  }

  /** Whether the unit's choice is marked as refused (the select in its error state). */
  async markedRefused(codeOrName: string): Promise<boolean> {
    const select = this.row(codeOrName).locator(".ant-select").first();
    return (await select.getAttribute("class"))?.includes("ant-select-status-error") ?? false;
  }

  /** The wizard's error banner ("" when none). */
  async error(): Promise<string> {
    const alert = this.page.getByTestId("import-page").locator(".ant-alert-error");
    return (await alert.count()) ? ((await alert.first().textContent()) ?? "") : "";
  }

  /** After the commit: opens the duties or the budget of the organisation the unit went into. */
  async openUnitPage(codeOrName: string, which: "duties" | "budget"): Promise<void> {
    await this.row(codeOrName).getByTestId(`unit-open-${which}`).click();
  }
}
