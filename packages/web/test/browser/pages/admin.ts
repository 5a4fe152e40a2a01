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
    await this.page.locator(".ant-select-dropdown").last().waitFor({ state: "hidden" });
  }

  actions(): Promise<string[]> {
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
