/** Page model of 职责活动 (duties → activities editor), through the UI only. */
import type { Page } from "playwright-core";

export class DutiesPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole("menuitem", { name: /职责活动|Duties/ }).click();
    await this.page.getByTestId("duties-page").waitFor();
  }

  async addDuty(name: string, budgetWan: string): Promise<void> {
    await this.page.getByTestId("add-duty").click();
    await this.page.getByTestId("new-duty-name").fill(name);
    await this.page.getByTestId("new-duty-budget").fill(budgetWan);
    await this.page.locator("#add-duty-confirm").click();
    await this.page.getByTestId("duty-card").waitFor();
  }

  async selectDuty(name: string): Promise<void> {
    await this.page.getByTestId("duty-node").filter({ hasText: name }).first().click();
    await this.page.getByTestId("duty-card").waitFor();
  }

  async selectActivity(name: string): Promise<void> {
    await this.page.getByTestId("activity-node").filter({ hasText: name }).first().click();
    await this.page.getByTestId("activity-card").waitFor();
  }

  async addActivity(): Promise<void> {
    await this.page.getByTestId("add-activity").click();
    await this.page.getByTestId("activity-card").waitFor();
  }

  field(testId: string) {
    return this.page.getByTestId(testId);
  }

  async fill(testId: string, value: string): Promise<void> {
    await this.page.getByTestId(testId).fill(value);
  }

  /** The four tiers 优/良/中/差 of indicator `row` of the chosen activity. */
  async fillTiers(row: number, tiers: [string, string, string, string]): Promise<void> {
    const names = ["优", "良", "中", "差"];
    for (const [i, v] of tiers.entries()) await this.fill(`ind-${row}-${names[i]}`, v);
  }

  /** Pastes a tab-separated block (as copied from Excel) into a cell of the indicator table. */
  async paste(testId: string, tsv: string): Promise<void> {
    await this.page.getByTestId(testId).evaluate((input, text) => {
      const dt = new DataTransfer();
      dt.setData("text/plain", text);
      input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
    }, tsv);
  }

  tierProblem(row: number, code: string) {
    return this.page.getByTestId(`tier-problems-${row}`).getByTestId(`tier-problem-${code}`);
  }

  sumCheck() {
    return this.page.getByTestId("duty-sum");
  }

  async save(): Promise<void> {
    await this.page.getByTestId("save-duty").click();
    await this.page.getByTestId("unsaved").waitFor({ state: "detached" });
  }

  editControls() {
    return this.page.locator(
      '[data-testid="add-duty"], [data-testid="save-duty"], [data-testid="add-activity"], [data-testid="delete-duty"], [data-testid="add-indicator"], [data-testid="duties-page"] input:not([data-testid^="try-"]), [data-testid="duties-page"] textarea',
    );
  }
}

/**
 * Waits until the header's organisation switcher is enabled (it is disabled until the organisations and years are
 * loaded; Shell.chooseOrg clicking it before that waits for a tree that never opens).
 */
export async function waitForWorkspace(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="org-switcher"]');
    const select = el?.closest(".ant-select") ?? el;
    return !!select && !select.classList.contains("ant-select-disabled");
  });
}
