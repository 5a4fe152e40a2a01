/** Page models of the administration page, the audit trail and the password change (through the UI only). */
import type { Page } from "playwright-core";

export class AdminPage {
  constructor(readonly page: Page) {}

  async ready(): Promise<void> {
    await this.page.getByTestId("admin-page").waitFor();
  }

  async createAccount(username: string, displayName: string, initialPassword: string): Promise<void> {
    await this.page.getByTestId("create-account").click();
    await this.page.getByTestId("new-username").fill(username);
    await this.page.getByTestId("new-displayname").fill(displayName);
    await this.page.getByTestId("new-password").fill(initialPassword);
    await this.page.getByTestId("create-confirm").click();
    await this.page.getByTestId(`roles-${username}`).waitFor({ state: "attached" });
  }

  async grant(username: string, roleLabel: string, orgName: string): Promise<void> {
    await this.page.getByTestId(`grant-${username}`).click();
    await this.page.getByTestId("grant-role").click();
    await this.page.locator(".ant-select-item-option").filter({ hasText: roleLabel }).first().click();
    await this.page.getByTestId("grant-org").click();
    await this.page
      .locator(".ant-select-tree-node-content-wrapper")
      .filter({ hasText: new RegExp(`^${orgName}$`) })
      .first()
      .click();
    await this.page.getByTestId("grant-confirm").click();
    await this.page.getByTestId(`roles-${username}`).getByText(roleLabel).waitFor();
  }

  roles(username: string) {
    return this.page.getByTestId(`roles-${username}`).textContent();
  }

  /** The row of an organisation in the system administrator's organisation tree. */
  orgRow(name: string) {
    return this.page
      .getByTestId("org-admin")
      .locator("tr")
      .filter({ has: this.page.getByTestId("org-name").getByText(name, { exact: true }) });
  }

  /** The parent shown for an organisation ("—" at the top level). */
  async parentOf(name: string): Promise<string> {
    return ((await this.orgRow(name).getByTestId("org-parent").textContent()) ?? "").trim();
  }

  /**
   * Move an organisation under `parentName` (null: top level) through the move dialog. Resolves to the
   * refusal shown in the dialog (the dialog stays open; `cancelMove` closes it), or undefined when it moved.
   */
  async moveOrg(name: string, parentName: string | null): Promise<string | undefined> {
    await this.orgRow(name).getByTestId("move-org").click();
    const dialog = this.page.getByTestId("move-dialog");
    await dialog.waitFor();
    const title = parentName ?? "（顶级，无上级机构）";
    const picker = dialog.getByTestId("move-parent");
    // A dropdown of an earlier dialog may still be fading out and take the click (seen under load): wait until none
    // shows, then check that the choice took, and choose again when it did not (no Escape: it would close the dialog).
    const dropdownShown = () =>
      this.page.evaluate(() =>
        [...document.querySelectorAll(".ant-select-dropdown")].some(
          (e) => !e.classList.contains("ant-select-dropdown-hidden") && (e as HTMLElement).offsetParent !== null,
        ),
      );
    await this.page.waitForFunction(
      () =>
        ![...document.querySelectorAll(".ant-select-dropdown")].some(
          (e) => !e.classList.contains("ant-select-dropdown-hidden") && (e as HTMLElement).offsetParent !== null,
        ),
    );
    for (let attempt = 0; ; attempt++) {
      if (!(await dropdownShown())) await picker.click();
      // the option: when the list did not open (a click lost under load), the picker is opened again
      const chosen = await this.page
        .locator(".ant-select-dropdown:visible .ant-select-tree-node-content-wrapper")
        .filter({ hasText: new RegExp(`^${title.replace(/[()（）]/g, "\\$&")}$`) })
        .last()
        .click({ timeout: 15_000 })
        .then(
          () => true,
          () => false,
        );
      if (!chosen && attempt < 4) continue;
      const took = await this.page
        .waitForFunction(
          (t) => document.querySelector('[data-testid="move-parent"]')?.textContent?.includes(t),
          title,
          { timeout: 3_000 },
        )
        .then(
          () => true,
          () => false,
        );
      if (took || attempt >= 4) break;
    }
    await this.page.getByTestId("move-confirm").click();
    const refusal = this.page.getByTestId("move-error");
    await Promise.race([refusal.waitFor(), dialog.waitFor({ state: "detached" })]);
    if (await refusal.isVisible()) return ((await refusal.textContent()) ?? "").trim();
    await this.orgRow(name).waitFor();
    return undefined;
  }

  /** The open move dialog's line saying how many sub-organisations move along. */
  movingAlong(): Promise<string | null> {
    return this.page.getByTestId("move-below").textContent();
  }

  async cancelMove(): Promise<void> {
    await this.page.locator(".ant-modal-close").last().click();
    await this.page.getByTestId("move-dialog").waitFor({ state: "detached" });
  }
}

export class AuditTrail {
  constructor(readonly page: Page) {}

  async ready(): Promise<void> {
    await this.page.getByTestId("audit-page").waitFor();
    await this.page.getByTestId("audit-action-cell").first().waitFor();
  }

  async filterAction(label: string): Promise<void> {
    await this.page.getByTestId("audit-action").click();
    await this.page.locator(".ant-select-item-option").filter({ hasText: label }).first().click();
    // a choice closes the list; if it is still open (a slow machine, an animation), Escape closes it
    const list = this.page.locator(".ant-select-dropdown").last();
    if (await list.isVisible()) await this.page.keyboard.press("Escape");
    await list.waitFor({ state: "hidden" });
  }

  /** The actions' codes (auth.login, role.grant…), as the server records them. */
  actions(): Promise<string[]> {
    return this.page
      .getByTestId("audit-action-cell")
      .evaluateAll((xs) => xs.map((x) => x.getAttribute("data-action") ?? ""));
  }

  /** The actions as shown (登录, 授予角色…). */
  actionTexts(): Promise<string[]> {
    return this.page.getByTestId("audit-action-cell").allTextContents();
  }
}

export async function changeInitialPassword(page: Page, current: string, next: string): Promise<void> {
  await page.waitForURL(/\/password/);
  await page.getByLabel("当前密码").fill(current);
  await page.getByLabel("新密码", { exact: true }).fill(next);
  await page.getByLabel("再次输入新密码").fill(next);
  await page.getByRole("button", { name: "修改密码" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/password"));
}
