/**
 * Issue 13, a finance officer's day without surprises, in Debian's chromium at 1366×768: unsaved edits hold a move
 * to another page (the grid, the budget), submit / approve / publish say what will happen and wait for a yes, the
 * grid keeps ≥ and a Chinese input method's text, messages and the audit trail speak Chinese (labels, not codes;
 * amounts in 万元), sign-in opens on a year with records and the to-do bell counts every year, and the small ones
 * (no 404 on admin pages, no 401 in the console of the sign-in page, a warning before the lockout, counters).
 */
import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, signIn, startHarness } from "./harness.ts";
import { AuditTrail } from "./pages/admin.ts";
import { BudgetPage } from "./pages/budget.ts";
import { waitForWorkspace } from "./pages/duties.ts";
import { dialogSettled, holdsUnload, leaveAnyway, leaveDialog, stayOnPage } from "./pages/leaveDialog.ts";
import { ProjectList, type ProjectPage } from "./pages/projects.ts";
import { signedInAt } from "./pages/session.ts";
import { Shell } from "./pages/shell.ts";

const hasChromium = existsSync(CHROMIUM);
const UNIT = "天津市公安交通管理局警务保障处";
const DRAFT = "2024年度教育训练";
const APPROVED = "2024年度警用车辆维护";
const UNIT_APPROVED = "2024年度交通安全宣传";

