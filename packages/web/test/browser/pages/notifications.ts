import type { Locator, Page } from "playwright-core";

/** The header's notification centre: its badge, its panel, the items in it. */
export class NotificationCentre {
  constructor(private readonly page: Page) {}

  async unread(): Promise<number> {
    return Number(await this.page.getByTestId("notification-badge").getAttribute("data-unread"));
  }

  async open(): Promise<Locator> {
    await this.page.getByTestId("notification-button").click();
    const panel = this.page.getByTestId("notification-panel");
    await panel.waitFor({ state: "visible" });
    return panel;
  }

  /** The first item of the kind whose text holds `text`. */
  item(kind: string, text: string): Locator {
    return this.page
      .locator(`[data-testid="notification-item"][data-kind="${kind}"]`)
      .filter({ hasText: text })
      .first();
  }

  async markRead(item: Locator): Promise<void> {
    await item.getByTestId("notification-read").click();
  }

  /** The deadlines line of the panel: 目标申报 2026-12-08 剩余2天 … */
  deadlines(): Locator {
    return this.page.getByTestId("notification-deadlines");
  }
}
