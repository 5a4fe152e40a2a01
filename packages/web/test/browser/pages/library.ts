/** Page models of the indicator library's suggestions in the grid and of 结转上年 (through the UI only). */
import type { Page } from "playwright-core";

export class NameSuggestions {
  constructor(readonly page: Page) {}

  /** Starts editing the 三级指标 cell of a row and types into it, leaving the edit open for the suggestions. */
  async type(row: number, text: string): Promise<void> {
    await this.page.getByTestId(`cell-${row}-name`).click();
    await this.page.keyboard.press("Enter");
    await this.page.getByTestId("cell-editor").fill(text);
  }

  /** The suggestions shown (waiting for the first). */
  async shown(): Promise<string[]> {
    const items = this.page.getByTestId("library-suggestion");
    await items.first().waitFor();
    return items.allTextContents();
  }

  /** Picks the suggestion of that name; the edit ends. */
  async pick(name: string): Promise<void> {
    await this.page.getByTestId("library-suggestion").filter({ hasText: name }).first().click();
    await this.page.getByTestId("cell-editor").waitFor({ state: "detached" });
  }
}

export class CarryForward {
  constructor(readonly page: Page) {}

  /** Presses 结转上年, confirms, and returns each record of the result as `name status`. */
  async run(): Promise<string[]> {
    await this.page.getByTestId("carry-forward").click();
    await this.page.locator("#carry-forward-ok").click();
    const list = this.page.getByTestId("carry-forward-result");
    await list.waitFor();
    const items = await list.locator(".ant-list-item").allTextContents();
    await this.page.getByRole("button", { name: /知道了|OK/ }).click();
    await list.waitFor({ state: "detached" }).catch(() => list.waitFor({ state: "hidden" }));
    return items;
  }
}
