/** Page models of the monitoring page (rounds and the warning list) and of one monitoring record, through the UI. */
import type { Page } from "playwright-core";
import { pickOption } from "./select.ts";
import { confirmAction } from "./workflow.ts";

export class MonitoringPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole("menuitem", { name: /运行监控|Monitoring/ }).click();
    await this.page.getByTestId("monitoring-page").waitFor();
  }

  /** The reviewer opens a round up to `month`; waits for its summary to show the time progress. */
  async openRound(month: number, deadline: string): Promise<void> {
    // antd's InputNumber puts the test id on its input or on its wrapper, by version
    await this.page
      .locator('input[data-testid="round-month"], [data-testid="round-month"] input')
      .first()
      .fill(String(month));
    await this.page.getByTestId("round-deadline").fill(deadline);
    await this.page.getByTestId("open-round").click();
    await this.page
      .getByTestId("round-summary")
      .filter({ hasText: `截至 ${month} 月底` })
      .waitFor();
  }

  /** The warning list's rows once loaded: project name and light. */
  async rows(): Promise<{ project: string; light: string | null }[]> {
    await this.page.getByTestId("record-link").first().waitFor();
    const rows = this.page.getByTestId("warning-list").locator("tbody tr.ant-table-row");
    const out: { project: string; light: string | null }[] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const r = rows.nth(i);
      out.push({
        project: (await r.getByTestId("record-link").textContent()) ?? "",
        light: await r.getByTestId("light").getAttribute("data-light"),
      });
    }
    return out;
  }

  async openRecord(project: string): Promise<MonitoringRecordPage> {
    await this.page.getByTestId("record-link").filter({ hasText: project }).first().click();
    const p = new MonitoringRecordPage(this.page);
    await p.ready();
    return p;
  }
}

export class MonitoringRecordPage {
  constructor(readonly page: Page) {}

  async ready(): Promise<void> {
    await this.page.getByTestId("monitoring-record-page").waitFor();
    await this.page.getByTestId("monitoring-indicators").waitFor();
  }

  light() {
    return this.page.getByTestId("record-light").getAttribute("data-light");
  }

  state() {
    return this.page.getByTestId("monitoring-record-page").getByTestId("wf-state").first().getAttribute("data-state");
  }

  /** Fills the (only) indicator row's fields given. */
  async fillIndicator(f: {
    progress?: string;
    forecast?: string;
    likelihood?: string;
    category?: string;
    measures?: string;
  }): Promise<void> {
    if (f.progress !== undefined) await this.page.getByTestId("ind-progress").first().fill(f.progress);
    if (f.forecast !== undefined) await this.page.getByTestId("ind-forecast").first().fill(f.forecast);
    if (f.likelihood !== undefined)
      await pickOption(this.page, this.page.getByTestId("ind-likelihood").first(), f.likelihood);
    if (f.category !== undefined)
      await pickOption(this.page, this.page.getByTestId("ind-category").first(), f.category);
    if (f.measures !== undefined) await this.page.getByTestId("ind-correctiveMeasures").first().fill(f.measures);
  }

  async fillExecution(f: { projected?: string; reason?: string; measures?: string }): Promise<void> {
    if (f.projected !== undefined) await this.page.getByTestId("projected-executed").fill(f.projected);
    if (f.reason !== undefined) await this.page.getByTestId("execution-reason").fill(f.reason);
    if (f.measures !== undefined) await this.page.getByTestId("execution-measures").fill(f.measures);
  }

  /** Saves and waits until the save button is disabled again (the saved record is shown). */
  async save(): Promise<void> {
    await this.page.getByTestId("record-save").click();
    await this.page.waitForFunction(
      () => (document.querySelector('[data-testid="record-save"]') as HTMLButtonElement | null)?.disabled === true,
    );
  }

  problems() {
    return this.page.getByTestId("record-problem").allTextContents();
  }

  forecastTotal() {
    return this.page.getByTestId("forecast-total").textContent();
  }

  forecastReasons() {
    return this.page.getByTestId("forecast-reason").allTextContents();
  }

  /** Fills the fields given of the indicator row named `name`. */
  async fillIndicatorNamed(name: string, f: { forecast?: string; likelihood?: string }): Promise<void> {
    const row = this.page.getByTestId("monitoring-indicators").locator("tbody tr").filter({ hasText: name }).first();
    if (f.forecast !== undefined) await row.getByTestId("ind-forecast").fill(f.forecast);
    if (f.likelihood !== undefined) {
      await row.getByTestId("ind-likelihood").click();
      await this.page.locator(".ant-select-item-option:visible").filter({ hasText: f.likelihood }).first().click();
    }
  }

  /** The forecast's total as a number, once shown. */
  async forecastScore(): Promise<number> {
    await this.page.getByTestId("forecast-total").waitFor();
    return Number.parseFloat((await this.forecastTotal()) ?? "");
  }

  /** The bureau's actions listed on the record: kind label and message. */
  async actions(): Promise<string[]> {
    return this.page.getByTestId("action-item").allTextContents();
  }

  /** The reviewer sends an action (the kind's label as shown, e.g. 要求纠偏) and waits for it in the list. */
  async sendAction(kind: string, message: string): Promise<void> {
    const before = await this.page.getByTestId("action-item").count();
    await pickOption(this.page, this.page.getByTestId("action-kind").first(), kind);
    await this.page.getByTestId("action-message").fill(message);
    await this.page.getByTestId("action-send").click();
    await this.page.getByTestId("action-item").nth(before).waitFor();
  }

  /** The unit marks every unread action read. */
  async acknowledgeAll(): Promise<void> {
    while ((await this.page.getByTestId("action-ack").count()) > 0) {
      const n = await this.page.getByTestId("action-ack").count();
      await this.page.getByTestId("action-ack").first().click();
      await this.page.waitForFunction(
        (left) => document.querySelectorAll('[data-testid="action-ack"]').length < left,
        n,
      );
    }
  }

  async submit(): Promise<void> {
    await this.page.getByTestId("wf-submit").click();
    await confirmAction(this.page);
    await this.page.getByTestId("wf-submit").waitFor({ state: "detached" });
  }
}
