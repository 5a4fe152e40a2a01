/**
 * The bureau's side of in-year monitoring in Debian's chromium, on the demo's 2024 round (1–6月): the reviewer sees
 * the warning list, opens the red record, reads its year-end forecast and sends the unit a demand for 纠偏; the unit's
 * filler finds it in its notifications and on the record, marks it read and updates its expected values; the
 * reviewer, opening the record again, sees the forecast moved and the notice read.
 */
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, startHarness } from "./harness.ts";
import { MonitoringPage } from "./pages/monitoring.ts";
import { signedInAt } from "./pages/session.ts";

const hasChromium = existsSync(CHROMIUM);
const BUREAU = "天津市公安交通管理局";
const UNIT = "天津市公安交通管理局警务保障处";
const RED = "2024年度交通管理信息系统运维";
const NOTICE = "请于 7 月 31 日前报送合同签订进展和下半年支付计划";

describe.skipIf(!hasChromium)("in-year monitoring: the bureau acts on a warning", () => {
  let h: Harness;
  const errors: string[] = [];
  let before = 0;
  let after = 0;

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h?.close();
  });

  it("the reviewer sees the warning list, opens the red record and its forecast, and requires 纠偏", async () => {
    const { page } = await signedInAt(h, "reviewer", { org: BUREAU, year: 2024, errors });
    const m = new MonitoringPage(page);
    await m.open();
    const rows = await m.rows();
    // worst first: the red record leads the list
    expect(rows[0]).toEqual({ project: RED, light: "red" });
    expect(new Set(rows.map((r) => r.light))).toEqual(new Set(["red", "yellow", "green"]));
    const rec = await m.openRecord(RED);
    expect(await rec.light()).toBe("red");
    before = await rec.forecastScore();
    // the demo's earlier demand is there; the reviewer sends another
    expect((await rec.actions()).join("\n")).toContain("要求纠偏");
    await rec.sendAction("要求纠偏", NOTICE);
    expect((await rec.actions())[0]).toContain(NOTICE);
    await h.screenshot(page, "monitoring-bureau-action", { publish: true });
    await page.close();
  });

  it("the unit finds the notice, marks it read and updates its expected values: the forecast moves", async () => {
    const { page } = await signedInAt(h, "filler", { org: UNIT, year: 2024, errors });
    const m = new MonitoringPage(page);
    await m.open();
    await page.getByTestId("notifications").waitFor();
    expect(await page.getByTestId("notice").allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining(NOTICE)]),
    );
    const rec = await m.openRecord(RED);
    await rec.acknowledgeAll();
    expect(await page.getByTestId("action-ack").count()).toBe(0);
    // the contract is signed: the unit now expects the task completed in full
    await rec.fillIndicatorNamed("任务完成率", { forecast: "100%", likelihood: "确定能" });
    await rec.save();
    await expect.poll(() => rec.forecastScore()).toBeGreaterThan(before);
    after = await rec.forecastScore();
    await page.close();
  });

  it("the reviewer opens the record again: the forecast has moved and the notice is read", async () => {
    const { page } = await signedInAt(h, "reviewer", { org: BUREAU, year: 2024, errors });
    const m = new MonitoringPage(page);
    await m.open();
    const rec = await m.openRecord(RED);
    expect(await rec.forecastScore()).toBe(after);
    const actions = await rec.actions();
    expect(actions[0]).toContain(NOTICE);
    expect(actions.every((a) => a.includes("已阅"))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
