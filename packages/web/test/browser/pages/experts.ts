/** Page models of 专家评审: the reviewer's assignments and side-by-side view, the expert's to-do list and scoring page. */
import type { Page } from "playwright-core";
import { pickOption } from "./select.ts";

export class ExpertsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole("menuitem", { name: /专家评审|Expert review/ }).click();
    await this.page.getByTestId("experts-page").waitFor();
  }

  /** The reviewer assigns a project's goals to experts (by the names shown in the pickers). */
  async assign(v: { record: string; experts: string[]; deadline: string; note: string }): Promise<void> {
    const form = this.page.getByTestId("assign-form");
    await pickOption(this.page, this.page.getByTestId("assign-record"), v.record);
    // a multiple select stays open after a pick: open it once, pick each, close it
    await this.page.getByTestId("assign-experts").click();
    for (const e of v.experts) {
      await this.page.locator(".ant-select-item-option:visible").filter({ hasText: e }).first().click();
      await this.page.locator(".ant-select-item-option-selected:visible").filter({ hasText: e }).first().waitFor();
    }
    await this.page.keyboard.press("Escape");
    await form.getByTestId("assign-deadline").fill(v.deadline);
    await form.getByTestId("assign-note").fill(v.note);
    await this.page.getByTestId("assign-submit").click();
    await this.page.getByTestId("assignments").getByRole("link", { name: v.record }).first().waitFor();
  }

  async openAssignment(record: string): Promise<void> {
    await this.page.getByTestId("assignments").getByRole("link", { name: record }).first().click();
    await this.page.getByTestId("assignment-page").waitFor();
  }

  /** The expert opens the task of `record` from the to-do list. */
  async openTask(record: string): Promise<void> {
    await this.page.getByTestId("expert-tasks").getByRole("link", { name: record }).first().click();
    await this.page.getByTestId("task-page").waitFor();
  }

  /** Scores by item key, the opinion, then submit (with its confirmation). */
  async scoreAndSubmit(scores: Record<string, string>, opinion: string): Promise<void> {
    for (const [key, value] of Object.entries(scores)) await this.page.getByTestId(`score-${key}`).fill(value);
    await this.page.getByTestId("task-opinion").fill(opinion);
    await this.page.getByTestId("task-submit").click();
    await this.page.locator("#task-submit-ok").click();
    await this.page.waitForFunction(
      () => document.querySelector('[data-testid="task-state"]')?.textContent?.includes("已提交") === true,
    );
  }

  async total(): Promise<string> {
    return ((await this.page.getByTestId("task-total").textContent()) ?? "").trim();
  }

  /** The side-by-side table: item name → the experts' scores, the average, whether flagged. */
  async comparison(): Promise<{ name: string; scores: string[]; average: string; diverges: boolean }[]> {
    await this.page.getByTestId("comparison").waitFor();
    return this.page.getByTestId("comparison").evaluate((table) => {
      const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent?.trim() ?? "");
      const avgAt = heads.indexOf("平均分");
      return [...table.querySelectorAll("tbody tr.ant-table-row")].map((tr) => {
        const cells = [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "");
        return {
          name: cells[1] ?? "",
          scores: cells.slice(3, avgAt),
          average: cells[avgAt] ?? "",
          diverges: !!tr.querySelector('[data-testid^="diverges-"]'),
        };
      });
    });
  }

  async adopt(reason: string): Promise<void> {
    await this.page.getByTestId("decision-reason").fill(reason);
    await this.page.getByTestId("decision-submit").click();
    await this.page.getByTestId("decision-text").waitFor();
  }
}

/** The 事前绩效评估 panel of a project page. */
export class ExantePanelModel {
  constructor(readonly page: Page) {}

  async missingWarning(): Promise<string> {
    return ((await this.page.getByTestId("exante-missing").textContent()) ?? "").trim();
  }

  /** Fill every dimension's score (by key) and the opinion, and save. */
  async fill(scores: Record<string, string>, opinion: string): Promise<void> {
    await this.page.getByTestId("exante-edit").click();
    for (const [key, value] of Object.entries(scores)) await this.page.getByTestId(`exante-score-${key}`).fill(value);
    await this.page.getByTestId("exante-opinion").fill(opinion);
    await this.page.getByTestId("exante-save").click();
    await this.page.getByTestId("exante-conclusion").waitFor();
  }

  async conclusion(): Promise<string> {
    return ((await this.page.getByTestId("exante-conclusion").textContent()) ?? "").trim();
  }

  async total(): Promise<string> {
    return ((await this.page.getByTestId("exante-total").textContent()) ?? "").trim();
  }
}
