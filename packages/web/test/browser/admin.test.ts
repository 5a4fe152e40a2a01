/**
 * The administrators and the auditor, each in their own browser, through the UI only: the system administrator
 * creates an account; the security administrator grants it a viewer role over another organisation (赵县); the
 * new person changes the initial password and finds that a 天津 project's address shows "not found"; the auditor
 * reads the trail of all this, filtered.
 */
import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, startHarness } from "./harness.ts";
import { AdminPage, AuditTrail, changeInitialPassword } from "./pages/admin.ts";
import { ProjectList } from "./pages/projects.ts";
import { Shell } from "./pages/shell.ts";

const hasChromium = existsSync(CHROMIUM);
const INITIAL = "Chushi-Mima-2026";
const CHANGED = "Xin-Mima-2026!x";

describe.skipIf(!hasChromium)("journey: administrators and the auditor", () => {
  let h: Harness;
  const errors: string[] = [];

  async function open(role?: string): Promise<{ page: Page; shell: Shell }> {
    const page = await h.newPage();
    page.on("pageerror", (e) => errors.push(`${role}: ${e.message}`));
    const shell = new Shell(page);
    if (role) {
      const acc = h.accounts[role];
      expect(acc, `a demo ${role}`).toBeDefined();
      await shell.signIn(acc!.username, acc!.password);
    }
    return { page, shell };
  }

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h?.close();
  });

  it("system administrator creates an account; security administrator grants it a role", async () => {
    const sys = await open("sysadmin");
    const admin = new AdminPage(sys.page);
    await admin.ready();
    // The system administrator does not grant roles, and sees no business menu.
    expect(await sys.page.getByTestId("grant-demo-filler").count()).toBe(0);
    expect(await sys.page.getByRole("menuitem", { name: "项目" }).count()).toBe(0);
    await admin.createAccount("zx-viewer", "赵县只读", INITIAL);
    expect(await sys.page.getByTestId("roles-zx-viewer").textContent()).toBe("");
    await h.screenshot(sys.page, "admin-sysadmin", { publish: true });
    await sys.page.context().close();

    const sec = await open("secadmin");
    const admin2 = new AdminPage(sec.page);
    await admin2.ready();
    // The security administrator does not create accounts.
    expect(await sec.page.getByTestId("create-account").count()).toBe(0);
    await admin2.grant("zx-viewer", "只读", "赵县公安局");
    expect(await admin2.roles("zx-viewer")).toContain("赵县公安局");
    await h.screenshot(sec.page, "admin-secadmin", { publish: true });
    await sec.page.context().close();
  });

  it("the new viewer changes the initial password; a foreign organisation's project shows not found", async () => {
    // A 天津 project's address, as its filler sees it.
    const filler = await open("filler");
    await filler.shell.chooseYear(2024);
    const list = new ProjectList(filler.page);
    await list.open();
    await list.openProject("2024年度教育训练");
    const foreign = new URL(filler.page.url()).pathname;
    await filler.page.context().close();

    const zx = await open();
    await zx.page.goto("/login");
    await zx.page.getByTestId("login-username").fill("zx-viewer");
    await zx.page.getByTestId("login-password").fill(INITIAL);
    await zx.page.getByTestId("login-submit").click();
    await changeInitialPassword(zx.page, INITIAL, CHANGED);
    await zx.page.getByTestId("dashboard").waitFor();

    await zx.page.goto(foreign);
    await zx.page.getByText("页面不存在，或您无权查看。").waitFor();
    expect(await zx.page.getByTestId("project-page").count()).toBe(0);
    await h.screenshot(zx.page, "project-foreign-not-found", { publish: true });
    await zx.page.context().close();
  });

  it("system administrator moves an organisation in the tree; a move under its own sub-organisation is refused", async () => {
    const sys = await open("sysadmin");
    const admin = new AdminPage(sys.page);
    await admin.ready();
    expect(await admin.parentOf("河北省赵县公安交通警察大队")).toBe("赵县公安局");
    expect(await admin.parentOf("赵县公安局")).toBe("—");

    // Under its own brigade: the server refuses, the dialog says why and nothing moves.
    const refusal = await admin.moveOrg("赵县公安局", "河北省赵县公安交通警察大队");
    expect(refusal).toContain("不能把“赵县公安局”移到它自己或它的下级机构“河北省赵县公安交通警察大队”之下");
    await h.screenshot(sys.page, "admin-org-move-refused");
    expect(await admin.movingAlong()).toContain("连同 1 个下级机构一起移动");
    await admin.cancelMove();
    expect(await admin.parentOf("赵县公安局")).toBe("—");

    // 青山 under 天津: moved, shown under its new parent at the next level; back to the top level again.
    expect(await admin.moveOrg("武汉市公安局青山区交通大队", "天津市公安交通管理局")).toBeUndefined();
    await expect.poll(() => admin.parentOf("武汉市公安局青山区交通大队")).toBe("天津市公安交通管理局");
    expect(await admin.orgRow("武汉市公安局青山区交通大队").textContent()).toContain("第 2 级");
    await h.screenshot(sys.page, "admin-org-moved");
    expect(await admin.moveOrg("武汉市公安局青山区交通大队", null)).toBeUndefined();
    await expect.poll(() => admin.parentOf("武汉市公安局青山区交通大队")).toBe("—");
    await sys.page.context().close();
  });

  it("the auditor reads the trail with filters", async () => {
    const aud = await open("auditor");
    const trail = new AuditTrail(aud.page);
    await trail.ready();
    await trail.filterAction("角色授予与撤销");
    await expect.poll(async () => (await trail.actions()).every((a) => a.startsWith("role."))).toBe(true);
    expect(await trail.actions()).toContain("role.grant");
    await trail.filterAction("账户");
    await expect.poll(() => trail.actions()).toContain("account.create");
    await trail.filterAction("登录与安全");
    await expect.poll(() => trail.actions()).toContain("auth.password_change");
    await h.screenshot(aud.page, "audit", { publish: true });
    // The auditor sees neither business pages nor the administration.
    expect(await aud.page.getByRole("menuitem", { name: "管理" }).count()).toBe(0);
    expect(await aud.page.getByRole("menuitem", { name: "项目" }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
