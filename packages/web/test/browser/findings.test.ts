/**
 * Review findings beside the rows, in a real browser on the real server: the filler gives the demo project two
 * known problems through the grid (a vague target on 组织培训人数, no target on 学员满意度) and saves; the badges
 * appear on exactly those rows (warning and error), hovering one shows core's message, the list takes the grid
 * to the row; fixing the targets and saving makes them disappear. A reviewer then records the verdict decision
 * (overruled with a comment), which the filler sees. On a stored self-evaluation, a missed target without a
 * deviation reason is flagged on its row until a reason is saved.
 */
import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, startHarness } from "./harness.ts";
import { ProjectList, type ProjectPage } from "./pages/projects.ts";
import { pickOption } from "./pages/select.ts";
import { signedInAt } from "./pages/session.ts";

const hasChromium = existsSync(CHROMIUM);
const PROJECT = "2024年度教育训练";

/** The findings on the project page: the badges beside the grid's rows, the summary bar and its list. */
class Findings {
  constructor(readonly page: Page) {}
  badge(row: number) {
    return this.page.getByTestId(`grid-row-${row}`).getByTestId("row-findings");
  }
  badges() {
    return this.page.getByTestId("indicator-grid").getByTestId("row-findings");
  }
  count(severity: "error" | "warning" | "info") {
    return this.page.getByTestId(`findings-count-${severity}`).textContent();
  }
  verdict() {
    return this.page.getByTestId("findings-verdict").textContent();
  }
  /** Hovers the row's badge and waits for a popover showing `expected`; gives its whole text. */
  async hover(row: number, expected: string): Promise<string> {
    await this.badge(row).hover();
    return popoverText(this.page, expected);
  }
}

/** The text of the visible findings popover that shows `expected` (another may still be fading out). */
async function popoverText(page: Page, expected: string): Promise<string> {
  const pop = page.getByTestId("row-findings-popover").filter({ visible: true }).filter({ hasText: expected }).first();
  await pop.waitFor();
  const text = (await pop.textContent()) ?? "";
  await page.mouse.move(0, 0);
  return text;
}

