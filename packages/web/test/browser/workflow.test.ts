/**
 * The year's project work through the UI, one browser context per person: the filler edits the indicator grid
 * like a spreadsheet (keyboard, a block pasted from Excel, undo), meets a concurrent edit (409, re-applied) and
 * submits; the reviewer returns it with a comment; the filler fixes and resubmits; the unit approver approves
 * (the server's workflow has one review step: submitted → approved | returned); a viewer sees no edit button.
 */
import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, startHarness } from "./harness.ts";
import { ProjectList, ProjectPage } from "./pages/projects.ts";
import { Shell } from "./pages/shell.ts";

const hasChromium = existsSync(CHROMIUM);
const PROJECT = "2024年度教育训练";

describe.skipIf(!hasChromium)("journey: a project's indicators from draft to approved", () => {
  let h: Harness;
  const errors: string[] = [];
  let projectUrl = "";

  async function as(role: string): Promise<{ page: Page; shell: Shell }> {
    const page = await h.newPage();
    page.setDefaultTimeout(15_000);
    page.on("pageerror", (e) => errors.push(`${role}: ${e.message}`));
    const shell = new Shell(page);
    const acc = h.accounts[role];
    expect(acc, `a demo ${role}`).toBeDefined();
    await shell.signIn(acc!.username, acc!.password);
    await shell.chooseYear(2024);
    return { page, shell };
  }

  beforeAll(async () => {
    h = await startHarness();
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  let filler: { page: Page; shell: Shell };
  let fp: ProjectPage;

  it("filler: finds the project, edits the grid with the keyboard, pastes a block from Excel, undoes", async () => {
    filler = await as("filler");
    const list = new ProjectList(filler.page);
    await list.open();
    await list.search("教育训练");
    await filler.page.getByTestId("project-link").filter({ hasText: PROJECT }).waitFor();
    await h.screenshot(filler.page, "projects", { publish: true });
    fp = await list.openProject(PROJECT);
    projectUrl = new URL(filler.page.url()).pathname;
    expect(await fp.state()).toBe("草稿");
    expect(await filler.page.getByTestId("annual-funds").textContent()).toContain("50");

    // 组织培训人数 (row 3 in tree order): a new target, shown as understood by core.
    const row = await rowOf(fp, "组织培训人数");
    await fp.typeInto(row, "targetText", "≥120人");
    await expect.poll(() => fp.cell(row, "targetText").textContent()).toBe("≥120人");
    // Enter committed and went down a row; the arrow keys and Tab move the active cell.
    await expect.poll(() => activeCell(fp.page)).toBe(`cell-${row + 1}-targetText`);
    await fp.page.keyboard.press("ArrowUp");
    await fp.page.keyboard.press("Tab");
    expect(await activeCell(fp.page)).toBe(`cell-${row}-weight`);
    // Typing starts editing; Ctrl+Z takes it back.
    await fp.page.keyboard.type("15");
    await fp.page.keyboard.press("Enter");
    await expect.poll(() => fp.cell(row, "weight").textContent()).toBe("15");
    await fp.page.keyboard.press("Control+z");
    await expect.poll(() => fp.cell(row, "weight").textContent()).toBe("");

    // A block of two rows copied from Excel, pasted at the first empty row's level-1 cell.
    const rows = await fp.page.locator('[data-testid^="grid-row-"]').count();
    const tail = rows - 1;
    await fp.paste(
      tail,
      "level1",
      "产出指标\t数量指标\t专题讲座次数\t每季度1次\t5\r\n效益指标\t社会效益指标\t交通违法行为下降\t同比下降5%\t\r\n",
    );
    await expect.poll(() => fp.cell(tail + 1, "name").textContent()).toBe("交通违法行为下降");
    expect(await fp.cell(tail, "targetText").textContent()).toBe("每季度1次");
    // The level 2 of a pasted row can be chosen again from the standard tree.
    await fp.choose(tail + 1, "level2", "可持续影响指标");
    expect(await fp.cell(tail + 1, "level2").textContent()).toBe("可持续影响指标");
    await h.screenshot(filler.page, "project-grid-editing", { publish: true });

    await fp.save();
    await fp.page.reload();
    await fp.ready();
    const again = await rowOf(fp, "组织培训人数");
    expect(await fp.cell(again, "targetText").textContent()).toBe("≥120人");
    expect(await rowOf(fp, "专题讲座次数")).toBeGreaterThanOrEqual(0);
    expect(await rowOf(fp, "交通违法行为下降")).toBeGreaterThanOrEqual(0);
  });

  it("filler: a stale save shows the current record and re-applies the user's change", async () => {
    // The same filler in a second window, opened before the first window saves again.
    const second = await as("filler");
    await second.page.goto(projectUrl);
    const sp = new ProjectPage(second.page);
    await sp.ready();

    const row = await rowOf(fp, "培训费");
    await fp.typeInto(row, "targetText", "≤450元/人/天");
    await fp.save();

    const row2 = await rowOf(sp, "培训费");
    await sp.typeInto(row2, "weight", "10");
    await second.page.getByTestId("save-indicators").click();
    await second.page.getByTestId("conflict").waitFor();
    expect(await second.page.getByTestId("conflict").textContent()).toContain("≤450元/人/天");
    await h.screenshot(second.page, "project-conflict");
    await second.page.getByRole("button", { name: "重新应用我的修改" }).click();
    await second.page.getByTestId("conflict").waitFor({ state: "hidden" });
    await second.page.getByTestId("unsaved").waitFor({ state: "detached" });
    await second.page.context().close();

    await fp.page.reload();
    await fp.ready();
    const r = await rowOf(fp, "培训费");
    expect(await fp.cell(r, "weight").textContent()).toBe("10");
    // Only what the second window changed was written again: the first window's target stays.
    expect(await fp.cell(r, "targetText").textContent()).toBe("≤450元/人/天");
  });

  it("filler submits; the reviewer returns it with a comment", async () => {
    await fp.submit();
    expect(await fp.state()).toBe("已提交");
    expect(await fp.page.getByTestId("indicator-grid").getAttribute("aria-readonly")).toBe("true");

    const reviewer = await as("reviewer");
    await reviewer.shell.chooseOrg("天津市公安交通管理局");
    await expect.poll(() => reviewer.shell.todoCount()).toBe("1");
    await reviewer.page.getByTestId("todo-badge").locator("button").click();
    await reviewer.page.getByTestId("project-list").waitFor();
    const rp = await new ProjectList(reviewer.page).openProject(PROJECT);
    await h.screenshot(reviewer.page, "project-review", { publish: true });
    await rp.returnWith("组织培训人数目标偏低，请按上年实际（132人）调整。");
    expect(await rp.state()).toBe("已退回");
    await reviewer.page.context().close();
  });

  it("filler sees the comment, fixes the indicator and resubmits; the unit approver approves", async () => {
    await fp.page.reload();
    await fp.ready();
    expect(await fp.state()).toBe("已退回");
    expect(await fp.page.getByTestId("return-comment").textContent()).toContain("132人");
    const row = await rowOf(fp, "组织培训人数");
    await fp.typeInto(row, "targetText", "≥132人");
    await fp.save();
    await fp.submit();
    expect(await fp.state()).toBe("已提交");

    const approver = await as("unit_approver");
    await approver.page.goto(projectUrl);
    const ap = new ProjectPage(approver.page);
    await ap.ready();
    await ap.approve();
    expect(await ap.state()).toBe("已审核通过");
    const history = await approver.page.getByTestId("project-history").textContent();
    expect(history).toContain("已退回");
    expect(history).toContain("132人");
    await h.screenshot(approver.page, "project-approved", { publish: true });
    await approver.page.context().close();
  });

  it("filler starts the self-evaluation of the approved project, types actual values, sees the total, saves", async () => {
    await fp.page.reload();
    await fp.ready();
    expect(await fp.state()).toBe("已审核通过");
    await fp.page.getByTestId("start-evaluation").click();
    const page = fp.page;
    await page.getByTestId("indicator-table").waitFor();
    await page.getByTestId("se-save").waitFor();
    const actual = (name: string) =>
      page.locator("tr", { hasText: name }).first().locator('input[data-testid^="actual-"]');
    const total = page.getByTestId("se-total");
    const before = await total.textContent();
    await actual("组织培训人数").fill("140人");
    await actual("培训费").fill("420元/人/天");
    // 45 of 50 万元 spent: the execution rate and its score follow, and with them the total.
    await page.getByTestId("executed").fill("45");
    await expect.poll(() => page.getByTestId("se-rate").textContent()).toBe("90.00%");
    await expect.poll(() => total.textContent()).not.toBe(before);
    await h.screenshot(page, "self-evaluation-project", { publish: true });
    await page.getByTestId("se-save").click();
    await page.getByText("自评已保存").waitFor();
    const saved = await total.textContent();
    await page.reload();
    await page.getByTestId("indicator-table").waitFor();
    expect(await actual("组织培训人数").inputValue()).toBe("140人");
    await expect.poll(() => total.textContent()).toBe(saved);

    // Exported as docx, once the server offers exports (until then the button is disabled and says so).
    await page.locator('[data-testid="export"], [data-testid="export-disabled"]').first().waitFor();
    if ((await page.getByTestId("export").count()) > 0) {
      await page.getByTestId("export").hover();
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-docx").click()]);
      expect(download.suggestedFilename()).toMatch(/\.docx$/);
      expect((await download.failure()) ?? "ok").toBe("ok");
    }
  });

  it("a viewer sees the approved project and no edit button", async () => {
    const viewer = await as("viewer");
    await viewer.page.goto(projectUrl);
    const vp = new ProjectPage(viewer.page);
    await vp.ready();
    expect(await vp.state()).toBe("已审核通过");
    expect(await vp.editButtons().count()).toBe(0);
    // Typing into the grid changes nothing.
    await vp.cell(0, "name").click();
    await viewer.page.keyboard.press("Enter");
    expect(await viewer.page.getByTestId("cell-editor").count()).toBe(0);

    // The viewer's overview of another unit: 曲靖 2023 (seed 003 execution figures).
    await viewer.shell.chooseOrg("曲靖市公安局交通警察支队");
    await viewer.shell.chooseYear(2023);
    await viewer.page.getByRole("menuitem", { name: "工作台" }).click();
    await viewer.page.locator('[data-testid="chart-execution"] canvas').waitFor();
    await viewer.page.waitForTimeout(600); // chart animation
    await h.screenshot(viewer.page, "dashboard", { publish: true });
    await viewer.page.getByRole("menuitem", { name: "预算" }).click();
    await viewer.page.getByTestId("budget-page").getByText("曲靖市公安局交通警察支队").first().waitFor();
    expect(await viewer.page.getByTestId("budget-page").textContent()).toContain("99.32%");
    await h.screenshot(viewer.page, "budget", { publish: true });
    await viewer.page.getByRole("menuitem", { name: "职责活动" }).click();
    await viewer.page.getByTestId("duties-page").waitFor();
    expect(errors).toEqual([]);
  });
});

async function rowOf(p: ProjectPage, name: string): Promise<number> {
  const cells = p.page.locator('[data-testid$="-name"][data-testid^="cell-"]');
  await cells.first().waitFor();
  const ids = await cells.evaluateAll(
    (els, n) => els.filter((e) => e.textContent === n).map((e) => e.getAttribute("data-testid")),
    name,
  );
  if (!ids[0]) return -1;
  return Number(ids[0].split("-")[1]);
}

function activeCell(page: Page): Promise<string | null> {
  return page.locator("[data-active]").first().getAttribute("data-testid");
}
