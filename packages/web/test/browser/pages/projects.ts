/** Page models of the project list and the project page (through the UI only). */
import type { Page } from "playwright-core";
import { Workflow } from "./workflow.ts";

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
  readonly workflow: Workflow;

  constructor(readonly page: Page) {
    this.workflow = new Workflow(page);
  }

  async ready(): Promise<void> {
    await this.page.getByTestId("project-page").waitFor();
    await this.page.getByTestId("indicator-grid").waitFor();
  }

  /** The state as shown (e.g. 已提交，待单位审核). */
  state() {
    return this.page.getByTestId("project-page").getByTestId("project-state").first().textContent();
  }

  /** The state's code (draft, submitted, unit_approved, approved, returned). */
  stateCode() {
    return this.page.getByTestId("project-page").getByTestId("project-state").first().getAttribute("data-state");
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

  /** Every button that edits the project or moves it on. */
  editButtons() {
    return this.page.locator(
      ["save-indicators", "undo", "start-evaluation", "wf-submit", "wf-unit-approve", "wf-approve", "wf-return"]
        .map((t) => `[data-testid="${t}"]`)
        .join(", "),
    );
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
