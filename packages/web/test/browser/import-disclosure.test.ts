/**
 * A 部门决算公开 uploaded in the import wizard shows its automatic review with each finding's table and row, in
 * Debian's chromium: the demo filler uploads the clean 决算 of fixtures/disclosures with two planted mistakes (a
 * 公务接待费 in the narrative that is not the 三公 table's, a 收入决算表 row that breaks its 合计) and sees the kind, the
 * counts and verdict of core's review of the same bytes, and in the list each finding led by 表「…」 · 行「…」 · 列「…」;
 * the clean document shows no finding and its verdict; a planted 决算 printed to PDF by LibreOffice
 * (fixtures/disclosures/rendered/planted-table-sum.pdf), uploaded as a department would, shows core's findings on the
 * same bytes with their table and row. What is expected is computed by packages/documents and core
 * from the same bytes, not written down here.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { reviewDocument } from "@jixiao/core";
import { importDocument, KIND_NAMES, readDocument, readExtractedText, type SourceDocument } from "@jixiao/documents";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, REPO_DIR, signIn, startHarness } from "./harness.ts";
import { ImportWizard } from "./pages/imports.ts";

const hasChromium = existsSync(CHROMIUM);
const CLEAN = readFileSync(resolve(REPO_DIR, "fixtures/disclosures/clean-final-2022.txt"), "utf8");

function replaceOnce(text: string, from: string, to: string): string {
  const parts = text.split(from);
  expect(parts.length, from).toBe(2);
  return parts.join(to);
}

describe.skipIf(!hasChromium && !process.env.CI)(
  "the import wizard shows a disclosure's findings at their table and row",
  () => {
    let h: Harness;
    let page: Page;
    const dir = mkdtempSync(join(tmpdir(), "jixiao-disclosure-"));

    beforeAll(async () => {
      h = await startHarness();
      page = await h.newPage();
      const filler = h.accounts.filler!;
      await page.goto("/");
      await signIn(page, filler.username, filler.password);
      await page.getByTestId("dashboard").waitFor();
    });

    afterAll(async () => {
      await h?.close();
    });

    /** What core says of the same bytes (the page must show the same). */
    function expected(text: string, name: string) {
      const doc = importDocument(readExtractedText(text, name));
      expect(doc.kind).toBe("final-account-disclosure");
      return { kind: KIND_NAMES[doc.kind!].zh, review: reviewDocument(doc.document) };
    }

    it("a planted 决算: the counts and verdict of core's review, each finding with its table, row and column", async () => {
      const text = replaceOnce(
        replaceOnce(CLEAN, "公务接待费支出决算为7.30万元", "公务接待费支出决算为9.30万元"),
        "204 | 公共安全支出 | 2750.00",
        "204 | 公共安全支出 | 2760.00",
      );
      const name = "示范市交警支队2022年度部门决算.txt";
      const file = join(dir, name);
      writeFileSync(file, text);
      const x = expected(text, name);
      const withTable = x.review.findings.filter((f) => typeof f.details?.table === "string");
      expect(withTable.length).toBeGreaterThanOrEqual(2);

      const wizard = new ImportWizard(page);
      await wizard.open();
      await wizard.upload(file);
      await expect.poll(() => page.getByTestId("import-kind").first().textContent()).toBe(x.kind);
      await page.getByTestId("findings-summary").waitFor();
      await expect
        .poll(() => page.getByTestId("findings-count-error").textContent())
        .toBe(`错误 ${x.review.counts.error}`);
      await expect.poll(() => page.getByTestId("findings-verdict").textContent()).toBe(x.review.verdict);
      await page.getByTestId("findings-toggle").click();
      const items = page.getByTestId("findings-item");
      await expect.poll(() => items.count()).toBe(x.review.findings.length);
      for (const f of withTable) {
        const lead = [
          `表「${f.details!.table}」`,
          f.details!.tableRow ? `行「${f.details!.tableRow}」` : undefined,
          f.details!.tableColumn ? `列「${f.details!.tableColumn}」` : undefined,
        ]
          .filter((s) => s !== undefined)
          .join(" · ");
        const item = items.filter({ hasText: f.message });
        await expect.poll(() => item.count()).toBe(1);
        await expect.poll(() => item.textContent()).toContain(lead);
        await expect.poll(() => item.textContent()).toMatch(new RegExp(`（原文.*第 ${f.location.row} 行`));
      }
      // the two planted places, as a reviewer reads them
      const all = (await items.allTextContents()).join("\n");
      expect(all).toContain("表「七、一般公共预算财政拨款“三公”经费支出决算表」 · 行「公务接待费」 · 列「决算数」");
      expect(all).toContain("表「二、收入决算表」 · 行「合计」 · 列「本年收入合计」");
      await h.screenshot(page, "import-disclosure-findings", { publish: true });
    });

    it("a planted 决算 as the PDF a department publishes: each finding with its table and row", async () => {
      // printed by LibreOffice (scripts/disclosure-render.ts): a 收入决算表 row that breaks its 合计
      const file = resolve(REPO_DIR, "fixtures/disclosures/rendered/planted-table-sum.pdf");
      const read = await readDocument(new Uint8Array(readFileSync(file)), "planted-table-sum.pdf");
      const source: SourceDocument = read.format === "text" ? readExtractedText(read.text, read.file) : read;
      const doc = importDocument(source);
      expect(doc.kind).toBe("final-account-disclosure");
      const review = reviewDocument(doc.document);
      const withTable = review.findings.filter((f) => typeof f.details?.table === "string");
      expect(withTable.length).toBeGreaterThanOrEqual(1);

      const wizard = new ImportWizard(page);
      await wizard.open();
      await wizard.upload(file);
      await expect.poll(() => page.getByTestId("import-kind").first().textContent()).toBe(KIND_NAMES[doc.kind!].zh);
      // the wizard still shows the previous upload while the PDF is read: wait for this file's preview and review
      await expect.poll(() => page.getByText("planted-table-sum.pdf").count()).toBeGreaterThan(0);
      await expect
        .poll(() => page.getByTestId("findings-count-error").textContent())
        .toBe(`错误 ${review.counts.error}`);
      // the list stays open from the upload before; open it when it is closed (the toggle then offers 问题清单（n）)
      const toggle = page.getByTestId("findings-toggle");
      if ((await toggle.textContent())?.startsWith("问题清单")) await toggle.click();
      const items = page.getByTestId("findings-item");
      await expect.poll(() => items.count()).toBe(review.findings.length);
      for (const f of withTable) {
        const item = items.filter({ hasText: f.message });
        await expect.poll(() => item.count()).toBe(1);
        await expect.poll(() => item.textContent()).toContain(`表「${f.details!.table}」`);
        if (f.details!.tableRow) await expect.poll(() => item.textContent()).toContain(`行「${f.details!.tableRow}」`);
      }
      const all = (await items.allTextContents()).join("\n");
      expect(all).toMatch(/表「二、收入决算表」 · 行「合计」/);
    });

    it("the clean 决算: no finding, and its verdict", async () => {
      const name = "示范市交警支队2022年度部门决算（定稿）.txt";
      const file = join(dir, name);
      writeFileSync(file, CLEAN);
      const x = expected(CLEAN, name);
      expect(x.review.findings).toEqual([]);
      const wizard = new ImportWizard(page);
      await wizard.open();
      await wizard.upload(file);
      await page.getByTestId("findings-summary").waitFor();
      await expect.poll(() => page.getByTestId("findings-verdict").textContent()).toBe(x.review.verdict);
      await expect.poll(() => page.getByTestId("findings-count-error").textContent()).toBe("错误 0");
      expect(await page.getByTestId("findings-toggle").count()).toBe(0);
    });
  },
);
