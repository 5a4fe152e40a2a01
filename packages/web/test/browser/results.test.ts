/**
 * 结果应用 and the cross-year trends in Debian's chromium (issue 17 points 2 and 4), on the demo: the filler opens
 * the 2025 continuation of 2024's 交通管理信息系统运维 and sees its recommendation (压减, 整改 required, the
 * reasons with last year's execution); the budget page of 2025 lists it; the bureau's reviewer sees the 结果应用情况
 * of its units (downloaded as xlsx) and the reviewer's list, raises the cut for 差 in the rules (saved, the server answers 200), and the
 * dashboard draws the trends per unit over the years.
 */
import { existsSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, startHarness } from "./harness.ts";
import { ProjectList } from "./pages/projects.ts";
import { RecommendationCard, ResultsPage } from "./pages/results.ts";
import { signedInAt } from "./pages/session.ts";

const hasChromium = existsSync(CHROMIUM);
const UNIT = "天津市公安交通管理局警务保障处";
const BUREAU = "天津市公安交通管理局";
/** The demo's 2025 project linked by name to 2024's evaluated 交通管理信息系统运维 (seed-results.ts). */
const CONTINUING = "2025年度交通管理信息系统运维";

interface Rec {
  project: { name: string };
  action: string | null;
  actionLabel: { zh: string } | null;
  cutPercent: string | null;
  evaluation: { executionRate: string | null } | null;
  reasons: { zh: string }[];
}

