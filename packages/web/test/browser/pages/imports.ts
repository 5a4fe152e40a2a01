/** Page model of the import wizard: upload a file, read the plan, commit. */
import type { Page } from "playwright-core";

export class ImportWizard {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole("menuitem", { name: /导入|Import/ }).click();
    await this.page.getByTestId("import-page").waitFor();
  }

  /** Uploads the file and waits for the server's plan; returns its text. */
  async upload(file: string): Promise<string> {
    await this.page
      .locator('[data-testid="import-upload"] input[type="file"], input[type="file"]')
      .first()
      .setInputFiles(file);
    const plan = this.page.getByTestId("import-plan");
    await plan.waitFor({ timeout: 60_000 });
    return (await plan.textContent()) ?? "";
  }

  async commit(): Promise<void> {
    const commit = this.page.getByTestId("import-commit");
    if (!(await commit.isEnabled())) throw new Error("the import cannot be committed");
    await commit.click();
    await commit.waitFor({ state: "detached", timeout: 60_000 });
  }
}
