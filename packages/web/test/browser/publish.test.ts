/**
 * 信息公开 from a record's page in a real browser: the reviewer publishes the demo's approved project, the public
 * site (no sign-in) shows it, the reviewer withdraws it with a reason and the public site no longer has it; a
 * filler sees whether it is public but has no button to publish or withdraw.
 */
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, startHarness } from "./harness.ts";
import { ProjectList } from "./pages/projects.ts";
import { signedInAt } from "./pages/session.ts";
import { confirmAction } from "./pages/workflow.ts";

const hasChromium = existsSync(CHROMIUM);
const UNIT = "天津市公安交通管理局警务保障处";
const APPROVED = "2024年度警用车辆维护";

describe.skipIf(!hasChromium)("publishing from the record's page", () => {
  let h: Harness;
  const errors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("the reviewer publishes the approved project, the public site shows it, the withdrawal takes it away", async () => {
    expect(h.server, "the real server (publishing freezes a snapshot there)").toBe("real");
    const { page } = await signedInAt(h, "reviewer", { org: UNIT, year: 2024, errors });
    const list = new ProjectList(page);
    await list.open();
    await list.openProject(APPROVED);
    await page.getByTestId("publish").click();
    await confirmAction(page, "publish-confirm");
    await page.getByTestId("published").waitFor();
    const href = await page.getByTestId("public-link").getAttribute("href");
    expect(href).toMatch(/^\/public\/[0-9a-f-]{36}$/);
    await h.screenshot(page, "publish-project", { publish: true });

    // The public page needs no sign-in: a fresh context without the session cookie.
    const visitor = await h.newPage();
    const shown = await visitor.goto(new URL(href!, h.url).toString());
    expect(shown?.status()).toBe(200);
    expect(await visitor.locator("h1").textContent()).toContain(APPROVED);
    await visitor.goto(new URL("/public", h.url).toString());
    expect(await visitor.locator("body").textContent()).toContain(APPROVED);

    // A filler sees that it is public, and no button to change that.
    const filler = await signedInAt(h, "filler", { org: UNIT, year: 2024, errors });
    const fl = new ProjectList(filler.page);
    await fl.open();
    await fl.openProject(APPROVED);
    await filler.page.getByTestId("published").waitFor();
    expect(await filler.page.getByTestId("publish").count()).toBe(0);
    expect(await filler.page.getByTestId("withdraw").count()).toBe(0);

    await page.getByTestId("withdraw").click();
    expect(await page.locator("#withdraw-confirm").isDisabled()).toBe(true);
    await page.getByTestId("withdraw-reason").fill("公开内容需补充资金来源说明");
    await page.locator("#withdraw-confirm").click();
    await page.getByTestId("publish").waitFor();
    expect(await page.getByTestId("published").count()).toBe(0);

    const gone = await visitor.goto(new URL(href!, h.url).toString());
    expect(gone?.status()).toBe(404);
    await visitor.goto(new URL("/public", h.url).toString());
    expect(await visitor.locator("body").textContent()).not.toContain(APPROVED);
    expect(errors).toEqual([]);
  });
});
