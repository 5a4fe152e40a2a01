/**
 * Issue 13, the points finance-day.test.ts leaves to this file, in Debian's chromium at 1366×768 (and 1920×1080
 * where the layout is the point):
 * (1) unsaved edits of the duties page (职责活动) and of a stored self-evaluation (自评) hold a sidebar link, the
 *     header's year and a reload, like the grid and the budget;
 * (4) the self-evaluation page says how a 部门整体 self-evaluation is started and starts one from the year's
 *     department goal (one request; a second start, from another tab, is refused and the list shows the one);
 *     (10) an untouched self-evaluation shows 未评分, not 差 at 0;
 * (9) the scheme dropdown shows its whole label;
 * (3) 赵县, 曲靖 and 青山 have records, a self-evaluation and budget execution on the dashboard's chart; every root the
 *     reviewer may choose has records and execution in the year sign-in opens on (2025).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, REPO_DIR, startHarness } from "./harness.ts";
import { DutiesPage, waitForWorkspace } from "./pages/duties.ts";
import { GoalsList } from "./pages/goals.ts";
import { ImportUnitsWizard } from "./pages/importWizard.ts";
import { dialogSettled, holdsUnload, leaveDialog, stayOnPage } from "./pages/leaveDialog.ts";
import { SelfEvaluation } from "./pages/selfEvaluation.ts";
import { signedInAt } from "./pages/session.ts";
import { Shell } from "./pages/shell.ts";

const hasChromium = existsSync(CHROMIUM);
const UNIT = "天津市公安交通管理局警务保障处";
const FLAWED = "2024年度道路交通秩序整治";
/** A year of the demo where the unit has no self-evaluation yet. */
const EMPTY_YEAR = 2025;

/** The scheme dropdown's shown label: its text and whether it is cut (wider than the room it has). */
function schemeLabel(page: Page): Promise<{ text: string; cut: boolean }> {
  return page.getByTestId("scheme").evaluate((root) => {
    // the innermost element holding the label's text
    const all = [root, ...root.querySelectorAll<HTMLElement>("*")].filter((e) => (e.textContent ?? "").includes("（"));
    const el = all[all.length - 1] as HTMLElement;
    const cut = [...all].some((e) => (e as HTMLElement).scrollWidth > (e as HTMLElement).clientWidth + 1);
    return { text: el.textContent ?? "", cut };
  });
}

