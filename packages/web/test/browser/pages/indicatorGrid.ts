/** The indicator grid as it stands on the project page and on a goal's page (through the UI only). */
import type { Page } from "playwright-core";

export class IndicatorGridPage {
  constructor(readonly page: Page) {}

  cell(row: number, col: string) {
    return this.page.getByTestId(`cell-${row}-${col}`);
  }

  /** Clicks a cell, presses Enter and types the value, then Enter (commit, next row). */
  async typeInto(row: number, col: string, value: string): Promise<void> {
    await this.cell(row, col).click();
    await this.page.keyboard.press("Enter");
    const editor = this.page.getByTestId("cell-editor");
    await editor.fill(value);
    await editor.press("Enter");
    await editor.waitFor({ state: "detached" });
  }

  /** A level-1/2 cell: Enter opens the picker of the standard tree; the choice is committed with Enter. */
  async choose(row: number, col: "level1" | "level2", value: string): Promise<void> {
    await this.cell(row, col).click();
    await this.page.keyboard.press("Enter");
    const editor = this.page.getByTestId("cell-editor");
    await editor.selectOption(value);
    await editor.press("Enter");
    await editor.waitFor({ state: "detached" });
  }

  /** Pastes a tab-separated block (as copied from Excel) at the cell. */
  async paste(row: number, col: string, tsv: string): Promise<void> {
    await this.cell(row, col).click();
    await this.page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.setData("text/plain", text);
      const grid = document.querySelector('[data-testid="indicator-grid"]')!;
      grid.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
    }, tsv);
  }

  /** Saves the grid's changed rows and waits until nothing is unsaved. */
  async saveIndicators(): Promise<void> {
    await this.page.getByTestId("save-indicators").click();
    await this.page.getByTestId("unsaved").waitFor({ state: "detached" });
  }

  /** The row index of the indicator of that name in the grid (-1 when absent). */
  async rowOf(name: string): Promise<number> {
    const cells = this.page.locator('[data-testid$="-name"][data-testid^="cell-"]');
    await cells.first().waitFor();
    const ids = await cells.evaluateAll(
      (els, n) => els.filter((e) => e.textContent === n).map((e) => e.getAttribute("data-testid")),
      name,
    );
    if (!ids[0]) return -1;
    return Number(ids[0].split("-")[1]);
  }
}
