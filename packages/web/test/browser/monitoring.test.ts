/**
 * In-year monitoring in Debian's chromium: the bureau's reviewer opens a 1–3月 round for its subtree (the demo has its
 * 1–6月 one already) and sees the warning list with a light per project; the unit's filler, on the latest round (the
 * demo's 1–6月), opens a record, types a forecast short of its target with
 * 有可能, is told a cause and 纠偏 are needed, gives them and the expected full-year execution, sees the forecast
 * score with the indicator that pulls it down, and submits.
 */
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, startHarness } from "./harness.ts";
import { MonitoringPage } from "./pages/monitoring.ts";
import { signedInAt } from "./pages/session.ts";

const hasChromium = existsSync(CHROMIUM);
const BUREAU = "天津市公安交通管理局";
const UNIT = "天津市公安交通管理局警务保障处";
const PROJECT = "2024年度交通安全宣传";

describe.skipIf(!hasChromium)("in-year monitoring", () => {
  let h: Harness;
  const errors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h?.close();
  });

  it("the reviewer opens a round and sees a light for every project of the subtree", async () => {
    const { page } = await signedInAt(h, "reviewer", { org: BUREAU, year: 2024, errors });
    const m = new MonitoringPage(page);
    await m.open();
    await m.openRound(3, "2024-04-15");
    expect(await page.getByTestId("round-summary").textContent()).toContain("时间进度 25.00%");
    const rows = await m.rows();
    expect(rows.map((r) => r.project)).toContain(PROJECT);
    for (const r of rows) expect(["green", "yellow", "red"]).toContain(r.light);
    await h.screenshot(page, "monitoring-warnings", { publish: true });
    await page.close();
  });

  it("the unit fills a record with a missed indicator, gives the cause and 纠偏, sees the forecast and submits", async () => {
    const { page } = await signedInAt(h, "filler", { org: UNIT, year: 2024, errors });
    const m = new MonitoringPage(page);
    await m.open();
    const rec = await m.openRecord(PROJECT);
    // ≥95% expected to reach only 90%, and only possibly: yellow, and submission asks for the cause and measures
    await rec.fillIndicator({ progress: "45%", forecast: "90%", likelihood: "有可能" });
    await rec.fillExecution({ projected: "120000.00" });
    await rec.save();
    expect(await rec.light()).toBe("yellow");
    const problems = (await rec.problems()).join("\n");
    expect(problems).toContain("应选择偏差原因");
    expect(problems).toContain("应填写纠偏措施");
    // the forecast names what pulls it down: the indicator short of its target, and the scheme's 效益 group that
    // the project has no indicator for
    await expect
      .poll(async () => (await rec.forecastReasons()).join("\n"))
      .toContain("「任务完成率」：年度指标值 ≥95%，全年预计 90%");
    expect((await rec.forecastReasons()).join("\n")).toContain("没有「效益指标」的指标");

    await rec.fillIndicator({ category: "人员保障", measures: "增派宣传人员，下半年加密宣传场次" });
    await rec.save();
    expect(await rec.problems()).toEqual([]);
    await h.screenshot(page, "monitoring-record", { publish: true });
    await rec.submit();
    await expect.poll(() => rec.state()).toBe("submitted");
    expect(errors).toEqual([]);
    await page.close();
  });
});
