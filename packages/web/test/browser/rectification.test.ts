/**
 * 整改 in Debian's chromium: the bureau's reviewer creates an item for 警务保障处; the unit's filler answers it with
 * the measures taken and an evidence file and submits (confirmed); the reviewer returns it with a comment; the unit
 * answers again and submits; the reviewer accepts it. The item's history then shows every step, and the list counts
 * it as 已验收. The reviewer also starts items from a self-evaluation's page (发起整改: core's proposals for the missed
 * indicator and the grade), and the unit's filler finds the overdue item in the to-do bell and on the dashboard.
 * The demo's list shows an item in each state, and the 整改情况报告 downloads as xlsx, docx and PDF with its Chinese name.
 */
import { existsSync, readFileSync } from "node:fs";
import { RECTIFICATION_STATES } from "@jixiao/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, startHarness } from "./harness.ts";
import { MonitoringPage } from "./pages/monitoring.ts";
import { RectificationItemPage, RectificationPage } from "./pages/rectification.ts";
import { signedInAt } from "./pages/session.ts";

const hasChromium = existsSync(CHROMIUM);
const BUREAU = "天津市公安交通管理局";
const UNIT = "天津市公安交通管理局警务保障处";
const PROBLEM = "执法记录仪配备数量未达到年度指标（旅程）";

