/** Page model of the application shell: sign-in/out, the year switcher, the to-do badge. */
import type { Page } from "playwright-core";
import { signIn } from "../harness.ts";

export class Shell {
  constructor(readonly page: Page) {}

  async signIn(username: string, password: string): Promise<void> {
    await signIn(this.page, username, password);
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId("user-menu").click();
    await this.page.getByRole("menuitem", { name: /退出登录|Sign out/ }).click();
    await this.page.waitForURL(/\/login/);
  }

  async chooseYear(year: number): Promise<void> {
    const sw = this.page.getByTestId("year-switcher");
    await sw.waitFor();
    if ((await sw.textContent())?.includes(String(year))) return;
    await sw.click();
    await this.page
      .locator(".ant-select-item-option:visible")
      .filter({ hasText: `${year}` })
      .first()
      .click();
    // The switcher shows the year: chosen now, or already the one the shell opened on after sign-in (the latest
    // year with data, which may land while the list is open — then choosing it again changes nothing).
    await this.page.waitForFunction(
      (y) => document.querySelector('[data-testid="year-switcher"]')?.textContent?.includes(String(y)) === true,
      year,
    );
  }

  async chooseOrg(name: string): Promise<void> {
    const sw = this.page.getByTestId("org-switcher");
    await sw.waitFor();
    // The switcher is disabled until the shell has loaded the organisations and chosen a default one; choosing before
    // that races the default (seen in CI under load), so wait for it first.
    await this.page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="org-switcher"]');
      return !!el && !el.classList.contains("ant-select-disabled") && !el.querySelector("input:disabled");
    });
    const shows = () =>
      this.page
        .waitForFunction(
          (n) => document.querySelector('[data-testid="org-switcher"]')?.textContent?.includes(n),
          name,
          { timeout: 5_000 },
        )
        .then(
          () => true,
          () => false,
        );
    for (let attempt = 0; attempt < 3; attempt++) {
      if ((await sw.textContent())?.includes(name)) return;
      await sw.click();
      await this.page
        .locator(".ant-select-tree-node-content-wrapper:visible")
        .filter({ hasText: new RegExp(`^${name}$`) })
        .first()
        .click();
      // The tree closes before the next switcher opens (its options must not be taken for the next one's). Clicking
      // the organisation that is already selected leaves the tree open: close it with Escape then.
      const tree = this.page.locator(".ant-select-tree-node-content-wrapper:visible").first();
      try {
        await tree.waitFor({ state: "hidden", timeout: 3000 });
      } catch {
        await this.page.keyboard.press("Escape");
        await tree.waitFor({ state: "hidden" });
      }
      if (await shows()) return;
    }
    throw new Error(`organisation switcher: could not choose ${name}`);
  }

  /**
   * The to-do count as shown ("0" when the badge shows none): over every unit and year; with a year, that year's
   * part of it (as the badge's tooltip lists it).
   */
  async todoCount(year?: number): Promise<string> {
    if (year !== undefined) {
      const years = await this.page.getByTestId("todo-badge").getAttribute("data-todo-years");
      return String((JSON.parse(years ?? "{}") as Record<string, number>)[year] ?? 0);
    }
    const count = this.page.getByTestId("todo-badge").locator(".ant-badge-count");
    if ((await count.count()) === 0) return "0";
    return (await count.first().getAttribute("title")) ?? (await count.first().textContent()) ?? "";
  }
}