describe.skipIf(!hasChromium)("review findings beside the rows", () => {
  let h: Harness;
  const errors: string[] = [];

  async function as(role: string): Promise<Page> {
    return (await signedInAt(h, role, { year: 2024, errors })).page;
  }

  async function openProject(page: Page): Promise<ProjectPage> {
    const list = new ProjectList(page);
    await list.open();
    await list.search("教育训练");
    return list.openProject(PROJECT);
  }

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h?.close();
  });

  let filler: Page;
  let fp: ProjectPage;
  let f: Findings;

  it("filler: two known problems saved show as badges on exactly their rows, with core's messages", async () => {
    expect(h.server).toBe("real");
    filler = await as("filler");
    fp = await openProject(filler);
    f = new Findings(filler);
    await filler.getByTestId("findings-summary").waitFor();
    const people = await fp.rowOf("组织培训人数");
    const satisfaction = await fp.rowOf("学员满意度");
    expect(people).toBeGreaterThanOrEqual(0);
    expect(satisfaction).toBeGreaterThanOrEqual(0);

    await fp.typeInto(people, "targetText", "较多");
    await fp.cell(satisfaction, "targetText").click();
    await filler.keyboard.press("Delete");
    await expect.poll(() => fp.cell(satisfaction, "targetText").textContent()).toBe("");
    await fp.save();

    // After the save the review runs again: a warning on 组织培训人数, an error on 学员满意度, nothing elsewhere.
    await expect.poll(() => f.badges().count()).toBe(2);
    expect(await f.badge(people).getAttribute("data-severity")).toBe("warning");
    expect(await f.badge(satisfaction).getAttribute("data-severity")).toBe("error");
    expect(await f.count("error")).toContain("1");
    expect(await f.count("warning")).toContain("1");
    expect(["良", "中"]).toContain(await f.verdict());

    const message = await f.hover(people, "组织培训人数");
    expect(message).toContain("较多");
    expect(message).toContain("indicator.qualitative-needs-number");
    expect(await f.hover(satisfaction, "学员满意度")).toContain("没有填写指标值");
    await f.badge(people).hover();
    await filler.getByTestId("row-findings-popover").filter({ visible: true }).filter({ hasText: "较多" }).waitFor();
    await h.screenshot(filler, "findings-grid", { publish: true });
    await filler.mouse.move(0, 0);

    // The list takes the grid to the row (its target cell becomes the active one).
    await filler.getByTestId("findings-toggle").click();
    await filler.getByTestId("findings-item").filter({ hasText: "学员满意度" }).click();
    await expect
      .poll(() => filler.locator("[data-active]").first().getAttribute("data-testid"))
      .toBe(`cell-${satisfaction}-targetText`);
  });

  it("filler: fixing the targets and saving makes the findings disappear", async () => {
    const people = await fp.rowOf("组织培训人数");
    const satisfaction = await fp.rowOf("学员满意度");
    await fp.typeInto(people, "targetText", "≥100人");
    await fp.typeInto(satisfaction, "targetText", "≥90%");
    await fp.save();
    await expect.poll(() => f.badges().count()).toBe(0);
    expect(await f.count("error")).toContain("0");
    expect(await f.count("warning")).toContain("0");
    expect(await f.verdict()).toBe("优");
  });

  it("filler: a missed target without a deviation reason is flagged on its self-evaluation row until one is saved", async () => {
    // A stored department self-evaluation of the filler's unit, set up through the API with the page's own session.
    const session = await (await filler.request.get("/api/v1/auth/session")).json();
    const headers = { "X-CSRF-Token": session.csrfToken as string };
    const orgId = (session.user.memberships as { orgId: string }[])[0]!.orgId;
    const created = await filler.request.post("/api/v1/evaluations", {
      headers,
      data: { kind: "department", orgId, year: 2024 },
    });
    expect(created.status()).toBe(201);
    const e = await created.json();
    const row = (name: string, targetText: string, actualText: string) => ({
      level1: "产出指标",
      level2: "数量指标",
      name,
      targetText,
      actualText,
      points: "10",
    });
    const saved = await filler.request.put(`/api/v1/evaluations/${e.id}/items`, {
      headers,
      data: {
        version: e.version,
        items: [row("组织培训人数", "≥100人", "80人"), row("专题讲座次数", "≥4次", "4次")],
      },
    });
    expect(saved.status()).toBe(200);
    const items = (await saved.json()).items as { id: string; name: string }[];
    const missed = items.find((i) => i.name === "组织培训人数")!.id;
    const met = items.find((i) => i.name === "专题讲座次数")!.id;

    await filler.goto(`/self-evaluation/${e.id}`);
    await filler.getByTestId("indicator-table").waitFor();
    const badge = (id: string) => filler.locator(`tr[data-row-key="${id}"]`).getByTestId("row-findings");
    await badge(missed).waitFor();
    expect(await badge(missed).getAttribute("data-severity")).toBe("warning");
    await badge(missed).hover();
    expect(await popoverText(filler, "组织培训人数")).toContain("没有说明偏差原因");
    expect(await badge(met).count()).toBe(0);

    await filler.getByTestId(`deviation-${missed}`).fill("部分民警参加专项任务，培训延后至次年");
    await filler.getByTestId("se-save").click();
    await expect.poll(() => badge(missed).count()).toBe(0);
  });

  it("reviewer: records the verdict decision (overruled with a comment); the filler sees it", async () => {
    const reviewer = await as("reviewer");
    // A draft is not in the reviewer's list; the page itself is readable to them (as the API's review is).
    await reviewer.goto(new URL(filler.url()).pathname);
    await reviewer.getByTestId("findings-summary").waitFor();
    await reviewer.getByTestId("findings-decide").click();
    await pickOption(reviewer, reviewer.getByTestId("findings-decision-verdict"), "良");
    // Another verdict than the engine's needs a comment: the button waits for it.
    expect(await reviewer.locator("#findings-decision-ok").isDisabled()).toBe(true);
    await reviewer.getByTestId("findings-decision-comment").fill("满意度调查方式未说明，按意见补充后执行");
    await reviewer.locator("#findings-decision-ok").click();
    await reviewer.getByTestId("findings-decision").waitFor();
    expect(await reviewer.getByTestId("findings-decision").textContent()).toContain("良");

    await filler.reload();
    await filler.getByTestId("findings-decision").waitFor();
    const seen = await filler.getByTestId("findings-decision").textContent();
    expect(seen).toContain("良");
    expect(seen).toContain("满意度调查方式未说明");
    // The filler may read the decision, not record one.
    expect(await filler.getByTestId("findings-decide").count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
