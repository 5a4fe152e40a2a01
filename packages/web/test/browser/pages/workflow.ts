/**
 * Page model of the workflow bar shared by the project page and the self-evaluation page (components/workflow):
 * the buttons the signed-in person may press, the return dialog, the history and 本次修改.
 */
import type { Page } from "playwright-core";

export const WORKFLOW_BUTTONS = ["wf-submit", "wf-unit-approve", "wf-approve", "wf-return"] as const;

/** 确认 in the confirmation that submit, the approvals (and 公开) open before they act. */
export async function confirmAction(page: Page, id = "wf-confirm-ok"): Promise<void> {
  const ok = page.locator(`#${id}`);
  await ok.click();
  // The dialog closes when the server has done the step (an approval writes its snapshot and audit row): on a loaded
  // machine that may take a while, and the OK button shows it is busy meanwhile. A dialog still open with its button
  // idle did not take the click (seen on loaded CI machines: the record stayed a draft) — it is clicked again; antd's
  // confirm runs its action once however often it is clicked while busy.
  for (let waited = 0; ; waited++) {
    const closed = await ok.waitFor({ state: "detached", timeout: 15_000 }).then(
      () => true,
      () => false,
    );
    if (closed) return;
    const busy = await ok.evaluate((el) => el.classList.contains("ant-btn-loading")).catch(() => true);
    if (!busy) await ok.click({ timeout: 5_000 }).catch(() => undefined);
    if (waited >= 8) throw new Error(`the confirmation ${id} did not close (button ${busy ? "busy" : "idle"})`);
  }
}

export class Workflow {
  constructor(readonly page: Page) {}

  /** The workflow buttons shown, by test id, in order. */
  async buttons(): Promise<string[]> {
    const els = this.page.locator(WORKFLOW_BUTTONS.map((b) => `[data-testid="${b}"]`).join(", "));
    return els.evaluateAll((xs) => xs.map((x) => x.getAttribute("data-testid") ?? ""));
  }

  /** Presses a button, confirms what the dialog says will happen, and waits for it to go (the record moved on). */
  private async press(testId: string): Promise<void> {
    const b = this.page.getByTestId(testId);
    await b.click();
    await confirmAction(this.page);
    await b.waitFor({ state: "detached" });
  }

  /** Presses a button and answers what its confirmation says, leaving it unanswered (open). */
  async pressAndRead(testId: string): Promise<string> {
    await this.page.getByTestId(testId).click();
    const text = this.page.getByTestId("wf-confirm-text");
    await text.waitFor();
    return (await text.textContent()) ?? "";
  }

  submit(): Promise<void> {
    return this.press("wf-submit");
  }

  unitApprove(): Promise<void> {
    return this.press("wf-unit-approve");
  }

  approve(): Promise<void> {
    return this.press("wf-approve");
  }

  /** 退回: the dialog refuses an empty comment (its button stays disabled), then returns with the comment. */
  async returnWith(comment: string): Promise<void> {
    await this.page.getByTestId("wf-return").click();
    const confirm = this.page.locator("#wf-return-confirm");
    await confirm.waitFor();
    if (await confirm.isEnabled()) throw new Error("the return dialog accepts an empty comment");
    await this.page.getByTestId("wf-return-input").fill(comment);
    await confirm.click();
    await this.page.getByTestId("wf-return").waitFor({ state: "detached" });
  }

  /** The history, one entry per step: action, who, comment. */
  async history(): Promise<{ action: string; actor: string; comment: string }[]> {
    await this.page.getByTestId("wf-history").waitFor();
    return this.page.getByTestId("wf-step").evaluateAll((steps) =>
      steps.map((s) => ({
        action: s.getAttribute("data-action") ?? "",
        actor: s.querySelector('[data-testid="wf-step-actor"]')?.textContent ?? "",
        comment: s.querySelector('[data-testid="wf-step-comment"]')?.textContent ?? "",
      })),
    );
  }

  /** The rows of 本次修改 as text (kind, item, field, before, after), once it has worked them out. */
  async changes(): Promise<string[]> {
    const panel = this.page.getByTestId("wf-changes");
    await panel.locator('[data-testid="wf-change"], [data-testid="wf-no-changes"]').first().waitFor();
    return panel
      .getByTestId("wf-change")
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent).join(" | ")));
  }

  returnComment() {
    return this.page.getByTestId("wf-return-comment").textContent();
  }
}
