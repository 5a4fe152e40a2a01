/**
 * Deadlines and the notification centre in Debian's chromium (issue 16 part 6): the demo's bureau set the 目标申报
 * deadline of the current year 2 days after the demo was loaded. The unit's filler opens the notification centre in
 * the header, sees the deadline with its days left and the reminder of it, marks the reminder read (the unread count
 * drops), and finds the deadline on the 时间节点 page.
 */
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, startHarness } from "./harness.ts";
import { NotificationCentre } from "./pages/notifications.ts";
import { signedInAt } from "./pages/session.ts";

const hasChromium = existsSync(CHROMIUM);
const UNIT = "天津市公安交通管理局警务保障处";
/** The year of the demo's 目标申报 deadline (seed-deadlines.ts: this year, within 2025–2026). */
const YEAR = Math.min(Math.max(new Date().getUTCFullYear(), 2025), 2026);

describe.skipIf(!hasChromium)("deadlines and the notification centre", () => {
  let h: Harness;
  const errors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h?.close();
  });

  it("the unit sees an approaching deadline in the notification centre and marks the reminder read", async () => {
    const { page } = await signedInAt(h, "filler", { org: UNIT, year: YEAR, errors });
    const centre = new NotificationCentre(page);
    await centre.open();
    await expect.poll(async () => (await centre.deadlines().textContent()) ?? "").toContain("目标申报");
    expect(await centre.deadlines().textContent()).toContain("剩余2天");
    const reminder = centre.item("deadline", `「${YEAR}年度目标申报」`);
    await reminder.waitFor({ state: "visible" });
    expect(await reminder.textContent()).toContain("剩余2天");
    expect(await reminder.getAttribute("data-read")).toBe("0");
    // what else the unit is told of: the bureau's 要求纠偏 on a record of the 2024 round
    expect(await centre.item("warning", "要求纠偏").count()).toBe(1);
    const before = await centre.unread();
    expect(before).toBeGreaterThan(0);
    await h.screenshot(page, "notifications", { publish: true });

    await centre.markRead(reminder);
    await expect.poll(() => reminder.getAttribute("data-read")).toBe("1");
    await expect.poll(() => centre.unread()).toBe(before - 1);

    // the 时间节点 page lists it with what is still to file
    await page.keyboard.press("Escape");
    await page.getByRole("link", { name: "时间节点" }).click();
    const table = page.getByTestId("deadlines-table");
    await expect.poll(async () => (await table.textContent()) ?? "").toContain("剩余2天");
    expect(await table.textContent()).toContain("天津市公安交通管理局");
    expect(errors).toEqual([]);
    await page.close();
  });
});
