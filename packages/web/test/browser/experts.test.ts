/**
 * Expert review in Debian's chromium: the bureau's reviewer assigns the goals of a unit's project to the two demo
 * experts with a deadline; each expert signs in, finds the task on the to-do list (and nothing else in the menu),
 * scores the form (the total follows as typed) and submits with an opinion; the reviewer opens the assignment and
 * sees both experts' scores side by side with core's average and the item they diverge on flagged, and adopts the
 * result with a reason. A new project of 2025 (its unit's 2024 is in Jixiao) waits for approval without its
 * 事前绩效评估: the reviewer is warned it is missing (the demo does not require it first: JIXIAO_EXANTE_REQUIRED is
 * the deployment's choice, exante.approval.test.ts the refusal), assesses it at 不予支持, and the approval's confirmation
 * shows that conclusion as a clear warning before the reviewer approves all the same. The demo's own assignment
 * (2024年度交通安全宣传, scored by both demo experts: seed-experts.ts) shows their scores side by side, and its
 * 专家评审意见汇总表 downloads with its Chinese name.
 */
import { existsSync, readFileSync } from "node:fs";
import { assessExante, BUILTIN_FORMS, checkSheet, compareSheets } from "@jixiao/core";
import { readDocument } from "@jixiao/documents";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, startHarness } from "./harness.ts";
import { ExantePanelModel, ExpertsPage } from "./pages/experts.ts";
import { ProjectList } from "./pages/projects.ts";
import { signedInAt } from "./pages/session.ts";
import { Shell } from "./pages/shell.ts";
import { confirmAction } from "./pages/workflow.ts";

const hasChromium = existsSync(CHROMIUM);
const BUREAU = "天津市公安交通管理局";
const PROJECT = "2024年度警用车辆维护";
const FORM = BUILTIN_FORMS.find((b) => b.id === "builtin:goal-review")!.form;
const UNIT = "天津市公安交通管理局警务保障处";
const NEW_PROJECT = "2024年度执勤装备购置";
const GATE_PROJECT = "2025年度交通信号智能化改造";
const SHEETS = {
  "demo-expert": { complete: "22", relevant: "20", suitable: "12", feasible: "21" },
  "demo-expert2": { complete: "24", relevant: "21", suitable: "20", feasible: "22" },
};

