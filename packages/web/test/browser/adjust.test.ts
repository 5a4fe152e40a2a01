/**
 * 预算调整 in a real browser: the filler adjusts the demo's approved project — a confirmation, then the new draft
 * revision opens, editable and showing its revision and the approved one it adjusts; the filler changes an
 * indicator's target and submits. The approved revision is still approved and unchanged (read through the API)
 * and names its adjustment; a second 调整 from a page opened before is refused with the server's message and a
 * link to the adjustment under way; the list tells the two revisions apart; a viewer has no 调整 button.
 */
import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, startHarness } from "./harness.ts";
import { ProjectList, ProjectPage } from "./pages/projects.ts";
import { signedInAt } from "./pages/session.ts";

const hasChromium = existsSync(CHROMIUM);
const UNIT = "天津市公安交通管理局警务保障处";
const APPROVED = "2024年度警用车辆维护";
const INDICATOR = "任务完成率";

interface ApiProject {
  id: string;
  state: string;
  version: number;
  revision: number;
  supersedesId: string | null;
  supersededById: string | null;
  annualFunds: string | null;
  updatedAt: string;
}
interface ApiIndicator {
  name: string;
  targetText: string | null;
  version: number;
}

/** A GET of the API in the page's session (the browser's own cookie). */
async function read<T>(page: Page, path: string): Promise<T> {
  const r = await page.request.get(`/api/v1${path}`);
  expect(r.status(), path).toBe(200);
  return (await r.json()) as T;
}

const projectId = (page: Page) => new URL(page.url()).pathname.split("/").at(-1)!;

