/**
 * The indicator library and 结转上年 in Debian's chromium (issue 17): while a filler types an indicator name into
 * a project's grid, the library of the unit's bureau suggests the approved 任务完成率 with its 二级 and typical
 * target; picking it fills the row. In 2025 the filler carries 2024 forward: the 经常性 2024年度警用车辆维护 comes
 * over as the draft 2025年度警用车辆维护 (a second run makes nothing twice), with last year's values beside its
 * indicator. The demo's carried-forward year (seed-carry.ts): 赵县's traffic brigade finds its 2025 started from
 * 2024 — the 经常性 project and the duties as drafts, each saying from which 2024 record it was carried, last year's
 * actual beside each indicator. A duty's activity indicator of 2026 shows in 指标库, tagged 部门职责, once the unit's
 * department goal of 2026 is approved.
 */
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, startHarness } from "./harness.ts";
import { DutiesPage, waitForWorkspace } from "./pages/duties.ts";
import { CarryForward, LibraryPage, NameSuggestions } from "./pages/library.ts";
import { ProjectList } from "./pages/projects.ts";
import { signedInAt } from "./pages/session.ts";
import { Shell } from "./pages/shell.ts";

const hasChromium = existsSync(CHROMIUM);
const UNIT = "天津市公安交通管理局警务保障处";
/** The demo's 经常性 project of 2024, and its draft in 2025 (the year in its name follows). */
const CONTINUING = "2025年度警用车辆维护";