describe.skipIf(!hasChromium)(
  "issue 13: guards on every editing page, the department self-evaluation, demo units",
  () => {
    let h: Harness;
    const errors: string[] = [];

    beforeAll(async () => {
      h = await startHarness();
    });
    afterAll(async () => {
      await h?.close();
    });

    it("(1) the duties page: an unsaved duty holds a sidebar link, the year and a reload; undone, nothing holds", async () => {
      const { page } = await signedInAt(h, "filler", { org: UNIT, year: 2024, errors });
      const duties = new DutiesPage(page);
      await duties.open();
      await duties.addDuty("交通秩序管理", "120");
      expect(await holdsUnload(page)).toBe(false);
      await duties.fill("duty-budget", "135.5");
      await page.getByTestId("unsaved").waitFor();

      await page.getByRole("menuitem", { name: "项目" }).click();
      expect(await leaveDialog(page)).toContain("未保存的修改");
      await stayOnPage(page);
      await page.getByTestId("duties-page").waitFor();
      expect(await duties.field("duty-budget").inputValue()).toBe("135.5");

      await page.getByTestId("year-switcher").click();
      await page.locator(".ant-select-item-option:visible").filter({ hasText: "2025" }).first().click();
      await leaveDialog(page);
      await stayOnPage(page);
      expect(await page.getByTestId("year-switcher").textContent()).toContain("2024");
      expect(await holdsUnload(page)).toBe(true);

      // Undone: the page is as saved, and a link goes at once.
      await page.getByTestId("undo-duty").click();
      await page.getByTestId("unsaved").waitFor({ state: "detached" });
      expect(await holdsUnload(page)).toBe(false);
      await page.getByRole("menuitem", { name: "项目" }).click();
      await page.waitForURL((u) => u.pathname.startsWith("/projects"));
      expect(await page.locator("#leave-cancel").count()).toBe(0);
      await page.context().close();
    });

    it("(1) a stored self-evaluation: unsaved typing holds a sidebar link and a reload; saved, nothing holds", async () => {
      const { page } = await signedInAt(h, "filler", { org: UNIT, year: 2024, errors });
      await page.getByRole("menuitem", { name: "自评" }).click();
      await page.getByTestId("se-link").filter({ hasText: FLAWED }).click();
      const se = new SelfEvaluation(page);
      await se.ready();
      const path = new URL(page.url()).pathname;
      expect(await holdsUnload(page)).toBe(false);
      await se.actual("群众满意度").fill("91%");
      await page.getByTestId("se-stored-unsaved").waitFor();

      await page.getByRole("menuitem", { name: "工作台" }).click();
      expect(await leaveDialog(page)).toContain("未保存的修改");
      await dialogSettled(page);
      await h.screenshot(page, "leave-guard-self-evaluation", { publish: true });
      await stayOnPage(page);
      expect(new URL(page.url()).pathname).toBe(path);
      expect(await se.actual("群众满意度").inputValue()).toBe("91%");
      expect(await holdsUnload(page)).toBe(true);

      await se.save();
      await page.getByTestId("se-stored-unsaved").waitFor({ state: "detached" });
      expect(await holdsUnload(page)).toBe(false);
      await page.getByRole("menuitem", { name: "工作台" }).click();
      await page.waitForURL((u) => u.pathname === "/");
      await page.context().close();
    });

    it("(1) the department goal: its texts typed and not saved hold a sidebar link and a reload", async () => {
      const { page } = await signedInAt(h, "filler", { org: UNIT, year: 2024, errors });
      const list = new GoalsList(page);
      await list.open();
      await list.openOrCreate(UNIT);
      expect(await holdsUnload(page)).toBe(false);
      await page.getByTestId("goal-annualGoal").fill("保障全局交通管理警务工作正常运转。");
      await page.getByRole("menuitem", { name: "项目" }).click();
      expect(await leaveDialog(page)).toContain("未保存的修改");
      await stayOnPage(page);
      expect(await page.getByTestId("goal-annualGoal").inputValue()).toBe("保障全局交通管理警务工作正常运转。");
      expect(await holdsUnload(page)).toBe(true);
      await page.context().close();
    });

    it("(1) the import wizard: a unit mapped by hand and not imported yet holds a sidebar link and a reload", async () => {
      const { page } = await signedInAt(h, "filler", { org: UNIT, year: 2026, errors });
      const wizard = new ImportUnitsWizard(page);
      await wizard.open();
      // seed 001: 赵县公安局 312 and its 交警大队 312007, proposed as a new child of the chosen organisation
      await wizard.upload(resolve(REPO_DIR, "fixtures/seeds/001_cf6ae51127079c27.txt"));
      await wizard.table().waitFor();
      expect(await holdsUnload(page)).toBe(false);
      await wizard.mapTo("312007", new RegExp(`^${UNIT}`));
      await page.getByRole("menuitem", { name: "项目" }).click();
      expect(await leaveDialog(page)).toContain("未保存的修改");
      await stayOnPage(page);
      expect(await wizard.mapped("312007")).toContain(UNIT);
      expect(await holdsUnload(page)).toBe(true);
      await page.context().close();
    });

    it("(9) the scheme dropdown shows its whole label at 1366×768 and at 1920×1080", async () => {
      const { page } = await signedInAt(h, "filler", { org: UNIT, year: 2024, errors });
      await page.getByRole("menuitem", { name: "自评" }).click();
      await page.getByTestId("se-link").filter({ hasText: FLAWED }).click();
      await new SelfEvaluation(page).ready();
      const full = "项目支出（执行率10、产出50、效益30、满意度10）";
      await expect.poll(async () => (await schemeLabel(page)).text).toBe(full);
      expect((await schemeLabel(page)).cut).toBe(false);
      await h.screenshot(page, "self-evaluation-scheme-1366", { publish: true });
      await page.setViewportSize({ width: 1920, height: 1080 });
      await expect.poll(async () => (await schemeLabel(page)).cut).toBe(false);
      // and the longer of the two in the list, whole as well
      await page.getByTestId("scheme").click();
      const option = page.locator(".ant-select-item-option:visible").filter({ hasText: "满意度10" }).first();
      await option.waitFor();
      expect(await option.evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(true);
      await page.keyboard.press("Escape");
      await page.context().close();
    });

    it("(4, 10) the empty page says how a 部门整体 self-evaluation starts; started from the goal, it is 未评分 until scored", async () => {
      const { page } = await signedInAt(h, "filler", { org: UNIT, year: EMPTY_YEAR, errors });
      await page.getByRole("menuitem", { name: "自评" }).click();
      const how = page.getByTestId("se-start-how");
      // No department goal for the year yet: it says to write one first, links to it, and the button waits.
      await expect.poll(() => how.textContent()).toContain("请先在「部门整体目标」中填报目标及其指标");
      expect(await page.getByTestId("se-start").isDisabled()).toBe(true);
      expect(await page.getByTestId("se-start-goals").getAttribute("href")).toBe("/goals");

      // The year's department goal with three indicators (set up through the API with the page's own session).
      const session = await (await page.request.get("/api/v1/auth/session")).json();
      const headers = { "X-CSRF-Token": session.csrfToken as string };
      const orgId = (session.user.memberships as { orgId: string }[])[0]!.orgId;
      const goalAnswer = await page.request.post("/api/v1/goals", {
        headers,
        data: { orgId, year: EMPTY_YEAR, annualGoal: "保障警务保障工作正常运转。" },
      });
      expect(goalAnswer.status()).toBe(201);
      const goal = await goalAnswer.json();
      const add = async (level: number, parentId: string | null, name: string, more: object = {}) => {
        const r = await page.request.post(`/api/v1/goals/${goal.id}/indicators`, {
          headers,
          data: { level, parentId, name, ...more },
        });
        expect(r.status()).toBe(201);
        return (await r.json()).id as string;
      };
      const output = await add(1, null, "产出指标");
      const quantity = await add(2, output, "数量指标");
      await add(3, quantity, "保障执勤车辆数", { targetText: "≥60辆", weight: "40" });
      const benefit = await add(1, null, "效益指标");
      const social = await add(2, benefit, "社会效益指标");
      await add(3, social, "警务保障响应及时率", { targetText: "≥95%", weight: "30" });
      const satisfaction = await add(1, null, "满意度指标");
      const served = await add(2, satisfaction, "服务对象满意度指标");
      await add(3, served, "民警满意度", { targetText: "≥90%", weight: "10" });

      await page.reload();
      await expect.poll(() => how.textContent()).toContain("以本年度部门整体绩效目标的 3 项指标为评价指标");
      await h.screenshot(page, "self-evaluation-start-department", { publish: true });
      await page.getByTestId("se-start").click();
      await page.waitForURL((u) => /^\/self-evaluation\/[0-9a-f-]{36}$/.test(u.pathname));
      const se = new SelfEvaluation(page);
      await se.ready();
      expect(await se.state()).toBe("draft");
      const rows = page.getByTestId("indicator-table").locator("tbody tr.ant-table-row");
      await expect.poll(() => rows.count()).toBe(3);
      expect(await page.getByTestId("indicator-table").textContent()).toContain("保障执勤车辆数");
      await expect.poll(() => se.grade()).toBe("未评分");
      expect(await se.total()).toBe("—");
      await page.getByTestId("se-stored-unscored").waitFor();
      expect(await page.getByTestId("se-stored-grade").count()).toBe(0);
      expect(await page.getByTestId("self-evaluation").textContent()).not.toMatch(/等级\s*差/);
      await h.screenshot(page, "self-evaluation-unscored", { publish: true });

      // An actual value typed: a grade computed by core, the same as the total says.
      await se.actual("保障执勤车辆数").fill("62辆");
      await expect.poll(() => se.grade()).toMatch(/^[优良中差]$/);
      expect(await se.total()).not.toBe("—");
      await page.getByTestId("se-save").click();
      await page.getByText("自评已保存").waitFor();
      await page.getByTestId("se-stored-grade").waitFor();

      // The list now has the department's self-evaluation, and no more the offer to start one.
      await page.getByRole("menuitem", { name: "自评" }).click();
      await page.getByTestId("se-link").filter({ hasText: "部门整体绩效自评" }).waitFor();
      expect(await page.getByTestId("se-start-department").count()).toBe(0);
      await page.context().close();
    });

    /**
     * The unit's filler on 自评 with the offer to start (a 2024 department goal with indicators, no department
     * self-evaluation: demo), another tab (the same session) makes the department self-evaluation first — `path`:
     * the start, or POST /evaluations as an API client makes one — then the start is refused with the server's 409
     * message and the list shows the one.
     */
    async function refusedStart(username: string, path: "/evaluations/department" | "/evaluations") {
      const page = await h.newPage();
      page.on("pageerror", (e) => errors.push(`${username}: ${e.message}`));
      const shell = new Shell(page);
      await shell.signIn(username, h.accounts.filler!.password);
      await waitForWorkspace(page);
      await shell.chooseYear(2024);
      await page.getByRole("menuitem", { name: "自评" }).click();
      await expect.poll(() => page.getByTestId("se-start-how").textContent()).toContain("项指标为评价指标");

      const session = await (await page.request.get("/api/v1/auth/session")).json();
      const orgId = (session.user.memberships as { orgId: string }[])[0]!.orgId;
      const other = await page.request.post(`/api/v1${path}`, {
        headers: { "X-CSRF-Token": session.csrfToken as string },
        data: path === "/evaluations" ? { kind: "department", orgId, year: 2024 } : { orgId, year: 2024 },
      });
      expect(other.status()).toBe(201);

      await page.getByTestId("se-start").click();
      await page.getByText("已有部门整体自评").first().waitFor();
      expect(new URL(page.url()).pathname).toBe("/self-evaluation");
      // the list read again: the one department self-evaluation, and no more the offer to start one
      const department = page.getByTestId("se-link").filter({ hasText: "部门整体绩效自评" });
      await department.first().waitFor();
      expect(await department.count()).toBe(1);
      await page.getByTestId("se-start-department").waitFor({ state: "detached" });
      const listed = await (
        await page.request.get(`/api/v1/evaluations?orgId=${orgId}&year=2024&kind=department`)
      ).json();
      expect(listed.items).toHaveLength(1);
      await page.context().close();
    }

    it("(4) a department self-evaluation started meanwhile in another tab: the start is refused and the list shows the one", async () => {
      await refusedStart("demo-zhaoxian", "/evaluations/department");
    });

    it("(4) one made otherwise meanwhile (POST /evaluations, kind department): the start is refused the same way", async () => {
      await refusedStart("demo-qujing", "/evaluations");
    });

    it("(3) 赵县, 曲靖 and 青山 have projects, a self-evaluation and budget execution on the dashboard", async () => {
      const { page, shell } = await signedInAt(h, "reviewer", { year: 2024, errors });
      for (const [org, unit] of [
        ["赵县公安局", "河北省赵县公安交通警察大队"],
        ["曲靖市公安局交通警察支队", "曲靖市公安局交通警察支队"],
        ["武汉市公安局青山区交通大队", "武汉市公安局青山区交通大队"],
      ] as const) {
        await shell.chooseOrg(org);
        await page.getByRole("menuitem", { name: "工作台" }).click();
        await page.locator('[data-testid="chart-execution"] canvas').first().waitFor();
        expect(await page.getByTestId("no-execution").count()).toBe(0);
        expect(await page.getByTestId("chart-execution").textContent()).not.toContain("暂无");
        if (org === "赵县公安局") {
          // the chart waited for may have scrolled the page: the header back in view for the picture
          await page.getByTestId("org-switcher").scrollIntoViewIfNeeded();
          await h.screenshot(page, "dashboard-zhaoxian", { publish: true });
        }

        await page.getByRole("menuitem", { name: "项目" }).click();
        const links = page.getByTestId("project-link");
        await links.first().waitFor();
        expect(await links.count()).toBeGreaterThanOrEqual(2);

        await page.getByRole("menuitem", { name: "自评" }).click();
        const se = page.getByTestId("se-link");
        await se.first().waitFor();
        expect(await page.getByTestId("se-list").textContent()).toContain(unit);
        expect(await page.getByTestId("se-list-total").count()).toBeGreaterThan(0);
      }
      await page.context().close();
    });

    it("(3) every organisation the reviewer may choose has records and budget execution in the year sign-in opens on", async () => {
      const page = await h.newPage();
      page.on("pageerror", (e) => errors.push(`reviewer: ${e.message}`));
      const shell = new Shell(page);
      await shell.signIn(h.accounts.reviewer!.username, h.accounts.reviewer!.password);
      await waitForWorkspace(page);
      // the latest year that holds records the reviewer may read (the current fiscal year is still empty)
      await expect.poll(() => page.getByTestId("year-switcher").textContent()).toContain("2025");

      // Every root of the reviewer's organisations, as the server lists them.
      const orgs = (await (await page.request.get("/api/v1/orgs")).json()).items as {
        id: string;
        name: string;
        parentId: string | null;
      }[];
      const roots = orgs.filter((o) => !orgs.some((p) => p.id === o.parentId)).map((o) => o.name);
      expect(roots.sort()).toEqual(
        ["天津市公安交通管理局", "曲靖市公安局交通警察支队", "武汉市公安局青山区交通大队", "赵县公安局"].sort(),
      );
      for (const org of roots) {
        await shell.chooseOrg(org);
        await page.getByRole("menuitem", { name: "工作台" }).click();
        await page.locator('[data-testid="chart-execution"] canvas').first().waitFor();
        expect(await page.getByTestId("no-execution").count(), org).toBe(0);
        if (org === "武汉市公安局青山区交通大队") {
          // the bars drawn to their length (the chart's animation ended) for the picture
          await page.locator('[data-testid="chart-execution"][data-drawn="true"]').waitFor();
          await page.getByTestId("org-switcher").scrollIntoViewIfNeeded();
          await h.screenshot(page, "dashboard-qingshan-2025", { publish: true });
        }
        await page.getByRole("menuitem", { name: "项目" }).click();
        const links = page.getByTestId("project-link");
        await links.first().waitFor();
        expect(await links.count(), org).toBeGreaterThan(0);
      }
      await page.context().close();
      expect(errors).toEqual([]);
    });
  },
);
