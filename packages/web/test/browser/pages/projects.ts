/** Page models of the project list and the project page (through the UI only). */
import type { Page } from "playwright-core";
import { IndicatorGridPage } from "./indicatorGrid.ts";
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

export class ProjectPage extends IndicatorGridPage {
  readonly workflow: Workflow;

  constructor(page: Page) {
    super(page);
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

  save(): Promise<void> {
    return this.saveIndicators();
  }

  /** Every button that edits the project or moves it on. */
  editButtons() {
    return this.page.locator(
      ["save-indicators", "undo", "start-evaluation", "wf-submit", "wf-unit-approve", "wf-approve", "wf-return"]
        .map((t) => `[data-testid="${t}"]`)
        .join(", "),
    );
  }

  /** The revision as shown beside the state (第 2 版（第 1 次调整）); null for a project never adjusted. */
  async revision(): Promise<string | null> {
    const tag = this.page.getByTestId("project-page").getByTestId("project-revision");
    return (await tag.count()) ? tag.first().textContent() : null;
  }

  /**
   * 预算调整: presses the button, reads the confirmation and confirms. Returns the confirmation's text; the page
   * then opens the new draft revision, or says why not.
   */
  async adjust(): Promise<string> {
    await this.page.getByTestId("project-revise").click();
    const confirm = this.page.locator("#revise-confirm");
    await confirm.waitFor();
    const text = (await this.page.getByTestId("revise-confirm-text").textContent()) ?? "";
    await confirm.click();
    return text;
  }
}