describe.skipIf(!hasChromium)("results into the budget and the trends", () => {
  let h: Harness;
  const errors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h?.close();
    expect(errors).toEqual([]);
  });

  it("shows the recommendation on the next year's project page and on the budget page", async () => {
    const { page } = await signedInAt(h, "filler", { org: UNIT, year: 2025, errors });
    const list = new ProjectList(page);
    await list.open();
    const answer = page.waitForResponse((r) => r.url().includes("/results/recommendations") && r.ok());
    await list.openProject(CONTINUING);
    const body = (await (await answer).json()) as { items: Rec[] };
    const rec = body.items[0]!;
    expect(rec.project.name).toBe(CONTINUING);
    const card = new RecommendationCard(page);
    expect(await card.action()).toBe(`${rec.actionLabel!.zh} ${rec.cutPercent}%`);
    const text = await card.text();
    expect(text).toContain("须整改");
    expect(text).toContain(`${rec.evaluation!.executionRate}%`);
    for (const reason of rec.reasons) expect(text).toContain(reason.zh);
    await page.getByTestId("recommendation-card").scrollIntoViewIfNeeded();
    await h.screenshot(page, "results-project-recommendation", { publish: true });

    await page
      .getByRole("menuitem", { name: /预算|Budget/ })
      .first()
      .click();
    const budget = page.getByTestId("budget-recommendations");
    await budget.getByTestId("recommendation-project").filter({ hasText: CONTINUING }).waitFor();
    await expect.poll(() => budget.textContent()).toContain(rec.actionLabel!.zh);
    await page.close();
  });

  it("gives the bureau's reviewer the 结果应用情况, the list, and the rules to change", async () => {
    const { page } = await signedInAt(h, "reviewer", { org: BUREAU, year: 2025, errors });
    const results = new ResultsPage(page);
    const summary = page.waitForResponse((r) => r.url().includes("/results/summary?") && r.ok());
    await results.open();
    const s = (await (await summary).json()) as {
      units: { orgName: string; projects: number; actions: Record<string, number> }[];
    };
    const unit = s.units.find((u) => u.orgName === UNIT)!;
    const row = await results.unitRow(UNIT);
    expect(row).toContain(String(unit.projects));
    expect(await results.recommendationOf(CONTINUING)).toContain("压减");
    await h.screenshot(page, "results-summary", { publish: true });
    // the 结果应用情况表 downloads as xlsx with its Chinese name
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("results-export").click()]);
    expect(download.suggestedFilename()).toBe(`${BUREAU}2025年度预算绩效评价结果应用情况表.xlsx`);
    expect(
      readFileSync((await download.path())!)
        .subarray(0, 2)
        .toString("latin1"),
    ).toBe("PK");

    // the reviewer's project list has the recommendation beside the project
    const list = new ProjectList(page);
    await list.open();
    await list.search("交通管理信息系统运维");
    // the search has applied once the list holds only that project (the demo's other 2025 projects come first before)
    await page.waitForFunction((name) => {
      const links = [...document.querySelectorAll('[data-testid="project-link"]')];
      return links.length > 0 && links.every((l) => l.textContent === name);
    }, CONTINUING);
    const tag = page.getByTestId("project-list").getByTestId("recommendation-action").first();
    await tag.waitFor();
    expect(await tag.textContent()).toContain("压减");
    expect(await page.getByTestId("project-link").first().textContent()).toBe(CONTINUING);

    await results.open();
    await results.openRules();
    expect(await page.getByTestId("rules-source").textContent()).toBe("本单位设置");
    await results.setGradeCut("差", "40");
    // a grade is added (the next name the schemes use: 合格) and removed again; a blank one is caught as typed
    await page.getByTestId("grade-add").click();
    const added = page.locator('input[data-testid="grade-name-4"], [data-testid="grade-name-4"] input');
    expect(await added.first().inputValue()).toBe("合格");
    await added.first().fill("");
    await page.getByTestId("rules-problem").waitFor();
    expect(await page.getByTestId("rules-problem").textContent()).toContain("等级不能为空");
    expect(await page.getByTestId("rules-save").isDisabled()).toBe(true);
    await page.getByTestId("grade-remove-4").click();
    await page.getByTestId("rules-problem").waitFor({ state: "detached" });
    expect(await results.save()).toBe(200);
    await page.getByText("规则已保存").waitFor();
    await h.screenshot(page, "results-rules", { publish: true });
    await page.close();
  });

  it("draws the cross-year trends on the dashboard", async () => {
    const { page } = await signedInAt(h, "reviewer", { org: BUREAU, year: 2025, errors });
    // signed in on the dashboard already: away and back, to read what the page asks for
    await page.getByRole("menuitem", { name: /结果应用|Using the results/ }).click();
    await page.getByTestId("results-page").waitFor();
    const trends = page.waitForResponse((r) => r.url().includes("/rollups/trends") && r.ok());
    await page.getByRole("menuitem", { name: /工作台|Dashboard/ }).click();
    const t = (await (await trends).json()) as {
      grades: string[];
      total: { year: number; evaluations: number; meanScore: string | null }[];
      units: { orgName: string; points: { year: number; evaluations: number; grades: Record<string, number> }[] }[];
    };
    const scored = t.total.filter((p) => p.evaluations > 0);
    expect(scored.length).toBeGreaterThan(0);
    await page.getByTestId("chart-trends").locator("canvas").waitFor();
    const points = await page.getByTestId("trend-points").textContent();
    for (const p of scored) expect(points).toContain(`${p.year}年：自评 ${p.evaluations} 个，平均 ${p.meanScore}`);
    // the grade counts of each unit in each year with evaluations, as the roll-up gives them
    const table = page.getByTestId("trend-grades");
    const units = t.units.filter((u) => u.points.some((p) => p.evaluations > 0));
    expect(units.length).toBeGreaterThan(0);
    for (const u of units) {
      const row = table
        .locator("tr.ant-table-row")
        .filter({ has: page.getByRole("cell", { name: u.orgName, exact: true }) });
      for (const p of scored) {
        const grades = u.points.find((x) => x.year === p.year)!.grades;
        const want =
          t.grades
            .filter((g) => grades[g]! > 0)
            .map((g) => `${g} ${grades[g]}`)
            .join(" · ") || "—";
        expect(await row.getByTestId(`trend-grades-${p.year}`).textContent()).toBe(want);
      }
    }
    await page.getByTestId("trend-card").scrollIntoViewIfNeeded();
    // the chart's lines are drawn once its animation ends
    await page.waitForFunction(() => {
      const c = document.querySelector('[data-testid="chart-trends"] canvas') as HTMLCanvasElement | null;
      return !!c && c.width > 0;
    });
    await page.locator('[data-testid="chart-trends"][data-drawn="true"]').waitFor();
    await h.screenshot(page, "dashboard-trends", { publish: true });
    await page.close();
  });
});
