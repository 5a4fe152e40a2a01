/**
 * The department budget's review in Debian's chromium, on the demo's draft budget of 天津市公安交通管理局警务保障处
 * (2025): the filler submits it, the unit approver approves it for the unit, the reviewer returns it; the filler
 * changes a procurement line's amount and a 三公 figure and resubmits, the unit approver approves again, and the
 * reviewer's 本次修改 lists exactly those two changes before approving and publishing it; the public page (no
 * sign-in) shows its 部门预算信息公开, and the docx download reads back as that document.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { formatYuan, parseWanYuan } from "@jixiao/core";
import { importDocument, readDocument } from "@jixiao/documents";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, startHarness } from "./harness.ts";
import { BudgetReview } from "./pages/budgetReview.ts";
import { signedInAt } from "./pages/session.ts";

const hasChromium = existsSync(CHROMIUM);
const UNIT = "天津市公安交通管理局警务保障处";
const YEAR = 2025;
const COMMENT = "政府采购金额与公务接待费请按批复调整";

/**
 * A 万元 figure as 本次修改 shows it: the 万元 text with thousands separators and at least 2 decimals, then the
 * exact 元.
 */
const asShown = (wan: string) => {
  const [whole = "", frac = ""] = wan.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${grouped}.${frac.padEnd(2, "0")} 万元（${formatYuan(parseWanYuan(wan))} 元）`;
};

describe.skipIf(!hasChromium)("department budget review and publication", () => {
  let h: Harness;
  const errors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  async function as(role: "filler" | "unit_approver" | "reviewer") {
    const { page } = await signedInAt(h, role, { org: UNIT, year: YEAR, errors });
    const budget = new BudgetReview(page);
    await budget.open();
    return { page, budget };
  }

  it("filler submits, the reviewer returns, the filler fixes two figures, the reviewer sees exactly those in 本次修改, approves and publishes; the public page shows it", async () => {
    expect(h.server, "the real server (the workflow and publication live there)").toBe("real");

    const filler = await as("filler");
    expect(await filler.budget.state()).toBe("draft");
    expect(await filler.budget.workflow.buttons()).toEqual(["wf-submit"]);
    await filler.budget.workflow.submit();
    await filler.budget.waitForState("submitted");
    // The submitter has no review button on their own budget.
    expect(await filler.budget.workflow.buttons()).toEqual([]);
    await filler.page.context().close();

    const approver = await as("unit_approver");
    await approver.budget.waitForState("submitted");
    expect(await approver.budget.workflow.buttons()).toEqual(["wf-unit-approve", "wf-return"]);
    await approver.budget.workflow.unitApprove();
    await approver.budget.waitForState("unit_approved");
    await approver.page.context().close();

    const reviewer = await as("reviewer");
    await reviewer.budget.waitForState("unit_approved");
    expect(await reviewer.budget.workflow.buttons()).toEqual(["wf-approve", "wf-return"]);
    await reviewer.budget.workflow.returnWith(COMMENT);
    await reviewer.budget.waitForState("returned");
    await reviewer.page.context().close();

    // The filler fixes a procurement line's amount and 公务接待费 (values with two decimals: the card shows 万元
    // with at least two), saves and resubmits.
    const fixer = await as("filler");
    await fixer.budget.waitForState("returned");
    expect(await fixer.budget.workflow.returnComment()).toContain(COMMENT);
    const fixed = await fixer.budget.fixFigures({
      procurementRow: 0,
      amount: "76.25",
      threePart: "reception",
      three: "1.35",
    });
    expect(fixed.procurement.before).not.toBe(fixed.procurement.after);
    expect(fixed.three.before).not.toBe(fixed.three.after);
    // 本次修改, in the order of the card's tabs (三公经费, then 政府采购): the two figures, and nothing else.
    const expected = [
      `修改 | 三公经费 · 公务接待费 | 金额 | ${asShown(fixed.three.before)} | ${asShown(fixed.three.after)}`,
      `修改 | 政府采购 · ${fixed.procurement.catalogCode} ${fixed.procurement.itemName} | 金额 | ${asShown(fixed.procurement.before)} | ${asShown(fixed.procurement.after)}`,
    ];
    await fixer.budget.openHistory();
    await expect.poll(() => fixer.budget.workflow.changes()).toEqual(expected);
    await fixer.budget.workflow.submit();
    await fixer.budget.waitForState("submitted");
    await fixer.page.context().close();

    const approverAgain = await as("unit_approver");
    await approverAgain.budget.waitForState("submitted");
    await approverAgain.budget.workflow.unitApprove();
    await approverAgain.budget.waitForState("unit_approved");
    await approverAgain.page.context().close();

    const final = await as("reviewer");
    await final.budget.waitForState("unit_approved");
    await final.budget.openHistory();
    // Since the returned version: exactly what the filler typed.
    await expect.poll(() => final.budget.workflow.changes()).toEqual(expected);
    await final.page.getByTestId("wf-changes").scrollIntoViewIfNeeded();
    await h.screenshot(final.page, "budget-changes", { publish: true });

    await final.budget.workflow.approve();
    await final.budget.waitForState("approved");
    await final.budget.openHistory();
    expect((await final.budget.workflow.history()).map((s) => s.action)).toEqual([
      "submit",
      "unit_approve",
      "return",
      "submit",
      "unit_approve",
      "approve",
    ]);
    const href = await final.budget.publish();
    expect(href).toMatch(/^\/public\/[0-9a-f-]{36}$/);
    await h.screenshot(final.page, "budget-review", { publish: true });

    // The docx of the budget's disclosure downloads and reads back as the 部门预算信息公开.
    const download = await final.budget.export("docx");
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
  });
});
