/**
 * Department-overall goals in Debian's chromium: a filler starts the unit's goals for the year, writes the annual
 * goal, types indicators into the project grid, saves, reloads and finds them, and submits (the state follows);
 * a viewer reads the list and the goal with no edit control.
 */
import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, startHarness } from "./harness.ts";
import { GoalsList } from "./pages/goals.ts";
import { signedInAt } from "./pages/session.ts";

const hasChromium = existsSync(CHROMIUM);
const UNIT = "天津市公安交通管理局警务保障处";
const ANNUAL = "保障全局交通管理警务工作正常运转，提升队伍专业化水平。";

describe.skipIf(!hasChromium)("department-overall goals", () => {
  let h: Harness;
  const errors: string[] = [];

  async function as(role: "filler" | "viewer"): Promise<{ page: Page; list: GoalsList }> {
    const { page } = await signedInAt(h, role, { org: UNIT, year: 2026, errors });
    const list = new GoalsList(page);
    await list.open();
    return { page, list };
  }

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h?.close();
  });

  it("a filler writes the goals and their indicators, saves, reloads, and submits", async () => {
    const { page, list } = await as("filler");
    const goal = await list.openOrCreate(UNIT);
    expect(await goal.state()).toBe("draft");
    await goal.writeAnnualGoal(ANNUAL);

    await goal.choose(0, "level1", "产出指标");
    await goal.choose(0, "level2", "数量指标");
    await goal.typeInto(0, "name", "组织培训人数");
    await goal.typeInto(0, "targetText", "≥100人");
    await goal.typeInto(0, "weight", "20");
    await goal.saveIndicators();
    await h.screenshot(page, "goal-editing", { publish: true });

    await page.reload();
    await goal.ready();
    expect(await page.getByTestId("goal-annualGoal").inputValue()).toBe(ANNUAL);
    expect(await goal.cell(0, "name").textContent()).toBe("组织培训人数");
    expect(await goal.cell(0, "targetText").textContent()).toBe("≥100人");

    await goal.submit();
    await expect.poll(() => goal.state()).toBe("submitted");
    // Submitted: nothing is editable any more for the filler.
    expect(await goal.editControls().count()).toBe(0);
    await page.close();
  });

  it("a viewer sees the goal in the list with its state, and no edit control on its page", async () => {
    const { page, list } = await as("viewer");
    expect(await page.getByTestId("create-goal").count()).toBe(0);
    await page.getByTestId("goal-link").filter({ hasText: UNIT }).first().waitFor();
    await h.screenshot(page, "goals", { publish: true });
    const goal = await list.openOrCreate(UNIT);
    expect(await page.getByTestId("goal-annualGoal").textContent()).toBe(ANNUAL);
    expect(await goal.cell(0, "name").textContent()).toBe("组织培训人数");
    expect(await goal.editControls().count()).toBe(0);
    expect(await page.locator('[data-testid^="wf-"][data-testid$="approve"], [data-testid="wf-return"]').count()).toBe(
      0,
    );
    await h.screenshot(page, "goal-viewer", { publish: true });

    // In English: the menu, the list and the goal's page speak English.
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("menuitem", { name: "Overall goals" }).click();
    await page.getByTestId("goals-page").waitFor();
    expect(await page.getByTestId("goals-page").textContent()).toContain("Department-overall goals · 2026");
    await list.openOrCreate(UNIT);
    expect(await page.getByTestId("goal-page").textContent()).toContain("Annual goal");
    expect(await page.getByTestId("goal-page").textContent()).toContain("Mid-term goal");
    expect(errors).toEqual([]);
  });
});