describe.skipIf(!hasChromium)("indicator library and carry-forward", () => {
  let h: Harness;
  const errors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h?.close();
    expect(errors).toEqual([]);
  });

  it("suggests the library's indicators while the filler types a name, and a pick fills the row", async () => {
    const { page } = await signedInAt(h, "filler", { org: UNIT, year: 2024, errors });
    const list = new ProjectList(page);
    await list.open();
    const project = await list.openProject("2024年度教育训练");
    // the row after the last is where a new indicator is typed
    const tail = (await page.locator('[data-testid^="grid-row-"]').count()) - 1;
    const names = new NameSuggestions(page);
    await names.type(tail, "任务完");
    const shown = await names.shown();
    expect(shown.some((s) => s.includes("任务完成率") && s.includes("数量指标") && s.includes("≥95%"))).toBe(true);
    await h.screenshot(page, "library-suggestions", { publish: true });
    await names.pick("任务完成率");
    expect(await project.cell(tail, "name").textContent()).toBe("任务完成率");
    expect(await project.cell(tail, "level1").textContent()).toBe("产出指标");
    expect(await project.cell(tail, "level2").textContent()).toBe("数量指标");
    // the edit moved on to the target
    expect(await project.cell(tail, "targetText").getAttribute("data-active")).toBe("true");
    await page.close();
  });

  it("lets the bureau's reviewer mark an entry not allowed in 指标库; the units are then not offered it", async () => {
    const reviewer = await signedInAt(h, "reviewer", { org: UNIT, year: 2024, errors });
    const library = new LibraryPage(reviewer.page);
    await library.open();
    await library.search("任务完成率");
    await library.row("任务完成率").waitFor();
    await library.mark("任务完成率", "不允许", "不允许");
    await h.screenshot(reviewer.page, "library-page", { publish: true });

    const { page } = await signedInAt(h, "filler", { org: UNIT, year: 2024, errors });
    const list = new ProjectList(page);
    await list.open();
    await list.openProject("2024年度教育训练");
    const tail = (await page.locator('[data-testid^="grid-row-"]').count()) - 1;
    const names = new NameSuggestions(page);
    const answered = await names.typeAndAnswer(tail, "任务完");
    expect(answered).not.toContain("任务完成率");
    expect(await page.getByTestId("library-suggestion").filter({ hasText: "任务完成率" }).count()).toBe(0);
    await page.close();

    await library.mark("任务完成率", "清除", null);
    await reviewer.page.close();
  });

  it("carries 2024 forward into 2025 once, with last year's values beside the indicators", async () => {
    const { page } = await signedInAt(h, "filler", { org: UNIT, year: 2025, errors });
    const list = new ProjectList(page);
    await list.open();
    const carry = new CarryForward(page);
    const first = await carry.run();
    expect(first.filter((s) => s.includes(CONTINUING))).toEqual([expect.stringContaining("已结转为草稿")]);
    await page.getByTestId("project-link").filter({ hasText: CONTINUING }).first().waitFor();
    const again = await carry.run();
    expect(again.filter((s) => s.includes(CONTINUING))).toEqual([expect.stringContaining("此前已结转")]);
    expect(await page.getByTestId("project-link").filter({ hasText: CONTINUING }).count()).toBe(1);

    const project = await list.openProject(CONTINUING);
    expect(await project.stateCode()).toBe("draft");
    const row = await project.rowOf("任务完成率");
    expect(await project.cell(row, "targetText").textContent()).toBe("≥95%");
    await page.getByTestId("previous-actual").first().waitFor();
    await h.screenshot(page, "carried-forward-project", { publish: true });
    await page.close();
  });

  it("shows 赵县's 2025 as carried forward from 2024: which record each draft came from, last year's actual beside it", async () => {
    // 赵县's own filler (the demo's second filler account; the harness keys accounts by role)
    const page = await h.newPage();
    page.on("pageerror", (e) => errors.push(`demo-zhaoxian: ${e.message}`));
    const shell = new Shell(page);
    await shell.signIn("demo-zhaoxian", h.accounts.filler!.password);
    await waitForWorkspace(page);
    await shell.chooseYear(2025);

    const list = new ProjectList(page);
    await list.open();
    const project = await list.openProject("2025年度道路交通安全设施维护");
    expect(await project.stateCode()).toBe("draft");
    const note = page.getByTestId("carried-from");
    await note.waitFor();
    expect(await note.textContent()).toContain("本项目由 2024 年「2024年度道路交通安全设施维护」结转而来");
    const row = await project.rowOf("维护交通标志标线里程");
    expect(await project.cell(row, "targetText").textContent()).toBe("≥120公里");
    const previous = page.getByTestId(`grid-row-${row}`).getByTestId("previous-actual");
    await previous.waitFor();
    expect(await previous.textContent()).toBe("上年实际 126公里");
    await h.screenshot(page, "carried-forward-year", { publish: true });

    const duties = new DutiesPage(page);
    await duties.open();
    await duties.selectDuty("道路交通安全管理");
    await note.waitFor();
    expect(await note.textContent()).toContain("本职责由 2024 年「道路交通安全管理」结转而来");
    await duties.selectActivity("交通安全宣传教育");
    const actual = page.getByTestId("activity-card").getByTestId("previous-actual").first();
    await actual.waitFor();
    expect(await actual.textContent()).toBe("上年实际 28场");
    await page.close();
  });

  it("lists a duty's activity indicator in 指标库 as 部门职责 once the unit's department goal of its year is approved", async () => {
    // set up through the API with the pages' own sessions: a 2026 duty of the unit, then its 2026 department goal
    // through both approvals
    const api = async (role: string) => {
      const { page } = await signedInAt(h, role, { org: UNIT, year: 2024, errors });
      const session = await (await page.request.get("/api/v1/auth/session")).json();
      const headers = { "X-CSRF-Token": session.csrfToken as string };
      const send = async (method: "post" | "put", path: string, data: unknown) => {
        const r = await page.request[method](`/api/v1${path}`, { headers, data });
        expect(r.status(), `${path}: ${await r.text()}`).toBeLessThan(300);
        return r.json();
      };
      return { page, send, orgId: (session.user.memberships as { orgId: string }[])[0]!.orgId };
    };
    const filler = await api("filler");
    const duty = await filler.send("post", "/duties", { orgId: filler.orgId, year: 2026, name: "警务保障管理" });
    await filler.send("put", `/duties/${duty.id}/activities`, {
      version: duty.version,
      activities: [{ name: "装备维护", indicators: [{ name: "警用装备完好率", targetText: "≥97%" }] }],
    });
    const goal = await filler.send("post", "/goals", { orgId: filler.orgId, year: 2026, annualGoal: "保障有力" });
    const submitted = await filler.send("post", `/goals/${goal.id}/submit`, { version: goal.version });
    const approver = await api("unit_approver");
    const unitApproved = await approver.send("post", `/goals/${goal.id}/unit-approve`, { version: submitted.version });
    const reviewer = await api("reviewer");
    expect(await reviewer.send("post", `/goals/${goal.id}/approve`, { version: unitApproved.version })).toMatchObject({
      state: "approved",
    });

    const library = new LibraryPage(reviewer.page);
    await library.open();
    await library.search("警用装备完好率");
    const uses = await library.uses("警用装备完好率");
    expect(uses).toEqual([{ kind: "duty", text: `部门职责2026 · ${UNIT} · ${UNIT} 警务保障管理·装备维护 · ≥97%` }]);
    for (const p of [filler.page, approver.page, reviewer.page]) await p.close();
  });
});
