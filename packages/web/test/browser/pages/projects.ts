/** Page models of the project list and the project page (through the UI only). */
import type { Page } from "playwright-core";

export class ProjectList {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole("menuitem", { name: /项目|Projects/ }).click();
    await this.page.getByTestId("project-list").waitFor();
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId("project-search").locator("input").fill(text);
    await this.page.getByTestId("project-search").locator("input").press("Enter");
  }

  async openProject(name: string): Promise<ProjectPage> {
    await this.page.getByTestId("project-link").filter({ hasText: name }).first().click();
    const p = new ProjectPage(this.page);
    await p.ready();
    return p;
  }
}

export class ProjectPage {
  constructor(readonly page: Page) {}

  async ready(): Promise<void> {
    await this.page.getByTestId("project-page").waitFor();
    await this.page.getByTestId("indicator-grid").waitFor();
  }

  state() {
    return this.page.getByTestId("project-page").getByTestId("project-state").first().textContent();
  }

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

  async save(): Promise<void> {
    await this.page.getByTestId("save-indicators").click();
    await this.page.getByTestId("unsaved").waitFor({ state: "detached" });
  }

  async submit(): Promise<void> {
    await this.page.getByTestId("submit-project").click();
    await this.page.getByTestId("submit-project").waitFor({ state: "detached" });
  }

  async approve(): Promise<void> {
    await this.page.getByTestId("approve-project").click();
    await this.page.getByTestId("approve-project").waitFor({ state: "detached" });
  }

  async returnWith(comment: string): Promise<void> {
    await this.page.getByTestId("return-project").click();
    await this.page.getByTestId("return-comment-input").fill(comment);
    await this.page.locator("#return-confirm").click();
    await this.page.getByTestId("return-project").waitFor({ state: "detached" });
  }

  editButtons() {
    return this.page.locator(
      '[data-testid="save-indicators"], [data-testid="submit-project"], [data-testid="approve-project"], [data-testid="return-project"], [data-testid="undo"]',
    );
  }
}
