/**
 * The year's project work through the UI, one browser context per person: the filler edits the indicator grid
 * like a spreadsheet (keyboard, a block pasted from Excel, undo), meets a concurrent edit (409, re-applied) and
 * submits; the unit approver returns it with a comment (the first review step); the filler fixes and resubmits;
 * the unit approver approves for the unit, the reviewer approves (the second step); then the self-evaluation
 * of the approved project goes the same way (submit, unit approval, approval); a viewer sees no edit button.
 */
import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, startHarness } from "./harness.ts";
import { ProjectList, ProjectPage } from "./pages/projects.ts";
import { SelfEvaluation } from "./pages/selfEvaluation.ts";
import { signedInAt } from "./pages/session.ts";
import type { Shell } from "./pages/shell.ts";

const hasChromium = existsSync(CHROMIUM);
const PROJECT = "2024年度教育训练";

describe.skipIf(!hasChromium)("journey: a project's indicators from draft to approved", () => {
  let h: Harness;
  const errors: string[] = [];
  let projectUrl = "";

  const as = (role: string): Promise<{ page: Page; shell: Shell }> => signedInAt(h, role, { year: 2024, errors });

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h?.close();
  });

  let filler: { page: Page; shell: Shell };
  let evaluationUrl = "";
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
    expect(await fp.workflow.buttons()).toEqual(["wf-submit"]);
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

  it("filler submits; the unit approver returns it with a comment (the reviewer cannot act yet)", async () => {
    await fp.workflow.submit();
    expect(await fp.state()).toBe("已提交，待单位审核");
    expect(await fp.page.getByTestId("indicator-grid").getAttribute("aria-readonly")).toBe("true");
    expect(await fp.workflow.buttons()).toEqual([]);

    // The reviewer of the parent organisation sees it, but the first step is the unit's.
    const reviewer = await as("reviewer");
    await reviewer.shell.chooseOrg("天津市公安交通管理局");
    await reviewer.page.goto(projectUrl);
    const rp = new ProjectPage(reviewer.page);
    await rp.ready();
    expect(await rp.stateCode()).toBe("submitted");
    expect(await rp.workflow.buttons()).toEqual([]);
    await reviewer.page.context().close();

    const approver = await as("unit_approver");
    // The demo's own submitted project waits for the approver too.
    await expect.poll(() => approver.shell.todoCount()).not.toBe("0");
    await approver.page.getByTestId("todo-badge").locator("button").click();
    await approver.page.getByTestId("project-list").waitFor();
    const ap = await new ProjectList(approver.page).openProject(PROJECT);
    expect(await ap.workflow.buttons()).toEqual(["wf-unit-approve", "wf-return"]);
    await ap.workflow.returnWith("组织培训人数目标偏低，请按上年实际（132人）调整。");
    expect(await ap.state()).toBe("已退回");
    await approver.page.context().close();
  });

  it("filler fixes and resubmits; the unit approver approves for the unit; the reviewer approves", async () => {
    await fp.page.reload();
    await fp.ready();
    expect(await fp.state()).toBe("已退回");
    expect(await fp.workflow.returnComment()).toContain("132人");
    const row = await rowOf(fp, "组织培训人数");
    await fp.typeInto(row, "targetText", "≥132人");
    await fp.save();
    await fp.workflow.submit();
    expect(await fp.state()).toBe("已提交，待单位审核");

    const approver = await as("unit_approver");
    await approver.page.goto(projectUrl);
    const ap = new ProjectPage(approver.page);
    await ap.ready();
    // The resubmitted version against the one returned: the fixed target.
    const changes = await ap.workflow.changes();
    expect(changes.some((c) => c.includes("组织培训人数") && c.includes("≥120人") && c.includes("≥132人"))).toBe(true);
    await ap.workflow.unitApprove();
    expect(await ap.state()).toBe("单位已审核，待主管/财政审核");
    expect(await ap.workflow.buttons()).toEqual([]);
    await approver.page.context().close();

    const reviewer = await as("reviewer");
    await reviewer.shell.chooseOrg("天津市公安交通管理局");
    // The to-do badge leads the reviewer to the unit-approved projects, this one among them.
    await expect.poll(() => reviewer.shell.todoCount()).not.toBe("0");
    await reviewer.page.getByTestId("todo-badge").locator("button").click();
    await reviewer.page.getByTestId("project-list").waitFor();
    const waiting = reviewer.page.getByTestId("project-list").getByTestId("wf-state");
    await expect
      .poll(async () => [...new Set(await waiting.evaluateAll((els) => els.map((e) => e.getAttribute("data-state"))))])
      .toEqual(["unit_approved"]);
    const rp = await new ProjectList(reviewer.page).openProject(PROJECT);
    expect(await rp.workflow.buttons()).toEqual(["wf-approve", "wf-return"]);
    // In English: the state, the buttons, the history and 本次修改 say it in English.
    await reviewer.page.getByTestId("lang-switch").click();
    await expect.poll(() => rp.state()).toBe("Unit approved, awaiting review");
    expect(await reviewer.page.getByTestId("wf-approve").textContent()).toBe("Approve");
    expect(await reviewer.page.getByTestId("wf-return").textContent()).toBe("Return");
    expect(await reviewer.page.getByTestId("wf-history").textContent()).toContain("Returned");
    expect(await reviewer.page.getByTestId("wf-changes").textContent()).toContain("What changed");
    expect((await rp.workflow.changes()).join("\n")).toContain("Target");
    await rp.workflow.approve();
    expect(await rp.state()).toBe("Approved");
    const history = await rp.workflow.history();
    expect(history.map((s) => s.action)).toEqual(["submit", "return", "submit", "unit_approve", "approve"]);
    expect(history[1]).toEqual({
      action: "return",
      actor: h.accounts.unit_approver!.username,
      comment: "“组织培训人数目标偏低，请按上年实际（132人）调整。”",
    });
    expect(history[4]!.actor).toBe(h.accounts.reviewer!.username);
    await reviewer.page.context().close();
  });

  it("the self-evaluation of the approved project: filler saves and submits, unit approver and reviewer approve", async () => {
    await fp.page.reload();
    await fp.ready();
    expect(await fp.stateCode()).toBe("approved");
    await fp.page.getByTestId("start-evaluation").click();
    const se = new SelfEvaluation(fp.page);
    await se.ready();
    const before = await se.total();
    // the target is ≥132人 since the return above; the rows added at the start need their actual values too
    await se.actual("组织培训人数").fill("140人");
    await se.actual("专题讲座次数").fill("每季度1次");
    await se.actual("交通违法行为下降").fill("同比下降6%");
    await se.actual("培训费").fill("420元/人/天");
    // The server's submission rules: every actual value and the narratives (issue 12)
    await se.actual("教育训练经费使用规定").fill("符合相关规定");
    await se.actual("确定年内开展培训时间").fill("分阶段进行");
    await se.actual("提高队伍专业化水平").fill("作用显著");
    await se.actual("学员满意度").fill("96%");
    await fp.page.getByTestId("conclusion").fill("全年培训按计划完成。");
    await fp.page.getByTestId("improvements").fill("继续提高培训针对性。");
    // 45 of 50 万元 spent: the execution rate and its score follow, and with them the total.
    await fp.page.getByTestId("executed").fill("45");
    await expect.poll(() => fp.page.getByTestId("se-rate").textContent()).toBe("90.00%");
    await expect.poll(() => se.total()).not.toBe(before);
    // Typing not saved yet cannot be submitted.
    expect(await fp.page.getByTestId("wf-submit").isDisabled()).toBe(true);
    await se.save();
    // once saved, the page shows the stored score of what was typed (not the one stored before the typing)
    const total = fp.page.getByTestId("se-total");
    await expect
      .poll(async () => (await total.getAttribute("data-source")) === "stored" && (await se.total()) !== before)
      .toBe(true);
    const saved = await se.total();
    await se.workflow.submit();
    expect(await se.state()).toBe("submitted");
    expect(await se.workflow.buttons()).toEqual([]);
    // Submitted: the actual values are read only.
    expect(await se.actual("组织培训人数").isEditable()).toBe(false);
    expect(await fp.page.getByTestId("executed").isDisabled()).toBe(true);
    expect(await fp.page.getByTestId("conclusion").isDisabled()).toBe(true);
    evaluationUrl = new URL(fp.page.url()).pathname;

    const approver = await as("unit_approver");
    await approver.page.goto(evaluationUrl);
    const ae = new SelfEvaluation(approver.page);
    await ae.ready();
    // The stored record, never a placeholder kept as a draft in the approver's browser.
    await expect.poll(() => ae.total()).toBe(saved);
    expect(await ae.workflow.buttons()).toEqual(["wf-unit-approve", "wf-return"]);
    await ae.workflow.unitApprove();
    await expect.poll(() => ae.state()).toBe("unit_approved");
    await approver.page.context().close();

    const reviewer = await as("reviewer");
    await reviewer.shell.chooseOrg("天津市公安交通管理局");
    await reviewer.page.goto(evaluationUrl);
    const re = new SelfEvaluation(reviewer.page);
    await re.ready();
    await expect.poll(() => re.total()).toBe(saved);
    await re.workflow.approve();
    await expect.poll(() => re.state()).toBe("approved");
    expect((await re.workflow.history()).map((s) => [s.action, s.actor])).toEqual([
      ["submit", h.accounts.filler!.username],
      ["unit_approve", h.accounts.unit_approver!.username],
      ["approve", h.accounts.reviewer!.username],
    ]);
    await h.screenshot(reviewer.page, "self-evaluation-approved");
    await reviewer.page.context().close();
  });

  it("a viewer sees the approved project and no edit button", async () => {
    const viewer = await as("viewer");
    await viewer.page.goto(projectUrl);
    const vp = new ProjectPage(viewer.page);
    await vp.ready();
    expect(await vp.state()).toBe("审核通过");
    expect(await vp.editButtons().count()).toBe(0);
    // Typing into the grid changes nothing.
    await vp.cell(0, "name").click();
    await viewer.page.keyboard.press("Enter");
    expect(await viewer.page.getByTestId("cell-editor").count()).toBe(0);

    // Nor on the approved self-evaluation: no workflow button, no save, the figures read only.
    await viewer.page.goto(evaluationUrl);
    const ve = new SelfEvaluation(viewer.page);
    await ve.ready();
    expect(await ve.state()).toBe("approved");
    expect(await ve.workflow.buttons()).toEqual([]);
    expect(await viewer.page.getByTestId("se-save").count()).toBe(0);
    expect(await viewer.page.getByTestId("executed").isDisabled()).toBe(true);
    expect((await ve.workflow.history()).map((s) => s.action)).toEqual(["submit", "unit_approve", "approve"]);

    // The viewer's overview of another unit: 曲靖 2023 (seed 003 execution figures).
    await viewer.shell.chooseOrg("曲靖市公安局交通警察支队");
    await viewer.shell.chooseYear(2023);
    await viewer.page.getByRole("menuitem", { name: "工作台" }).click();
    await viewer.page.locator('[data-testid="chart-execution"] canvas').waitFor();
    await viewer.page.locator('[data-testid="chart-execution"][data-drawn="true"]').waitFor();
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

function rowOf(p: ProjectPage, name: string): Promise<number> {
  return p.rowOf(name);
}

function activeCell(page: Page): Promise<string | null> {
  return page.locator("[data-active]").first().getAttribute("data-testid");
}
