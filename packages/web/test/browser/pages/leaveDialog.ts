/**
 * The leave-page dialog (lib/leaveGuard.tsx): the question a page with unsaved edits asks before a navigation or a
 * change of organisation / year, and its two answers.
 */
import type { Page } from "playwright-core";

/** The leave-page dialog's text (it must open). */
export async function leaveDialog(page: Page): Promise<string> {
  await page.locator("#leave-cancel").waitFor();
  return (await page.locator(".ant-modal-confirm").last().textContent()) ?? "";
}

/** Waits until the last dialog has finished opening (its zoom animation), as a user sees it before answering. */
export async function dialogSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const m = [...document.querySelectorAll<HTMLElement>(".ant-modal")].pop();
    if (!m) return false;
    const s = getComputedStyle(m);
    return s.opacity === "1" && (s.transform === "none" || s.transform === "matrix(1, 0, 0, 1, 0, 0)");
  });
}

/**
 * Answers 留在本页 / 取消 and waits until the dialog is gone. The click waits for the dialog to finish opening: on a
 * loaded machine a click during the zoom-in (while a select's dropdown is still closing over it) was lost once,
 * and the dialog then stayed open for good.
 */
export async function stayOnPage(page: Page): Promise<void> {
  const cancel = page.locator("#leave-cancel");
  await cancel.waitFor();
  await dialogSettled(page);
  await cancel.click();
  await cancel.waitFor({ state: "detached" });
}

/** Answers 离开，不保存 / 切换，不保存 (after the dialog has finished opening). */
export async function leaveAnyway(page: Page): Promise<void> {
  const confirm = page.locator("#leave-confirm");
  await confirm.waitFor();
  await dialogSettled(page);
  await confirm.click();
}

/** Whether the page holds a reload or a tab close (its beforeunload handler cancels the event). */
export function holdsUnload(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const e = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(e);
    return e.defaultPrevented;
  });
}
