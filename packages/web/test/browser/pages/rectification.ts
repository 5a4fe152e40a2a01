/** Page models of the 整改 list and of one rectification item, through the UI. */
import type { Page } from "playwright-core";
import { confirmAction } from "./workflow.ts";

export class RectificationPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole("menuitem", { name: /整改|Rectification/ }).click();
    await this.page.getByTestId("rectification-page").waitFor();
    await this.page.getByTestId("rect-counts").waitFor();
  }

  /** The reviewer's new item for `unit`; waits for it in the list. */
  async create(v: { unit: string; problem: string; required: string; deadline: string }): Promise<void> {
    await this.page.getByTestId("rect-new").click();
    const form = this.page.getByTestId("rect-create-form");
    await form.waitFor();
    await form.getByTestId("rect-org").click();
    await this.page.locator(".ant-select-item-option:visible").filter({ hasText: v.unit }).first().click();
    await form.getByTestId("rect-deadline").fill(v.deadline);
    await form.getByTestId("rect-problem").fill(v.problem);
    await form.getByTestId("rect-required").fill(v.required);
    await this.page.locator("#rect-create").click();
    await form.waitFor({ state: "hidden" });
    await this.page.getByTestId("rect-link").filter({ hasText: v.problem }).first().waitFor();
  }

  async openItem(problem: string): Promise<RectificationItemPage> {
    await this.page.getByTestId("rect-link").filter({ hasText: problem }).first().click();
    const p = new RectificationItemPage(this.page);
    await p.ready();
    return p;
  }
}

export class RectificationItemPage {
  constructor(readonly page: Page) {}

  async ready(): Promise<void> {
    await this.page.getByTestId("rect-item-page").waitFor();
  }

  /** The item's state as the page shows it (data-state of its tag). */
  async state(): Promise<string | null> {
    return this.page.getByTestId("rect-item-page").getByTestId("rect-state").first().getAttribute("data-state");
  }

  async waitForState(state: string): Promise<void> {
    await this.page
      .locator(`[data-testid="rect-item-page"] [data-testid="rect-state"][data-state="${state}"]`)
      .first()
      .waitFor();
  }

  /** The unit: types the measures taken and saves them (整改中). */
  async answer(measures: string): Promise<void> {
    await this.page.getByTestId("rect-measures").fill(measures);
    await this.page.getByTestId("rect-save").click();
    await this.waitForState("in_progress");
  }

  /** The unit attaches an evidence file; waits for it in the list. */
  async attach(name: string, text: string): Promise<void> {
    await this.page
      .locator('[data-testid="rect-item-page"] input[type="file"]')
      .setInputFiles({ name, mimeType: "text/plain", buffer: Buffer.from(text, "utf8") });
    await this.page.getByTestId("rect-attachment").filter({ hasText: name }).waitFor();
  }

  /** The unit submits (confirmed); returns what the confirmation said. */
  async submit(): Promise<string> {
    await this.page.getByTestId("rect-submit").click();
    const said = (await this.page.getByTestId("rect-confirm-text").textContent()) ?? "";
    await confirmAction(this.page, "rect-confirm-ok");
    await this.waitForState("submitted");
    return said;
  }

  /** The reviewer returns it with a comment (confirmed). */
  async giveBack(comment: string): Promise<void> {
    await this.page.getByTestId("rect-return").click();
    await this.page.getByTestId("rect-return-comment").fill(comment);
    await confirmAction(this.page, "rect-confirm-ok");
    await this.waitForState("returned");
  }

  /** The reviewer accepts it (confirmed). */
  async accept(): Promise<void> {
    await this.page.getByTestId("rect-accept").click();
    await confirmAction(this.page, "rect-confirm-ok");
    await this.waitForState("accepted");
  }

  async history(): Promise<string[]> {
    return this.page.getByTestId("rect-history").locator(".ant-timeline-item-content").allTextContents();
  }
}
