/** Choosing in an antd Select the way a user does: open it, click the option, and see the choice shown. */
import type { Locator, Page } from "playwright-core";

/**
 * Opens `select`, clicks the visible option showing `text`, and waits until the select shows it. A click that lands
 * while the dropdown is still opening can be lost under load; the choice is then made again (three tries at most).
 */
export async function pickOption(page: Page, select: Locator, text: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await page.locator(".ant-select-item-option:visible").filter({ hasText: text }).first().click();
    try {
      await select.filter({ hasText: text }).waitFor({ timeout: 10_000 });
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
      await page.keyboard.press("Escape");
    }
  }
}