describe.skipIf(!hasChromium)("expert review", () => {
  let h: Harness;
  const errors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h?.close();
  });

  it("reviewer assigns → experts score → reviewer sees them side by side and adopts", async () => {
    const { page: rp } = await signedInAt(h, "reviewer", { org: BUREAU, year: 2024, errors });
    const reviewer = new ExpertsPage(rp);
    await reviewer.open();
    await reviewer.assign({
      record: PROJECT,
      experts: ["demo-expert）", "demo-expert2）"],
      deadline: "2099-03-31",
      note: "请审核指标值",
    });

    for (const [username, scores] of Object.entries(SHEETS)) {
      const page = await h.newPage();
      page.on("pageerror", (e) => errors.push(`${username}: ${e.message}`));
      await new Shell(page).signIn(username, h.accounts.expert!.password);
      // the expert's first page is its to-do list; the menu holds nothing else
      await page.getByTestId("expert-tasks").waitFor();
      const menu = await page.locator(".ant-menu-item").allTextContents();
      expect(menu).toEqual(["专家评审"]);
      const expert = new ExpertsPage(page);
      await expert.openTask(PROJECT);
      for (const [key, value] of Object.entries(scores)) await page.getByTestId(`score-${key}`).fill(value);
      const expectedTotal = checkSheet(FORM, scores).total;
      expect(await expert.total()).toBe(`合计 ${expectedTotal}`);
      if (username === "demo-expert") await h.screenshot(page, "expert-scoring", { publish: true });
      await expert.scoreAndSubmit(scores, `${username} 的评审意见`);
      await page.close();
    }

    await rp.reload();
    await rp.getByTestId("experts-page").waitFor();
    await reviewer.openAssignment(PROJECT);
    const rows = await reviewer.comparison();
    const expected = compareSheets(
      FORM,
      Object.entries(SHEETS).map(([expert, scores]) => ({ expert, scores })),
      "20",
    );
    expect(rows.map((r) => r.name)).toEqual(expected.items.map((i) => i.name));
    expect(rows.map((r) => r.average)).toEqual(expected.items.map((i) => i.average));
    expect(rows.filter((r) => r.diverges).map((r) => r.name)).toEqual(
      expected.items.filter((i) => i.diverges).map((i) => i.name),
    );
    expect(await rp.getByTestId("average-total").textContent()).toBe(expected.averageTotal);
    await h.screenshot(rp, "expert-side-by-side", { publish: true, fullPage: true });
    await reviewer.adopt("两位专家意见基本一致，采纳平均分");
    expect(await rp.getByTestId("assignment-state").textContent()).toBe("已采纳");
    expect(await rp.getByTestId("decision-text").textContent()).toContain(`采纳得分 ${expected.averageTotal}`);
    expect(errors).toEqual([]);
    await rp.close();
  });

  it("the reviewer is warned that a new project has no 事前绩效评估, fills it and sees core's conclusion", async () => {
    const { page } = await signedInAt(h, "reviewer", { org: UNIT, year: 2024, errors });
    const list = new ProjectList(page);
    await list.open();
    await list.search(NEW_PROJECT);
    await list.openProject(NEW_PROJECT);
    const panel = new ExantePanelModel(page);
    expect(await panel.missingWarning()).toContain("尚未进行事前绩效评估");
    const scores = { necessity: "18", economy: "14", goals: "12", feasibility: "15", compliance: "13" };
    await panel.fill(scores, "方案基本可行，绩效目标需细化");
    const expected = assessExante({ scores });
    expect(await panel.conclusion()).toBe(expected.conclusion);
    expect(await panel.total()).toContain(`${expected.total} / ${expected.fullMarks}（${expected.percent}%）`);
    await h.screenshot(page, "exante-panel", { publish: true });
    // the 事前绩效评估表 downloads with the scores and the conclusion
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("exante-export-docx").click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${NEW_PROJECT}事前绩效评估表.docx`);
    const back = await readDocument(new Uint8Array(readFileSync((await download.path())!)), "exante.docx");
    const text = JSON.stringify(back);
    expect(text).toContain(`评估结论：${expected.conclusion}`);
    expect(text).toContain("方案基本可行，绩效目标需细化");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a new project's approval after its 事前绩效评估: 不予支持 is a clear warning in the confirmation", async () => {
    const { page } = await signedInAt(h, "reviewer", { org: UNIT, year: 2025, errors });
    const list = new ProjectList(page);
    await list.open();
    await list.search(GATE_PROJECT);
    await list.openProject(GATE_PROJECT);
    const panel = new ExantePanelModel(page);
    expect(await panel.missingWarning()).toContain("批准绩效目标前请先评估");
    // 审核通过 is there (the demo's deployment does not require the assessment first: the panel warns)
    const approve = page.getByTestId("wf-approve");
    await approve.waitFor();

    const scores = { necessity: "10", economy: "9", goals: "12", feasibility: "11", compliance: "10" };
    const expected = assessExante({ scores });
    expect(expected.conclusion).toBe("不予支持");
    await panel.fill(scores, "立项依据不足，投入测算缺少依据");
    expect(await panel.conclusion()).toBe("不予支持");
    await page.waitForFunction(
      () => !(document.querySelector('[data-testid="wf-approve"]') as HTMLButtonElement | null)?.disabled,
    );
    await approve.click();
    const notice = page.getByTestId("wf-confirm-exante");
    await notice.waitFor();
    const text = (await notice.textContent()) ?? "";
    expect(text).toContain(`${expected.total} / ${expected.fullMarks} 分，结论「不予支持」`);
    expect(text).toContain("不支持该项目立项");
    expect(await notice.evaluate((el) => el.classList.contains("ant-alert-error"))).toBe(true);
    await h.screenshot(page, "exante-approval-warning", { publish: true });
    await confirmAction(page);
    await page.waitForFunction(
      () => document.querySelector('[data-testid="project-state"]')?.textContent?.includes("审核通过") === true,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the demo's expert scores: both experts side by side with core's average; the 汇总表 downloads", async () => {
    // the demo experts' sheets on 2024年度交通安全宣传 (seed-experts.ts), the inputs of the expected comparison
    const demoSheets = {
      "demo-expert": { complete: "22", relevant: "21", suitable: "13", feasible: "20" },
      "demo-expert2": { complete: "23", relevant: "22", suitable: "20", feasible: "21" },
    };
    const { page } = await signedInAt(h, "reviewer", { org: BUREAU, year: 2024, errors });
    const reviewer = new ExpertsPage(page);
    await reviewer.open();
    await reviewer.openAssignment("2024年度交通安全宣传");
    const rows = await reviewer.comparison();
    const expected = compareSheets(
      FORM,
      Object.entries(demoSheets).map(([expert, scores]) => ({ expert, scores })),
      "20",
    );
    expect(rows.map((r) => r.name)).toEqual(expected.items.map((i) => i.name));
    expect(rows.map((r) => r.average)).toEqual(expected.items.map((i) => i.average));
    expect(rows.filter((r) => r.diverges).map((r) => r.name)).toEqual(
      expected.items.filter((i) => i.diverges).map((i) => i.name),
    );
    expect(await page.getByTestId("average-total").textContent()).toBe(expected.averageTotal);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("assignment-export-xlsx").click(),
    ]);
    expect(download.suggestedFilename()).toBe("2024年度交通安全宣传专家评审意见汇总表.xlsx");
    expect(
      readFileSync((await download.path())!)
        .subarray(0, 2)
        .toString("latin1"),
    ).toBe("PK");
    expect(errors).toEqual([]);
    await page.close();
  });
});
