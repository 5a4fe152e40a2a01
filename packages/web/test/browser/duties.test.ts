/**
 * The duties → activities editor in Debian's chromium: a filler adds a duty and an activity with its budget and
 * an indicator with four-tier standards, sees core flag the overlapping tiers, fixes them, saves, reloads and
 * finds it all saved; a viewer sees the same tree with no edit control.
 */
import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, startHarness } from "./harness.ts";
import { DutiesPage } from "./pages/duties.ts";
import { signedInAt } from "./pages/session.ts";
import type { Shell } from "./pages/shell.ts";

const hasChromium = existsSync(CHROMIUM);
const UNIT = "天津市公安交通管理局警务保障处";

describe.skipIf(!hasChromium)("duties → activities editor", () => {
  let h: Harness;
  const errors: string[] = [];

  async function as(role: "filler" | "viewer"): Promise<{ page: Page; shell: Shell; duties: DutiesPage }> {
    const { page, shell } = await signedInAt(h, role, { org: UNIT, year: 2024, errors });
    const duties = new DutiesPage(page);
    await duties.open();
    return { page, shell, duties };
  }

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h?.close();
  });

  it("a filler edits an activity's budget and four-tier standards, sees an overlap flagged, fixes it and saves", async () => {
    const { page, duties } = await as("filler");
    await duties.addDuty("道路交通管理", "349");
    await duties.addActivity();
    await duties.fill("activity-name", "道路交通秩序管理");
    await duties.fill("activity-budget", "300");
    // 349 stated, 300 in the activities: the difference is shown in 万元 and 元 as the user types.
    await expect.poll(() => duties.sumCheck().textContent()).toContain("相差 49.00 万元（490,000.00 元）");
    // the typed budget in the check as every amount is shown: 2 decimals (issue 13 #8)
    expect(await duties.sumCheck().textContent()).toContain("职责预算 349.00 万元，工作活动合计 300.00 万元");
    await duties.fill("activity-budget", "349.00");
    await expect.poll(() => duties.sumCheck().textContent()).toContain("相符");
    await duties.fill("activity-goal", "维护全县良好的道路交通秩序，缓解城市交通拥堵");

    await page.getByTestId("add-indicator").click();
    await duties.fill("ind-0-name", "常发拥堵路段数降低率");
    await duties.fill("ind-0-target", "10%以上");
    expect(await page.getByTestId("target-reading-0").textContent()).toBe("≥10%");
    await duties.fillTiers(0, ["95%以上", "90%-96%", "85%-90%", "85%以下"]);
    // Core reads 优 as ≥95% and 良 as [90%, 96%]: they overlap on [95%, 96%].
    await duties.tierProblem(0, "overlap").waitFor();
    expect(await duties.tierProblem(0, "overlap").textContent()).toContain("重叠");
    expect(await page.getByTestId("reading-0-良").textContent()).toBe("[90%, 96%]");
    await page.getByTestId("try-0").fill("92%");
    expect(await page.getByTestId("tier-of-0").textContent()).toBe("良");
    await h.screenshot(page, "duties-editing", { publish: true, fullPage: true });

    await duties.fill("ind-0-良", "90%-95%");
    await duties.tierProblem(0, "overlap").waitFor({ state: "detached" });
    expect(await page.getByTestId("tier-problems-0").textContent()).not.toContain("重叠");

    // Two more indicators pasted from Excel into the first one's name cell, below it: rows are added.
    await page.getByTestId("add-indicator").click();
    await duties.paste(
      "ind-1-name",
      "交通拥堵持续时间减低率\t\t95%以上\t90%以上\t85%以上\t85%以下\n占位指标\t\t**\t**\t**\t**\n",
    );
    expect(await duties.field("ind-2-name").inputValue()).toBe("占位指标");
    expect(await page.getByTestId("reading-1-良").textContent()).toBe("≥90%");
    await duties.tierProblem(2, "placeholder").first().waitFor();
    await duties.save();

    await page.reload();
    await page.getByTestId("duties-page").waitFor();
    await duties.selectActivity("道路交通秩序管理");
    expect(await duties.field("activity-budget").inputValue()).toBe("349.00");
    expect(await duties.field("activity-goal").inputValue()).toBe("维护全县良好的道路交通秩序，缓解城市交通拥堵");
    expect(await duties.field("ind-0-name").inputValue()).toBe("常发拥堵路段数降低率");
    expect(await duties.field("ind-0-良").inputValue()).toBe("90%-95%");
    expect(await duties.field("ind-0-差").inputValue()).toBe("85%以下");
    expect(await duties.tierProblem(0, "overlap").count()).toBe(0);
    expect(await duties.field("ind-1-优").inputValue()).toBe("95%以上");
    expect(await duties.tierProblem(2, "placeholder").count()).toBe(4);
    await duties.selectDuty("道路交通管理");
    expect(await duties.field("duty-budget").inputValue()).toBe("349.00");
    // The stored duty's automatic review is shown beside it.
    await page.getByTestId("findings-summary").waitFor();
    expect(await duties.sumCheck().textContent()).toContain("相符");
    await page.close();
  });

  it("a stale save shows the duty as it is now, and applying again keeps the other filler's change", async () => {
    const a = await as("filler");
    const b = await as("filler");
    await a.duties.selectDuty("道路交通管理");
    // B changes the activity's content and saves first.
    await b.duties.selectActivity("道路交通秩序管理");
    await b.duties.fill("activity-content", "实施新型城镇化建设畅通工程");
    await b.duties.save();
    // A, still on the version read before, renames the duty: the server answers 409 with the current duty.
    await a.duties.fill("duty-name", "道路交通管理与秩序");
    await a.page.getByTestId("save-duty").click();
    const conflict = a.page.getByTestId("duty-conflict");
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain("道路交通管理");
    await h.screenshot(a.page, "duties-conflict", { publish: true });
    await a.page.locator("#conflict-reapply").click();
    await conflict.waitFor({ state: "detached" });
    await a.page.getByTestId("unsaved").waitFor({ state: "detached" });

    await a.page.reload();
    await a.page.getByTestId("duties-page").waitFor();
    await a.duties.selectDuty("道路交通管理与秩序");
    expect(await a.duties.field("duty-name").inputValue()).toBe("道路交通管理与秩序");
    await a.duties.selectActivity("道路交通秩序管理");
    expect(await a.duties.field("activity-content").inputValue()).toBe("实施新型城镇化建设畅通工程");
    expect(await a.duties.field("ind-0-良").inputValue()).toBe("90%-95%");
    await a.page.close();
    await b.page.close();
  });

  it("unsaved typing survives a reload, and undoing it brings back what is saved", async () => {
    const { page, duties } = await as("filler");
    await duties.selectActivity("道路交通秩序管理");
    await duties.fill("activity-content", "草稿：尚未保存的内容");
    await page.reload();
    await page.getByTestId("duties-page").waitFor();
    await duties.selectActivity("道路交通秩序管理");
    expect(await duties.field("activity-content").inputValue()).toBe("草稿：尚未保存的内容");
    await page.getByTestId("unsaved").waitFor();
    await page.getByTestId("undo-duty").click();
    await page.getByTestId("unsaved").waitFor({ state: "detached" });
    expect(await duties.field("activity-content").inputValue()).toBe("实施新型城镇化建设畅通工程");
    await page.reload();
    await page.getByTestId("duties-page").waitFor();
    await duties.selectActivity("道路交通秩序管理");
    expect(await duties.field("activity-content").inputValue()).toBe("实施新型城镇化建设畅通工程");
    await page.close();
  });

  it("adds a second duty, moves it above the first, and deletes it", async () => {
    const { page, duties } = await as("filler");
    const names = () => page.getByTestId("duty-node").locator("strong").allTextContents();
    await duties.addDuty("车辆和驾驶人管理", "120.5");
    await expect.poll(names).toEqual(["道路交通管理与秩序", "车辆和驾驶人管理"]);
    await page.getByTestId("duty-up").click();
    await expect.poll(names).toEqual(["车辆和驾驶人管理", "道路交通管理与秩序"]);
    await page.reload();
    await page.getByTestId("duties-page").waitFor();
    await expect.poll(names).toEqual(["车辆和驾驶人管理", "道路交通管理与秩序"]);
    await duties.selectDuty("车辆和驾驶人管理");
    expect(await duties.field("duty-budget").inputValue()).toBe("120.50");
    await page.getByTestId("delete-duty").click();
    await page.locator("#delete-duty-confirm").click();
    await expect.poll(names).toEqual(["道路交通管理与秩序"]);
    await page.close();
  });

  it("a viewer sees the saved tree and its reading, and no edit control", async () => {
    const { page, duties } = await as("viewer");
    await duties.selectActivity("道路交通秩序管理");
    expect(await duties.field("activity-budget").textContent()).toBe("349.00");
    expect(await duties.field("ind-0-良").textContent()).toBe("90%-95%");
    expect(await page.getByTestId("reading-0-优").textContent()).toBe("≥95%");
    expect(await duties.editControls().count()).toBe(0);
    await h.screenshot(page, "duties-viewer", { publish: true });
    await page.close();
  });

  it("once the year is closed, the filler reads the duties with no edit control", async () => {
    // The system administrator closes 2024 (through the API, as the administration page does).
    const admin = await h.newPage();
    const sysadmin = h.accounts.sysadmin!;
    const login = await admin.request.post("/api/v1/auth/login", {
      data: { username: sysadmin.username, password: sysadmin.password },
    });
    expect(login.status()).toBe(200);
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    const years = (await (await admin.request.get("/api/v1/years")).json()) as {
      items: { year: number; version: number }[];
    };
    const y2024 = years.items.find((y) => y.year === 2024)!;
    const closed = await admin.request.patch("/api/v1/years/2024", {
      data: { status: "closed", version: y2024.version },
      headers: { "X-CSRF-Token": csrf },
    });
    expect(closed.status()).toBe(200);
    await admin.close();

    const { page, duties } = await as("filler");
    await page.getByTestId("year-closed").waitFor();
    await duties.selectActivity("道路交通秩序管理");
    expect(await duties.field("activity-budget").textContent()).toBe("349.00");
    expect(await duties.editControls().count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
