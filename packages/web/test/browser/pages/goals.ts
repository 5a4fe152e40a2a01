/** Page models of the department-overall goals list and one goal's page, through the UI only. */
import type { Page } from "playwright-core";
import { IndicatorGridPage } from "./indicatorGrid.ts";
import { confirmAction } from "./workflow.ts";

export class GoalsList {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole("menuitem", { name: /整体目标|Overall goals/ }).click();
    await this.page.getByTestId("goals-page").waitFor();
  }

  /** Opens the organisation's goal, starting it first when the filler may and there is none. */
  async openOrCreate(orgName: string): Promise<GoalPage> {
    const link = this.page.getByTestId("goal-link").filter({ hasText: orgName });
    // the list loaded: a goal's link, or the button that starts one (the table's empty text shows while it loads)
    await this.page.locator('[data-testid="goal-link"], [data-testid="create-goal"]').first().waitFor();
    if ((await link.count()) > 0) await link.first().click();
    else await this.page.getByTestId("create-goal").click();
    const g = new GoalPage(this.page);
    await g.ready();
    return g;
  }
}

export class GoalPage extends IndicatorGridPage {
  async ready(): Promise<void> {
    await this.page.getByTestId("goal-page").waitFor();
    await this.page.getByTestId("indicator-grid").waitFor();
  }

  state() {
    return this.page.getByTestId("goal-page").getByTestId("wf-state").first().getAttribute("data-state");
  }

  async writeAnnualGoal(text: string): Promise<void> {
    await this.page.getByTestId("goal-annualGoal").fill(text);
    await this.page.getByTestId("save-goal-text").click();
    await this.page.waitForFunction(
      () => (document.querySelector('[data-testid="save-goal-text"]') as HTMLButtonElement | null)?.disabled === true,
    );
  }

  async submit(): Promise<void> {
    await this.page.getByTestId("wf-submit").click();
    await confirmAction(this.page);
    await this.page.getByTestId("wf-submit").waitFor({ state: "detached" });
  }

  editControls() {
    return this.page.locator(
      '[data-testid="save-goal-text"], [data-testid="save-indicators"], [data-testid="undo"], [data-testid="wf-submit"], [data-testid="goal-page"] textarea',
    );
  }
}
