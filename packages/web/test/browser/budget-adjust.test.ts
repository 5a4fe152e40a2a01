/**
 * 预算调整 of a department budget in Debian's chromium: the demo's 2025 budget of 天津市公安交通管理局警务保障处 is
 * taken through both approvals (through the API), then the filler adjusts it on 预算 — a confirmation, then the new
 * draft revision (第 1 次调整) on the card, editable, with the same figures (read through the API); the approved
 * 年初预算 is reached with the revision switch, still approved and unchanged, with no 调整 button; a viewer has none.
 */
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, startHarness } from "./harness.ts";
import { apiAs } from "./pages/api.ts";
import { BudgetPage } from "./pages/budget.ts";
import { BudgetReview } from "./pages/budgetReview.ts";
import { signedInAt } from "./pages/session.ts";

const hasChromium = existsSync(CHROMIUM);
const UNIT = "天津市公安交通管理局警务保障处";
const YEAR = 2025;

interface ApiBudget {
  id: string;
  orgId: string;
  orgName: string;
  revision: number;
  state: string;
  version: number;
  sections: unknown;
  incomeTotal: string | null;
  expenditureTotal: string | null;
}

describe.skipIf(!hasChromium)("预算调整: adjusting an approved department budget", () => {
  let h: Harness;
  const errors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("the filler adjusts the approved budget: a new editable draft with the same figures; the approved one stays", async () => {
    expect(h.server, "the real server (the revision is made there)").toBe("real");

    // The demo's draft budget, approved through the API (the review itself is budget-review.test.ts).
    const fillerApi = await apiAs(h, "filler");
    const list = await fillerApi.get<{ items: ApiBudget[] }>(`/budgets?year=${YEAR}`);
    const draft = list.items.find((b) => b.orgName === UNIT);
    expect(draft, `a ${YEAR} budget of ${UNIT} in the demo`).toBeDefined();
    const id = draft!.id;
    const submitted = await fillerApi.post<ApiBudget>(`/budgets/${id}/submit`, { version: draft!.version });
    const unitApproved = await (await apiAs(h, "unit_approver")).post<ApiBudget>(`/budgets/${id}/unit-approve`, {
      version: submitted.version,
    });
    const approved = await (await apiAs(h, "reviewer")).post<ApiBudget>(`/budgets/${id}/approve`, {
      version: unitApproved.version,
    });
    expect(approved).toMatchObject({ state: "approved", revision: 1 });

    const { page } = await signedInAt(h, "filler", { org: UNIT, year: YEAR, errors });
    const budget = new BudgetReview(page);
    await budget.open();
    await budget.waitForState("approved");
    // Approved: nothing to edit, 预算调整 offered.
    expect(await page.getByTestId("save-budget").count()).toBe(0);
    const confirmText = await budget.revise();
    expect(confirmText).toContain("第 1 次调整");
    expect(confirmText).toContain("年初预算保持不变");

    // The new draft revision is shown, editable.
    await budget.waitForRevision(2);
    await budget.waitForState("draft");
    expect(await budget.revision()).toBe(2);
    await expect.poll(() => page.getByTestId("budget-revisions").isVisible()).toBe(true);
    const editor = new BudgetPage(page);
    await editor.tab(/政府采购/);
    await expect.poll(() => editor.cell("procurement", 0, "amount").isEditable()).toBe(true);
    await h.screenshot(page, "budget-adjust");

    // The same figures, read through the API: the adjustment's header and sections are the approved one's.
    const now = await fillerApi.get<{ items: ApiBudget[] }>(`/budgets?year=${YEAR}`);
    const mine = now.items.filter((b) => b.orgName === UNIT);
    expect(mine.map((b) => [b.revision, b.state])).toEqual([
      [1, "approved"],
      [2, "draft"],
    ]);
    const adjusted = mine[1]!;
    expect(adjusted.sections).toEqual(approved.sections);
    expect([adjusted.incomeTotal, adjusted.expenditureTotal]).toEqual([
      approved.incomeTotal,
      approved.expenditureTotal,
    ]);
    // The approved revision is as it was.
    expect(await fillerApi.get<ApiBudget>(`/budgets/${id}`)).toEqual(approved);

    // The approved 年初预算 is reached with the switch: approved, read-only, no second 调整 from it.
    await budget.showRevision(1);
    await budget.waitForState("approved");
    expect(await page.getByTestId("save-budget").count()).toBe(0);
    expect(await page.getByTestId("budget-revise").count()).toBe(0);
    await page.context().close();

    // A viewer sees the adjustment without a 调整 button.
    const viewer = await signedInAt(h, "viewer", { org: UNIT, year: YEAR, errors });
    const seen = new BudgetReview(viewer.page);
    await seen.open();
    await seen.waitForRevision(2);
    expect(await viewer.page.getByTestId("budget-revise").count()).toBe(0);
    await fillerApi.page.context().close();
    expect(errors).toEqual([]);
  });
});
