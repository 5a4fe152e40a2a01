/** Page model of the import wizard: upload a file, read the plan, commit. */
import type { Page } from "playwright-core";

export class ImportWizard {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole("menuitem", { name: /导入|Import/ }).click();
    await this.page.getByTestId("import-page").waitFor();
  }

  /** The id of the import the last upload created (as the plan shows it). */
  lastImportId = "";

  /**
   * Uploads the file and waits for the server's plan of this upload; returns its text. The page may still show the
   * plan of an earlier upload, so the plan awaited is one of another import than the one shown before.
   */
  async upload(file: string): Promise<string> {
    const shown = this.page.getByTestId("import-plan");
    const before = (await shown.count()) ? await shown.first().getAttribute("data-import-id") : null;
    const answer = this.page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname.endsWith("/api/v1/imports"),
    );
    await this.page
      .locator('[data-testid="import-upload"] input[type="file"], input[type="file"]')
      .first()
      .setInputFiles(file);
    const status = (await answer).status();
    if (status >= 400) throw new Error(`the upload was refused (${status})`);
    const plan = before
      ? this.page.locator(`[data-testid="import-plan"]:not([data-import-id="${before}"])`)
      : this.page.locator('[data-testid="import-plan"][data-import-id]');
    await plan.waitFor();
    this.lastImportId = (await plan.getAttribute("data-import-id")) ?? "";
    return (await plan.textContent()) ?? "";
  }

  async commit(): Promise<void> {
    const commit = this.page.getByTestId("import-commit");
    if (!(await commit.isEnabled())) throw new Error("the import cannot be committed");
    await commit.click();
    await commit.waitFor({ state: "detached" });
  }
}