describe.skipIf(!hasChromium)("预算调整: adjusting an approved project", () => {
  let h: Harness;
  const errors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("the filler adjusts, changes a target and submits; the approved revision stays; a second 调整 is refused", async () => {
    expect(h.server, "the real server (the revision is made there)").toBe("real");
    const as = (role: string) => signedInAt(h, role, { org: UNIT, year: 2024, errors });

    const filler = await as("filler");
    const list = new ProjectList(filler.page);
    await list.open();
    await list.search("警用车辆维护");
    await expect.poll(() => filler.page.getByTestId("project-link").count()).toBe(1);
    const approvedPage = await list.openProject(APPROVED);
    const approvedId = projectId(filler.page);
    expect(await approvedPage.stateCode()).toBe("approved");
    expect(await approvedPage.revision()).toBeNull();
    const before = await read<ApiProject>(filler.page, `/projects/${approvedId}`);
    const beforeIndicators = (await read<{ items: ApiIndicator[] }>(filler.page, `/projects/${approvedId}/indicators`))
      .items;
    const oldTarget = beforeIndicators.find((i) => i.name === INDICATOR)?.targetText;
    expect(oldTarget).toBeTruthy();
    const newTarget = oldTarget === "≥98%" ? "≥99%" : "≥98%";

    // The filler may adjust it; a viewer sees the same approved project and no 调整 button.
    await filler.page.getByTestId("project-revise").waitFor();
    const viewer = await as("viewer");
    await viewer.page.goto(`/projects/${approvedId}`);
    const vp = new ProjectPage(viewer.page);
    await vp.ready();
    expect(await vp.stateCode()).toBe("approved");
    expect(await viewer.page.getByTestId("project-revise").count()).toBe(0);
    await viewer.page.context().close();

    // The same filler has the approved project open in a second window, from before the adjustment.
    const stale = await as("filler");
    await stale.page.goto(`/projects/${approvedId}`);
    const stalePage = new ProjectPage(stale.page);
    await stalePage.ready();

    // 预算调整: the confirmation says what happens to the approved revision, then the new draft opens.
    const said = await approvedPage.adjust();
    expect(said).toContain("新建一个草稿版本");
    expect(said).toContain("已审核的第 1 版保持不变");
    expect(said).toContain("公开");
    await filler.page.waitForURL((u) => !u.pathname.endsWith(approvedId) && u.pathname.startsWith("/projects/"));
    // The page of the new revision (not the approved one still drawn while the new one loads).
    await filler.page.getByTestId("revision-adjusts").waitFor();
    const draft = new ProjectPage(filler.page);
    await draft.ready();
    const draftId = projectId(filler.page);
    expect(await draft.stateCode()).toBe("draft");
    expect(await draft.revision()).toBe("第 2 版（第 1 次调整）");
    expect(await filler.page.getByTestId("revision-approved-link").getAttribute("href")).toBe(
      `/projects/${approvedId}`,
    );
    expect(await filler.page.getByTestId("indicator-grid").getAttribute("aria-readonly")).not.toBe("true");
    expect(await draft.workflow.buttons()).toEqual(["wf-submit"]);
    expect(await filler.page.getByTestId("project-revise").count()).toBe(0);

    // The filler changes the indicator's target and submits the adjustment.
    const row = await draft.rowOf(INDICATOR);
    expect(row).toBeGreaterThanOrEqual(0);
    expect(await draft.cell(row, "targetText").textContent()).toBe(oldTarget);
    await draft.typeInto(row, "targetText", newTarget);
    await draft.save();
    // 本次修改 compares the adjustment with the approved revision it adjusts: the one target changed.
    await expect
      .poll(() => draft.workflow.changes())
      .toEqual([
        expect.stringMatching(new RegExp(`修改 \\| ${INDICATOR} \\| 指标值 \\| ${oldTarget} \\| ${newTarget}`)),
      ]);
    expect(await filler.page.getByTestId("wf-changes-from").textContent()).toBe("第 1 版 · 已审核（调整前）");
    // The picture without the passing toasts over the header.
    await expect.poll(() => filler.page.locator(".ant-message-notice").count()).toBe(0);
    await h.screenshot(filler.page, "project-adjust", { publish: true });
    await draft.workflow.submit();
    expect(await draft.stateCode()).toBe("submitted");

    // Through the API: the adjustment is submitted with the new target; the approved revision is as it was.
    const adjusted = await read<ApiProject>(filler.page, `/projects/${draftId}`);
    expect(adjusted).toMatchObject({ state: "submitted", revision: 2, supersedesId: approvedId });
    const adjustedIndicators = (await read<{ items: ApiIndicator[] }>(filler.page, `/projects/${draftId}/indicators`))
      .items;
    expect(adjustedIndicators.find((i) => i.name === INDICATOR)?.targetText).toBe(newTarget);
    const after = await read<ApiProject>(filler.page, `/projects/${approvedId}`);
    expect(after).toEqual({ ...before, supersededById: draftId });
    expect(await read<{ items: ApiIndicator[] }>(filler.page, `/projects/${approvedId}/indicators`)).toEqual({
      items: beforeIndicators,
    });

    // The approved revision's page now points to its adjustment and offers no second one.
    await filler.page.goto(`/projects/${approvedId}`);
    await approvedPage.ready();
    expect(await approvedPage.stateCode()).toBe("approved");
    expect(await approvedPage.revision()).toBe("第 1 版（原始）");
    await filler.page.getByTestId("revision-superseded").waitFor();
    expect(await filler.page.getByTestId("revision-later-link").getAttribute("href")).toBe(`/projects/${draftId}`);
    expect(await filler.page.getByTestId("project-revise").count()).toBe(0);

    // The window opened before still offers 调整: the server refuses it, the page says so and links to the one open.
    await stalePage.adjust();
    const refusal = stale.page.locator(".ant-modal-confirm-warning");
    await refusal.waitFor();
    expect(await refusal.locator(".ant-modal-confirm-title").textContent()).toBe("该项目已有一个进行中的调整");
    await stale.page.getByTestId("revise-open-link").click();
    await stale.page.waitForURL((u) => u.pathname === `/projects/${draftId}`);
    await stale.page.getByTestId("revision-adjusts").waitFor();
    await stalePage.ready();
    expect(await stalePage.stateCode()).toBe("submitted");
    // Nothing more was made: still one adjustment, the one above.
    expect((await read<ApiProject>(stale.page, `/projects/${approvedId}`)).supersededById).toBe(draftId);

    // The list shows the two revisions, told apart by their tags.
    await list.open();
    await list.search("警用车辆维护");
    await expect.poll(() => filler.page.getByTestId("project-link").count()).toBe(2);
    const tags = await filler.page.getByTestId("project-list-revision").allTextContents();
    expect(tags.sort()).toEqual(["第 1 版（原始）", "第 2 版（第 1 次调整）"]);
    expect(errors).toEqual([]);
  });
});
