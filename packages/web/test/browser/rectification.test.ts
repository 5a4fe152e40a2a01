/**
 * 整改 in Debian's chromium: the bureau's reviewer creates an item for 警务保障处; the unit's filler answers it with
 * the measures taken and an evidence file and submits (confirmed); the reviewer returns it with a comment; the unit
 * answers again and submits; the reviewer accepts it. The item's history then shows every step, and the list counts
 * it as 已验收.
 */
import { existsSync } from "node:fs";
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
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  it("reviewer creates → unit answers → reviewer returns → unit answers → accepted", async () => {
    const reviewer = await signedInAt(h, "reviewer", { org: BUREAU, year: 2024, errors, timeout: 60_000 });
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

    const filler = await signedInAt(h, "filler", { org: UNIT, year: 2024, errors, timeout: 60_000 });
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
    const { page } = await signedInAt(h, "reviewer", { org: BUREAU, year: 2024, errors, timeout: 60_000 });
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
});
