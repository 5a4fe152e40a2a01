/**
 * A 部门决算公开 one of whose tables could not be read with confidence: the import wizard's review lists that table
 * (未能判断的表) by its printed title with why, beside the verdict 未能判断, in Debian's chromium. The demo filler uploads
 * the planted 决算 printed to PDF by LibreOffice (fixtures/disclosures/rendered/planted-table-unread.pdf: a 收入决算表
 * row with an amount under no column of its header), as a department would; what the list must say is what core's
 * review of the same bytes says (its disclosure.table-unread findings), not written down here. The clean 决算 shows no
 * such list.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { reviewDocument } from "@jixiao/core";
import { importDocument, readDocument, readExtractedText, type SourceDocument } from "@jixiao/documents";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, REPO_DIR, signIn, startHarness } from "./harness.ts";
import { ImportWizard } from "./pages/imports.ts";

const hasChromium = existsSync(CHROMIUM);

describe.skipIf(!hasChromium && !process.env.CI)("the import wizard lists the tables it could not judge", () => {
  let h: Harness;
  let page: Page;
  const dir = mkdtempSync(join(tmpdir(), "jixiao-unjudged-"));

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

  it("a 决算 PDF with a table not read whole: 未能判断, and the table named with why", async () => {
    const file = resolve(REPO_DIR, "fixtures/disclosures/rendered/planted-table-unread.pdf");
    const read = await readDocument(new Uint8Array(readFileSync(file)), "planted-table-unread.pdf");
    const source: SourceDocument = read.format === "text" ? readExtractedText(read.text, read.file) : read;
    const doc = importDocument(source);
    expect(doc.kind).toBe("final-account-disclosure");
    const review = reviewDocument(doc.document);
    const unread = review.findings.filter((f) => f.rule === "disclosure.table-unread");
    expect(unread.length).toBeGreaterThan(0);
    expect(review.verdict).toBeNull();

    const wizard = new ImportWizard(page);
    await wizard.open();
    await wizard.upload(file);
    await expect.poll(() => page.getByText("planted-table-unread.pdf").count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId("findings-verdict").textContent()).toBe("未能判断");
    const list = page.getByTestId("import-unjudged-tables");
    await list.waitFor();
    await expect.poll(() => list.textContent()).toContain(`未能判断的表（${unread.length} 张）`);
    const items = page.getByTestId("import-unjudged-table");
    await expect.poll(() => items.count()).toBe(unread.length);
    const texts = await items.allTextContents();
    unread.forEach((f, i) => {
      expect(texts[i]).toContain(`表「${f.details!.table}」：${f.details!.unread}`);
    });
    await h.screenshot(page, "import-unjudged-tables", { publish: true });
  });

  it("the clean 决算: no list of tables not judged", async () => {
    const text = readFileSync(resolve(REPO_DIR, "fixtures/disclosures/clean-final-2022.txt"), "utf8");
    const name = "示范市交警支队2022年度部门决算（终稿）.txt";
    const file = join(dir, name);
    writeFileSync(file, text);
    const review = reviewDocument(importDocument(readExtractedText(text, name)).document);
    expect(review.findings).toEqual([]);
    const wizard = new ImportWizard(page);
    await wizard.open();
    await wizard.upload(file);
    await expect.poll(() => page.getByText(name).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId("findings-verdict").textContent()).toBe(review.verdict);
    expect(await page.getByTestId("import-unjudged-tables").count()).toBe(0);
  });
});