describe.skipIf(!hasChromium)("rectification journey", () => {
  let h: Harness;
  const errors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h?.close();
  });

  it("reviewer creates → unit answers → reviewer returns → unit answers → accepted", async () => {
    const reviewer = await signedInAt(h, "reviewer", { org: BUREAU, year: 2024, errors });
    const list = new RectificationPage(reviewer.page);
    await list.open();
    await list.create({
      unit: UNIT,
      problem: PROBLEM,
      required: "补充采购执法记录仪并报送配备清单",
      deadline: "2027-06-30",
    });
    const reviewerItem = await list.openItem(PROBLEM);
    expect(await reviewerItem.state()).toBe("pending");
    const url = reviewer.page.url();

    const filler = await signedInAt(h, "filler", { org: UNIT, year: 2024, errors });
    const unitList = new RectificationPage(filler.page);
    await unitList.open();
    const unitItem = await unitList.openItem(PROBLEM);
    await unitItem.answer("已追加采购执法记录仪 40 台。");
    await unitItem.attach("执法记录仪配备清单.txt", "执法记录仪配备清单：新增 40 台，合计 100 台。");
    expect(await unitItem.submit()).toContain("佐证材料（1 个）");

    await reviewer.page.goto(url);
    await reviewerItem.ready();
    await reviewerItem.waitForState("submitted");
    await reviewerItem.giveBack("请补充验收单。");

    await filler.page.reload();
    await unitItem.ready();
    await unitItem.waitForState("returned");
    expect(await filler.page.getByTestId("rect-review-comment").textContent()).toBe("请补充验收单。");
    await unitItem.answer("已追加采购执法记录仪 40 台，验收单已上传。");
    await unitItem.attach("验收单.txt", "执法记录仪 40 台验收合格。");
    await unitItem.submit();

    await reviewer.page.goto(url);
    const again = new RectificationItemPage(reviewer.page);
    await again.ready();
    await again.waitForState("submitted");
    await again.accept();
    const history = await again.history();
    expect(history).toHaveLength(7);
    expect(history.join("\n")).toContain("退回整改 → 退回：请补充验收单。");
    expect(history.at(-1)).toContain("验收通过 → 已验收");
    await h.screenshot(reviewer.page, "rectification-item", { publish: true });

    await list.open();
    await reviewer.page.getByTestId("rect-link").filter({ hasText: PROBLEM }).first().waitFor();
    await h.screenshot(reviewer.page, "rectification-list", { publish: true });
    expect(errors).toEqual([]);
    await reviewer.page.close();
    await filler.page.close();
  });

  it("the reviewer starts an item from a monitoring record's red light (发起整改), prefilled from the record", async () => {
    const { page } = await signedInAt(h, "reviewer", { org: BUREAU, year: 2024, errors });
    const m = new MonitoringPage(page);
    await m.open();
    await m.openRecord("2024年度交通管理信息系统运维");
    await page.getByTestId("rectify-link").click();
    const form = page.getByTestId("rect-create-form");
    await form.waitFor();
    expect(await page.getByTestId("rect-from-record").textContent()).toContain("绩效运行监控表");
    const problem = await form.getByTestId("rect-problem").inputValue();
    expect(problem.startsWith("2024年度交通管理信息系统运维：")).toBe(true);
    await form.getByTestId("rect-required").fill("三季度末执行率不低于 70%");
    await page.locator("#rect-create").click();
    await form.waitFor({ state: "hidden" });
    const list = new RectificationPage(page);
    const item = await list.openItem(problem.slice(0, 30));
    expect(await item.state()).toBe("pending");
    expect(await page.getByTestId("rect-source-link").getAttribute("href")).toMatch(/^\/monitoring\/records\//);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("发起整改 from a self-evaluation's shortfalls; the overdue item in the filler's to-do bell and on the dashboard", async () => {
    const { page } = await signedInAt(h, "reviewer", { org: UNIT, year: 2024, errors });
    await page.getByRole("menuitem", { name: /自评|Self-evaluation/ }).click();
    await page.getByTestId("se-link").filter({ hasText: "2024年度交通管理信息系统运维" }).first().click();
    await page.getByTestId("se-state").waitFor();
    await page.getByTestId("rectify-evaluation").click();
    const card = page.getByTestId("rect-from-evaluation");
    await card.waitFor();
    // each proposal is a checkbox with its problem as the label
    const proposals = card.locator(".ant-checkbox-wrapper");
    await proposals.first().waitFor();
    const texts = await proposals.allTextContents();
    // core's proposals from the stored score, as the server gives them: a missed indicator among them
    const evaluationId = page.url().split("/self-evaluation/")[1]!.split(/[?#]/)[0]!;
    const expected = await page.evaluate(async (id) => {
      const r = await fetch(`/api/v1/rectification/evaluations/${id}/proposals`);
      return ((await r.json()) as { proposals: { problem: string; shortfall: string }[] }).proposals;
    }, evaluationId);
    expect(expected.some((p) => p.shortfall === "missed_target")).toBe(true);
    expect(texts).toHaveLength(expected.length);
    for (const p of expected) expect(texts.some((x) => x.includes(p.problem))).toBe(true);
    const missed = expected.find((p) => p.shortfall === "missed_target")!.problem;
    await card.getByTestId("rect-evaluation-deadline").fill("2027-03-31");
    await card.getByTestId("rect-evaluation-create").click();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="rect-from-evaluation"] .ant-checkbox-wrapper')].every((el) =>
        el.textContent?.includes("已生成"),
      ),
    );
    await h.screenshot(page, "rectify-from-evaluation", { publish: true });
    await page.getByTestId("rectify-evaluation-list").click();
    await page
      .getByTestId("rect-link")
      .filter({ hasText: missed.slice(0, 20) })
      .first()
      .waitFor();
    await page.close();

    // the filler: the overdue item (an expert's opinion a week late) in the bell's tooltip and on the dashboard
    const filler = await signedInAt(h, "filler", { org: UNIT, year: 2024, errors });
    const fp = filler.page;
    await fp.waitForFunction(() => {
      const years = document.querySelector('[data-testid="todo-badge"]')?.getAttribute("data-todo-years");
      return !!years && JSON.parse(years)["2024"] > 0;
    });
    await fp.getByTestId("todo-badge").hover();
    const line = fp.getByTestId("todo-rectification-2024");
    await line.waitFor();
    expect(await line.textContent()).toMatch(/整改 \d+（逾期 1）/);
    // the bell leads to the overdue items first
    await fp.getByTestId("todo-badge").locator("button").click();
    await fp.waitForURL(/\/rectification\?overdue=1/);
    await fp
      .getByRole("menuitem", { name: /首页|工作台|Dashboard/ })
      .first()
      .click();
    const late = fp.getByTestId("rect-card-late-item");
    await late.first().waitFor();
    expect(await late.count()).toBe(1);
    expect(await late.first().textContent()).toMatch(/逾期 \d+ 天/);
    await h.screenshot(fp, "rectification-overdue-dashboard", { publish: true });
    expect(errors).toEqual([]);
    await fp.close();
  });

  it("the demo's list shows an item in each state; the 整改情况报告 downloads as xlsx, docx and PDF", async () => {
    const { page } = await signedInAt(h, "reviewer", { org: UNIT, year: 2024, errors });
    const list = new RectificationPage(page);
    await list.open();
    for (const state of RECTIFICATION_STATES) {
      await page.locator(`[data-testid="rect-link"]`).first().waitFor();
      expect(
        await page.locator(`[data-testid="rect-state"][data-state="${state}"]`).count(),
        `an item in state ${state}`,
      ).toBeGreaterThan(0);
    }
    const magic = { xlsx: "PK", docx: "PK", pdf: "%PDF" } as const;
    for (const format of ["xlsx", "docx", "pdf"] as const) {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByTestId(`rect-report-${format}`).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`${UNIT}2024年度整改情况报告.${format}`);
      const bytes = readFileSync((await download.path())!);
      expect(bytes.subarray(0, magic[format].length).toString("latin1")).toBe(magic[format]);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
