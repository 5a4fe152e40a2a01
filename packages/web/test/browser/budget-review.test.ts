/**
 * The department budget's review in Debian's chromium, on the demo's draft budget of 天津市公安交通管理局警务保障处
 * (2025): the filler submits it, the unit approver approves it for the unit, the reviewer approves and publishes
 * it; the public page (no sign-in) shows its 部门预算信息公开, and the docx download reads back as that document.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { importDocument, readDocument } from "@jixiao/documents";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, startHarness } from "./harness.ts";
import { BudgetReview } from "./pages/budgetReview.ts";
import { signedInAt } from "./pages/session.ts";

const hasChromium = existsSync(CHROMIUM);
const UNIT = "天津市公安交通管理局警务保障处";
const YEAR = 2025;

describe.skipIf(!hasChromium)("department budget review and publication", () => {
  let h: Harness;
  const errors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  async function as(role: "filler" | "unit_approver" | "reviewer") {
    const { page } = await signedInAt(h, role, { org: UNIT, year: YEAR, errors, timeout: 30_000 });
    const budget = new BudgetReview(page);
    await budget.open();
    return { page, budget };
  }

  it("filler submits, unit approver approves, reviewer approves and publishes; the public page shows it", async () => {
    expect(h.server, "the real server (the workflow and publication live there)").toBe("real");

    const filler = await as("filler");
    expect(await filler.budget.state()).toBe("draft");
    expect(await filler.budget.workflow.buttons()).toEqual(["wf-submit"]);
    await filler.budget.workflow.submit();
    await filler.budget.waitForState("submitted");
    // The submitter has no review button on their own budget.
    expect(await filler.budget.workflow.buttons()).toEqual([]);

    const approver = await as("unit_approver");
    await approver.budget.waitForState("submitted");
    expect(await approver.budget.workflow.buttons()).toEqual(["wf-unit-approve", "wf-return"]);
    await approver.budget.workflow.unitApprove();
    await approver.budget.waitForState("unit_approved");

    const reviewer = await as("reviewer");
    await reviewer.budget.waitForState("unit_approved");
    expect(await reviewer.budget.workflow.buttons()).toEqual(["wf-approve", "wf-return"]);
    await reviewer.budget.workflow.approve();
    await reviewer.budget.waitForState("approved");
    await reviewer.budget.openHistory();
    expect((await reviewer.budget.workflow.history()).map((s) => s.action)).toEqual([
      "submit",
      "unit_approve",
      "approve",
    ]);
    const href = await reviewer.budget.publish();
    expect(href).toMatch(/^\/public\/[0-9a-f-]{36}$/);
    await h.screenshot(reviewer.page, "budget-review", { publish: true });

    // The docx of the budget's disclosure downloads and reads back as the 部门预算信息公开.
    const download = await reviewer.budget.export("docx");
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const read = await readDocument(new Uint8Array(await readFile((await download.path())!)), "budget.docx");
    if (read.format === "text") throw new Error("a docx is read as a document, not as text");
    const back = importDocument(read);
    expect(back.kind).toBe("budget-disclosure");
    expect(back.document.disclosure?.organisation).toBe(UNIT);
    expect(back.document.disclosure?.year).toBe(YEAR);

    // The public page needs no sign-in.
    const visitor = await h.newPage();
    const shown = await visitor.goto(new URL(href, h.url).toString());
    expect(shown?.status()).toBe(200);
    expect(await visitor.locator("h1").textContent()).toBe(`${UNIT}${YEAR}年部门预算信息公开`);
    const body = (await visitor.locator("body").textContent()) ?? "";
    expect(body).toContain("财政拨款“三公”经费预算情况");
    expect(body).toContain("执勤装备购置");
    await visitor.goto(new URL("/public", h.url).toString());
    expect(await visitor.locator("body").textContent()).toContain(`${UNIT}${YEAR}年部门预算信息公开`);
    expect(errors).toEqual([]);
  }, 240_000);
});
