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

  /** Types like `type` and returns the names the server suggested for the text (the answer awaited). */
  async typeAndAnswer(row: number, text: string): Promise<string[]> {
    const answer = this.page.waitForResponse(
      (r) => r.url().includes("/library/suggestions") && new URL(r.url()).searchParams.get("q") === text,
    );
    await this.type(row, text);
    const body = (await (await answer).json()) as { items: { name: string }[] };
    return body.items.map((i) => i.name);
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
    await list.waitFor({ state: "hidden" });
    return items;
  }
}

export class LibraryPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole("menuitem", { name: /指标库|Indicator library/ }).click();
    await this.page.getByTestId("library-page").waitFor();
  }

  async search(text: string): Promise<void> {
    const input = this.page.getByTestId("library-search").locator("input");
    await input.fill(text);
    await input.press("Enter");
  }

  row(name: string) {
    return this.page
      .locator("tr.ant-table-row")
      .filter({ has: this.page.getByTestId("library-entry-name").getByText(name, { exact: true }) });
  }

  /** Presses a mark button (推荐 / 不允许 / 清除) of the entry and waits for the mark to show. */
  async mark(name: string, button: "推荐" | "不允许" | "清除", shows: string | null): Promise<void> {
    await this.row(name).getByRole("button", { name: button }).click();
    const cell = this.row(name).getByTestId("library-entry-mark");
    if (shows) await cell.locator(".ant-tag").filter({ hasText: shows }).waitFor();
    else await cell.locator(".ant-tag").waitFor({ state: "detached" });
  }

  /** Expands the entry's row and returns where it was used, as listed: the source's kind and the line's text. */
  async uses(name: string): Promise<{ kind: string | null; text: string }[]> {
    await this.row(name).waitFor();
    await this.row(name).locator(".ant-table-row-expand-icon").click();
    const lines = this.page.getByTestId("library-used-in").getByTestId("library-use");
    await lines.first().waitFor();
    const out: { kind: string | null; text: string }[] = [];
    for (const line of await lines.all())
      out.push({ kind: await line.getAttribute("data-kind"), text: (await line.textContent()) ?? "" });
    return out;
  }
}