describe.skipIf(!hasChromium)("issue 13: a finance officer's day without surprises", () => {
  let h: Harness;
  const errors: string[] = [];

  const project = async (role: string, name: string, org?: string): Promise<{ page: Page; p: ProjectPage }> => {
    const { page } = await signedInAt(h, role, { ...(org ? { org } : {}), year: 2024, errors });
    const list = new ProjectList(page);
    await list.open();
    await list.search(name.replace("2024年度", ""));
    return { page, p: await list.openProject(name) };
  };

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("(1) unsaved grid edits hold a sidebar link, Back and a reload; leaving asks first", async () => {
    const { page, p } = await project("filler", DRAFT);
    const projectPath = new URL(page.url()).pathname;
    expect(await holdsUnload(page)).toBe(false);
    const row = await p.rowOf("组织培训人数");
    await p.typeInto(row, "targetText", "≥130人");
    await page.getByTestId("unsaved").waitFor();

    // A sidebar link: the dialog says what is lost; staying keeps the page and the edit.
    await page.getByRole("menuitem", { name: "预算" }).click();
    expect(await leaveDialog(page)).toContain("未保存的修改");
    await dialogSettled(page);
    await h.screenshot(page, "leave-guard", { publish: true });
    await stayOnPage(page);
    expect(new URL(page.url()).pathname).toBe(projectPath);
    expect(await p.cell(row, "targetText").textContent()).toBe("≥130人");

    // The browser's Back: held the same way.
    await page.goBack();
    await leaveDialog(page);
    await stayOnPage(page);
    await expect.poll(() => new URL(page.url()).pathname).toBe(projectPath);
    expect(await p.cell(row, "targetText").textContent()).toBe("≥130人");

    // Another year in the header (the page's records reload): asked first too.
    await page.getByTestId("year-switcher").click();
    await page.locator(".ant-select-item-option:visible").filter({ hasText: "2025" }).first().click();
    await leaveDialog(page);
    await stayOnPage(page);
    expect(await page.getByTestId("year-switcher").textContent()).toContain("2024");
    expect(await p.cell(row, "targetText").textContent()).toBe("≥130人");

    // A reload or closing the tab: the browser's own prompt.
    expect(await holdsUnload(page)).toBe(true);

    // Leaving on purpose goes; nothing holds any more.
    await page.getByRole("menuitem", { name: "预算" }).click();
    await leaveAnyway(page);
    // the budget page is the heaviest to load: a loaded machine may take a while
    await page.getByTestId("budget-page").waitFor();
    expect(await holdsUnload(page)).toBe(false);
    await page.context().close();
  });

  it("(1, 10, 6) budget edits hold the page; a long reason has a counter, and the refusal names 增减原因 in Chinese", async () => {
    const { page } = await signedInAt(h, "filler", { org: UNIT, year: 2024, errors });
    const budget = new BudgetPage(page);
    await budget.open();
    await budget.ensureBudget();
    await budget.tab(/三公经费/);
    await page.locator('[data-testid="add-three-public"], [data-testid="three-change-reason"]').first().waitFor();
    if (await page.getByTestId("add-three-public").count()) await page.getByTestId("add-three-public").click();
    const reason = page.getByTestId("three-change-reason");
    await reason.fill("因".repeat(2100));
    // The counter against the server's limit (2000), red beyond it.
    const counter = page.locator(".ant-input-textarea-affix-wrapper", { has: reason }).locator(".ant-input-data-count");
    await expect.poll(() => counter.textContent()).toBe("2100 / 2000");
    await h.screenshot(page, "budget-reason-counter");

    // (8) One number format: the check of quantity × unit price in 元 with separators, as the totals.
    await budget.tab(/政府采购/);
    const line = await budget.addLine("procurement");
    await budget.fillLine("procurement", line, {
      catalogCode: "A02",
      itemName: "执法记录仪",
      quantity: "40",
      unitPrice: "0.13505",
      amount: "5.4",
    });
    await expect.poll(() => budget.procurementCheck(line).textContent()).toContain("5.402 万元（54,020.00 元）");
    await budget.fillLine("procurement", line, { amount: "5.402" });
    await expect.poll(() => budget.procurementCheck(line).getAttribute("data-holds")).toBe("yes");

    await page.getByRole("menuitem", { name: "项目" }).click();
    expect(await leaveDialog(page)).toContain("未保存的修改");
    await stayOnPage(page);
    expect(await holdsUnload(page)).toBe(true);

    // Saving anyway: the server refuses, and says so in Chinese with the field's label.
    await page.getByTestId("save-budget").click();
    const msg = page.locator(".ant-message-error");
    await msg.waitFor();
    const text = (await msg.textContent()) ?? "";
    expect(text).toContain("「增减原因」");
    expect(text).toContain("最多 2000 个字");
    expect(text).not.toMatch(/changeReason|Too big|characters/);
    await page.context().close();
  });

  it("(2) submit, approve and publish say what will happen and wait for a yes", async () => {
    const filler = await project("filler", DRAFT);
    const text = await filler.p.workflow.pressAndRead("wf-submit");
    expect(text).toContain("提交后记录将锁定");
    await dialogSettled(filler.page);
    await h.screenshot(filler.page, "confirm-submit", { publish: true });
    await filler.page.locator("#wf-confirm-cancel").click();
    await filler.page.locator("#wf-confirm-cancel").waitFor({ state: "detached" });
    expect(await filler.p.stateCode()).toBe("draft");
    expect(await filler.p.workflow.buttons()).toEqual(["wf-submit"]);
    await filler.page.context().close();

    const reviewer = await project("reviewer", UNIT_APPROVED, UNIT);
    expect(await reviewer.p.workflow.pressAndRead("wf-approve")).toContain("定稿");
    await reviewer.page.locator("#wf-confirm-cancel").click();
    await reviewer.page.locator("#wf-confirm-cancel").waitFor({ state: "detached" });
    expect(await reviewer.p.stateCode()).toBe("unit_approved");

    const list = new ProjectList(reviewer.page);
    await list.open();
    await list.search("警用车辆维护");
    await list.openProject(APPROVED);
    await reviewer.page.getByTestId("publish").click();
    const publishText = reviewer.page.getByTestId("publish-confirm-text");
    await publishText.waitFor();
    expect(await publishText.textContent()).toContain("将在公开网站上发布，任何人可见");
    await dialogSettled(reviewer.page);
    await h.screenshot(reviewer.page, "confirm-publish", { publish: true });
    await reviewer.page.locator("#publish-cancel").click();
    await reviewer.page.locator("#publish-cancel").waitFor({ state: "detached" });
    expect(await reviewer.page.getByTestId("published").count()).toBe(0);
    await reviewer.page.context().close();
  });

  it("(5) the grid keeps ≥ typed first and a Chinese input method's text; any printable key starts the edit", async () => {
    const { page, p } = await project("filler", DRAFT);
    const row = await p.rowOf("组织培训人数");

    // ≥ comes as text without a key of the US layout (as from a symbol picker or another layout).
    await p.cell(row, "targetText").click();
    await page.keyboard.type("≥95%");
    await page.keyboard.press("Enter");
    await page.getByTestId("cell-editor").waitFor({ state: "detached" });
    await expect.poll(() => p.cell(row, "targetText").textContent()).toBe("≥95%");

    // A Chinese input method: a composition (pinyin shown while typing), then the chosen characters.
    await p.cell(row, "name").click();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Input.imeSetComposition", { text: "peixun", selectionStart: 6, selectionEnd: 6 });
    await cdp.send("Input.insertText", { text: "培训" });
    await page.getByTestId("cell-editor").waitFor();
    await page.keyboard.insertText("人次");
    await page.keyboard.press("Enter");
    await page.getByTestId("cell-editor").waitFor({ state: "detached" });
    await expect.poll(() => p.cell(row, "name").textContent()).toBe("培训人次");

    // A full-width character typed first starts the edit too.
    await p.cell(row, "weight").click();
    await page.keyboard.type("１０");
    await page.keyboard.press("Escape");
    await page.getByTestId("cell-editor").waitFor({ state: "detached" });
    await page.keyboard.type("１");
    expect(await page.getByTestId("cell-editor").inputValue()).toBe("１");
    await page.keyboard.press("Escape");
    await page.context().close();
  });

  it("(4) a filler creates a project and edits its funds and goal; a system administrator adds an organisation", async () => {
    const { page } = await signedInAt(h, "filler", { org: UNIT, year: 2024, errors });
    const list = new ProjectList(page);
    await list.open();
    await page.getByTestId("new-project").click();
    await page.getByTestId("new-project-name").fill("2024年度路口信号灯改造");
    await page.getByTestId("new-project-funds").fill("12.5");
    await page.getByTestId("new-project-goal").fill("完成 20 个路口信号灯改造");
    await page.locator("#new-project-ok").click();
    const p = await (async () => {
      await page.getByTestId("project-page").waitFor();
      return page;
    })();
    expect(await p.getByTestId("project-name").textContent()).toBe("2024年度路口信号灯改造");
    expect(await p.getByTestId("annual-funds").textContent()).toBe("12.50");

    await p.getByTestId("edit-project-header").click();
    await p.getByTestId("edit-annualFunds").fill("1,350.5");
    await p.getByTestId("edit-annualGoal").fill("完成 30 个路口信号灯改造");
    await dialogSettled(p);
    await h.screenshot(p, "project-header-edit", { publish: true });
    await p.locator("#edit-project-ok").click();
    await expect.poll(() => p.getByTestId("annual-funds").textContent()).toBe("1,350.50");
    expect(await p.getByTestId("project-page").textContent()).toContain("完成 30 个路口信号灯改造");
    await page.context().close();

    const sys = await h.newPage();
    sys.on("pageerror", (e) => errors.push(`sysadmin: ${e.message}`));
    await signIn(sys, h.accounts.sysadmin!.username, h.accounts.sysadmin!.password);
    await sys.getByRole("menuitem", { name: "管理" }).click();
    await sys.getByTestId("new-org").click();
    await sys.getByTestId("new-org-code").fill("312099");
    await sys.getByTestId("new-org-name").fill("测试新增交通大队");
    await sys.locator("#new-org-ok").click();
    await sys.locator('[data-org="测试新增交通大队"]').waitFor();
    await sys.context().close();
  });

  it("(6) the audit trail reads in Chinese: actions and records by name, changes by field, no codes", async () => {
    const { page } = await (async () => {
      const pg = await h.newPage();
      pg.on("pageerror", (e) => errors.push(`auditor: ${e.message}`));
      await new Shell(pg).signIn(h.accounts.auditor!.username, h.accounts.auditor!.password);
      return { page: pg };
    })();
    const trail = new AuditTrail(page);
    await trail.ready();
    const shown = await trail.actionTexts();
    expect(shown).toContain("登录");
    expect(shown.filter((a) => /^[a-z_]+\.[a-z_.]+$/.test(a))).toEqual([]);
    const entities = await page.getByTestId("audit-entity-cell").allTextContents();
    expect(entities.filter((e) => /\b(account|project|organisation|department_budget)\b/.test(e))).toEqual([]);
    // The demo's loading: its details in words.
    const demo = page.locator("tr", { has: page.locator('[data-action="demo.load"]') });
    await demo.locator(".ant-table-row-expand-icon").click();
    const details = page.getByTestId("audit-details").first();
    await details.waitFor();
    expect(await details.textContent()).toContain("单位：6");
    expect(await details.textContent()).not.toMatch(/[{}"]|organisations|accounts|[0-9a-f]{8}-/);
    // The filler's change of the project's funds: by field, in 万元 with separators.
    await trail.filterAction("项目");
    const update = page.locator("tr", { has: page.locator('[data-action="project.update"]') }).first();
    await update.locator(".ant-table-row-expand-icon").click();
    const change = page.getByTestId("audit-detail").first();
    await change.waitFor();
    const changeText = (await change.textContent()) ?? "";
    expect(changeText).toContain("年度资金总额");
    expect(changeText).toContain("12.50 万元");
    expect(changeText).toContain("1,350.50 万元");
    expect(changeText).not.toMatch(/annualFunds|125000|13505000/);
    await h.screenshot(page, "audit", { publish: true });
    await page.context().close();
  });

  it("(6) batch export progress says one language", async () => {
    const { page } = await signedInAt(h, "reviewer", { year: 2024, errors });
    // The first progress report is held at the server's first stage ("查找文书 / finding the documents"), so that
    // the page is seen showing it; the later ones pass as they are.
    let held = false;
    await page.route(/\/api\/v1\/exports\/batch\/[0-9a-f-]+$/, async (route) => {
      const response = await route.fetch();
      if (held) return route.fulfill({ response });
      held = true;
      const job = (await response.json()) as Record<string, unknown>;
      await route.fulfill({
        response,
        json: { ...job, state: "running", done: 0, total: null, message: "查找文书 / finding the documents" },
      });
    });
    await page.getByRole("menuitem", { name: "批量导出" }).click();
    await page.getByTestId("batch-start").click();
    const msg = page.getByTestId("batch-message");
    await expect.poll(() => msg.textContent()).toContain("查找文书");
    expect(await msg.textContent()).not.toContain("finding");
    await page.context().close();
  });

  it("(3) sign-in opens on the latest year with records; the bell counts every year", async () => {
    const { page, shell } = await (async () => {
      const pg = await h.newPage();
      pg.on("pageerror", (e) => errors.push(`approver: ${e.message}`));
      const sh = new Shell(pg);
      await sh.signIn(h.accounts.unit_approver!.username, h.accounts.unit_approver!.password);
      return { page: pg, shell: sh };
    })();
    // Once the workspace has its lists (the switcher is disabled until then), the year it chose.
    await waitForWorkspace(page);
    const year = page.getByTestId("year-switcher");
    await expect.poll(async () => (await year.textContent())?.trim()).toMatch(/^20\d\d年度$/);
    const opened = Number((await year.textContent())?.trim().slice(0, 4));
    expect(opened).not.toBe(new Date().getFullYear());
    // The demo's records are in 2024 and 2025 (the current year, 2026 when written, is empty).
    expect([2024, 2025]).toContain(opened);

    // On an empty year the bell still counts the submitted project of 2024 waiting for the approver, and the
    // dashboard says there are no scores instead of drawing four equal slices of 0.
    await shell.chooseYear(2026);
    await page.getByRole("menuitem", { name: "工作台" }).click();
    await page.getByTestId("no-grades").waitFor();
    expect(await page.getByTestId("chart-grades").count()).toBe(0);
    await expect.poll(() => shell.todoCount()).not.toBe("0");
    expect(await shell.todoCount(2024)).not.toBe("0");
    await page.context().close();
  });

  it("(9) at 1366×768 the longest state fits beside 更新时间, and the budget opens above the fold", async () => {
    const { page } = await signedInAt(h, "reviewer", { org: UNIT, year: 2024, errors });
    const list = new ProjectList(page);
    await list.open();
    const row = page.locator(".ant-table-row", {
      has: page.getByTestId("project-link").filter({ hasText: UNIT_APPROVED }),
    });
    await row.waitFor();
    await h.screenshot(page, "projects-1366", { publish: true });
    const tag = await row.locator(".ant-tag").filter({ hasText: "单位已审核，待主管/财政审核" }).boundingBox();
    const updated = await row.locator(".ant-table-cell").last().boundingBox();
    expect(tag && updated).toBeTruthy();
    expect(tag!.x + tag!.width).toBeLessThanOrEqual(updated!.x);
    // And at 1920×1080.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect
      .poll(async () => {
        const t = await row.locator(".ant-tag").filter({ hasText: "单位已审核，待主管/财政审核" }).boundingBox();
        const u = await row.locator(".ant-table-cell").last().boundingBox();
        return t && u ? t.x + t.width <= u.x : false;
      })
      .toBe(true);
    await page.setViewportSize({ width: 1366, height: 768 });

    await new BudgetPage(page).open();
    const card = page.getByTestId("budget-card").first();
    await card.waitFor();
    const box = await card.boundingBox();
    expect(box!.y).toBeLessThan(768 - 100);
    await h.screenshot(page, "budget-1366", { publish: true });
    await page.context().close();
  });

  it("(issue 14) the project list asks the next page by the cursor the page before answered, a jump by number", async () => {
    const { page } = await signedInAt(h, "filler", { org: UNIT, year: 2023, errors });
    // 55 drafts of the unit in 2023 (a year the demo leaves empty), made through the API with the page's session.
    const session = await (await page.request.get("/api/v1/auth/session")).json();
    const headers = { "X-CSRF-Token": session.csrfToken as string };
    const orgs = (await (await page.request.get("/api/v1/orgs")).json()).items as { id: string; name: string }[];
    const orgId = orgs.find((o) => o.name === UNIT)!.id;
    const names = Array.from({ length: 55 }, (_, i) => `2023年度分页检查${String(i + 1).padStart(2, "0")}`);
    for (const name of names) {
      const r = await page.request.post("/api/v1/projects", { headers, data: { orgId, year: 2023, name } });
      expect(r.status()).toBe(201);
    }
    // What the list asks, and the rows the server answers to that very request (the table is virtual: only the
    // rows in view are in the page).
    const answered = async (act: () => Promise<void>) => {
      const request = page.waitForRequest(
        (r) => r.method() === "GET" && new URL(r.url()).pathname === "/api/v1/projects",
      );
      await act();
      const url = new URL((await request).url());
      const body = await (await page.request.get(`${url.pathname}${url.search}`)).json();
      return { url, names: (body.items as { name: string }[]).map((p) => p.name), total: body.total as number };
    };
    const list = new ProjectList(page);
    const first = await answered(() => list.open());
    expect(first.url.searchParams.get("cursor")).toBeNull();
    expect(first.names).toHaveLength(50);

    // Page 2 from page 1: by the cursor page 1 answered — the same rows as page 2 by number, all 55 between them.
    const second = await answered(() => page.locator(".ant-pagination-item-2").click());
    expect(second.url.searchParams.get("cursor")).toBeTruthy();
    expect(second.url.searchParams.get("page")).toBeNull();
    const byNumber = new URL(second.url);
    byNumber.searchParams.delete("cursor");
    byNumber.searchParams.set("page", "2");
    const numbered = await (await page.request.get(`${byNumber.pathname}${byNumber.search}`)).json();
    expect(second.names).toEqual((numbered.items as { name: string }[]).map((p) => p.name));
    expect(second.total).toBe(first.total);
    expect(names.filter((n) => !first.names.includes(n) && !second.names.includes(n))).toEqual([]);
    await page.getByTestId("project-link").filter({ hasText: second.names[0]! }).waitFor();
    expect(await page.locator(".ant-pagination-total-text").textContent()).toContain(String(first.total));

    // Back to page 1: by number (the first page has no cursor).
    const again = await answered(() => page.locator(".ant-pagination-item-1").click());
    expect(again.url.searchParams.get("cursor")).toBeNull();
    expect(again.names).toEqual(first.names);
    await page.context().close();
  });

  it("(10) no 401 in the sign-in page's console, no 404 on admin pages, a warning before the lockout", async () => {
    const page = await h.newPage();
    const consoleErrors: string[] = [];
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    const notFound: string[] = [];
    page.on("response", (r) => r.status() === 404 && r.url().includes("/api/") && notFound.push(r.url()));
    await page.goto("/login");
    await page.getByTestId("login-username").waitFor();
    await page.waitForLoadState("networkidle");
    // The sign-in page asks nothing that answers 401.
    expect(consoleErrors).toEqual([]);
    const viewer = h.accounts.viewer!;
    for (let i = 1; i <= 3; i++) {
      await page.getByTestId("login-username").fill(viewer.username);
      await page.getByTestId("login-password").fill(`wrong-${i}`);
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/login") && r.status() === 401),
        page.getByTestId("login-submit").click(),
      ]);
      await page.getByTestId("login-error").waitFor();
      await page.getByTestId("login-submit").locator(".ant-btn-loading-icon").waitFor({ state: "hidden" });
    }
    await page.getByTestId("login-warning").waitFor();
    expect(await page.getByTestId("login-warning").textContent()).toContain("再输错 2 次，账户将被锁定");
    await h.screenshot(page, "login-warning");

    await signIn(page, h.accounts.sysadmin!.username, h.accounts.sysadmin!.password);
    await page.getByRole("menuitem", { name: "管理" }).waitFor();
    await page.goto("/admin");
    await page.getByRole("menuitem", { name: "管理" }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(notFound).toEqual([]);
    expect(errors).toEqual([]);
  });
});
