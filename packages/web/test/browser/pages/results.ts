/** Page models of 结果应用 (the summary, the rules editor) and of a project's recommendation (through the UI only). */
import type { Page } from "playwright-core";

export class ResultsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole("menuitem", { name: /结果应用|Using the results/ }).click();
    await this.page.getByTestId("results-page").waitFor();
  }

  /** The summary row of a unit, as text, once the table has it. */
  async unitRow(name: string): Promise<string> {
    const row = this.page.getByTestId("results-summary").locator("tbody tr").filter({ hasText: name }).first();
    await row.waitFor();
    return (await row.textContent()) ?? "";
  }

  /** The reviewer's list: the recommendation tag of a project. */
  async recommendationOf(project: string): Promise<string> {
    const row = this.page.getByTestId("recommendation-table").locator("tbody tr").filter({ hasText: project }).first();
    await row.waitFor();
    return (await row.getByTestId("recommendation-action").first().textContent()) ?? "";
  }

  async openRules(): Promise<void> {
    await this.page.getByTestId("rules-tab").click();
    await this.page.getByTestId("rules-editor").waitFor();
  }

  async setGradeCut(grade: string, percent: string): Promise<void> {
    const input = this.page
      .getByTestId(`grade-cut-${grade}`)
      .locator("input")
      .or(this.page.getByTestId(`grade-cut-${grade}`));
    await input.first().fill(percent);
  }

  /** Saves and waits for the server's answer; returns its status. */
  async save(): Promise<number> {
    const answer = this.page.waitForResponse(
      (r) => r.url().includes("/results/rules") && r.request().method() === "PUT",
    );
    await this.page.getByTestId("rules-save").click();
    return (await answer).status();
  }
}

/** The recommendation card of a project's page. */
export class RecommendationCard {
  constructor(readonly page: Page) {}

  async action(): Promise<string> {
    const card = this.page.getByTestId("recommendation-card");
    await card.getByTestId("recommendation-action").first().waitFor();
    return (await card.getByTestId("recommendation-action").first().textContent()) ?? "";
  }

  async text(): Promise<string> {
    return (await this.page.getByTestId("recommendation-card").textContent()) ?? "";
  }
}
