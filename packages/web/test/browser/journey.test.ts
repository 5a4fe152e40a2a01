/**
 * A whole journey through the UI in Debian's chromium: sign in, see the dashboard, open the self-evaluation
 * workspace, type an actual value and watch the total and the grade change. Screenshots of each step go to
 * .tmp/screenshots; the main ones to docs/screenshots.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, REPO_DIR, signIn, startHarness } from "./harness.ts";

const hasChromium = existsSync(CHROMIUM);

describe.skipIf(!hasChromium)("journey: a filler signs in, checks the dashboard, self-evaluates, loses nothing", () => {
  let h: Harness;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    page = await h.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  it("signs in and sees the dashboard with its charts", async () => {
    await page.goto("/");
    await page.waitForURL(/\/login/);
    await page.getByTestId("login-submit").waitFor();
    await h.screenshot(page, "login", { publish: true });

    const filler = h.accounts.filler;
    expect(filler, "a demo filler account").toBeDefined();
    await signIn(page, filler!.username, filler!.password);

    await page.getByTestId("dashboard").waitFor();
    // The filler's own unit has no execution figures for this year: the chart says so.
    await page.locator('[data-testid="chart-execution"] canvas, [data-testid="no-execution"]').first().waitFor();
    await page.locator('[data-testid="chart-grades"] canvas').waitFor();
    // the shell: menu in Chinese, organisation and year switchers
    await expect(page.getByRole("menuitem", { name: "工作台" }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("menuitem", { name: "自评" }).isVisible()).resolves.toBe(true);
    await page.waitForTimeout(600); // chart animation
    await h.screenshot(page, "dashboard-empty");
  });

  it("opens the self-evaluation, types an actual value, and the total and grade follow", async () => {
    await page.getByRole("menuitem", { name: "自评" }).click();
    await page.getByTestId("indicator-table").waitFor();
    const total = page.getByTestId("se-total");
    const grade = page.getByTestId("se-grade");
    await expect(page.getByTestId("scoring-not-ready").count()).resolves.toBe(0);

    // 聘用辅警数量: target 302名, no actual yet.
    const before = { total: await total.textContent(), grade: await grade.textContent() };
    await page.getByTestId("actual-i7").fill("260名");
    await expect.poll(() => total.textContent()).not.toBe(before.total);
    const mid = { total: await total.textContent(), grade: await grade.textContent() };
    expect(Number(mid.total)).toBeGreaterThan(Number(before.total));
    // a missed target asks for its deviation reason
    await expect.poll(() => page.getByTestId("deviation-i7").getAttribute("class")).toContain("error");
    await page.evaluate(() => window.scrollTo(0, 0));
    await h.screenshot(page, "self-evaluation", { publish: true });

    // The target is reached and the qualitative indicators are judged achieved: the grade goes up a band.
    await page.getByTestId("actual-i7").fill("302名");
    await page.getByTestId("actual-i15").fill("96%");
    // Qualitative indicators: the evaluator picks the tier (keyboard: open, first option 达成年度指标, Enter).
    for (const id of ["i8", "i10", "i12"]) {
      const tier = page.getByTestId(`tier-${id}`);
      await tier.click();
      await page.keyboard.press("Enter");
      await expect.poll(() => tier.textContent()).toContain("达成年度指标");
    }
    await expect.poll(() => grade.textContent()).not.toBe(before.grade);
    const after = { total: await total.textContent(), grade: await grade.textContent() };
    expect(Number(after.total)).toBeGreaterThan(Number(mid.total));
    await h.screenshot(page, "self-evaluation-full", { publish: true, fullPage: true });
  });

  it("keeps the typing through a reload and through a session expiry", async () => {
    const total = page.getByTestId("se-total");
    await page.getByTestId("conclusion").fill("全年目标基本完成，辅警招录到位。");
    const typed = { total: await total.textContent(), i7: await page.getByTestId("actual-i7").inputValue() };
    await page.waitForTimeout(600); // the draft is written 300 ms after the last change

    // A reload (or a crash) restores the draft kept in the browser.
    await page.reload();
    await page.getByTestId("draft-restored").waitFor();
    expect(await page.getByTestId("actual-i7").inputValue()).toBe(typed.i7);
    expect(await page.getByTestId("conclusion").inputValue()).toBe("全年目标基本完成，辅警招录到位。");
    await expect.poll(() => total.textContent()).toBe(typed.total);

    // The session ends (cookie gone): coming back to the tab asks for the password over the page.
    await page.context().clearCookies();
    await page.evaluate(() => window.dispatchEvent(new Event("focus")));
    await page.getByTestId("relogin-password").waitFor();
    await h.screenshot(page, "relogin");
    await page.getByTestId("relogin-password").fill(h.accounts.filler!.password);
    await page.getByTestId("relogin-submit").click();
    await page.getByTestId("relogin-password").waitFor({ state: "detached" });
    expect(await page.getByTestId("actual-i7").inputValue()).toBe(typed.i7);
    expect(await page.getByTestId("conclusion").inputValue()).toBe("全年目标基本完成，辅警招录到位。");

    expect(pageErrors).toEqual([]);
  });

  it("imports seed 004 into its unit and year: preview with the plan, then commit", async () => {
    await page.getByRole("menuitem", { name: "导入" }).click();
    await page.getByTestId("import-page").waitFor();
    const file = resolve(REPO_DIR, "fixtures/seeds/004_8649601bbeaed617.txt");
    await page
      .locator('[data-testid="import-upload"] input[type="file"], input[type="file"]')
      .first()
      .setInputFiles(file);
    await page.getByTestId("import-plan").waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("import-plan").textContent()).toContain("教育训练");
    await h.screenshot(page, "import-preview", { publish: true });
    const commit = page.getByTestId("import-commit");
    expect(await commit.isEnabled()).toBe(true);
    await commit.click();
    await commit.waitFor({ state: "detached", timeout: 60_000 });
    // The imported projects are in the unit's list for the year.
    await page.getByRole("link", { name: "查看项目" }).click();
    await page.getByTestId("project-link").filter({ hasText: "道路交通安全工作专项经费" }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
