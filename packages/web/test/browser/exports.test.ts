/**
 * 批量导出 in a real browser on the demo: the reviewer picks 天津市公安交通管理局 and 2024 in the header, starts a batch
 * of every document in xlsx and docx, watches it complete, downloads the zip and its entries open — each xlsx and
 * docx read back by the project's own reader and importer to the demo's records.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { importDocument, openZip, readDocument, readExtractedText, type SourceDocument } from "@jixiao/documents";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, startHarness } from "./harness.ts";
import { signedInAt } from "./pages/session.ts";

const hasChromium = existsSync(CHROMIUM);

async function readBack(bytes: Uint8Array, name: string) {
  const read = await readDocument(bytes, name);
  const source: SourceDocument = read.format === "text" ? readExtractedText(read.text, read.file) : read;
  return importDocument(source);
}

describe.skipIf(!hasChromium)("batch export in the browser", () => {
  let h: Harness;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("starts a batch for the demo, follows it to the end and downloads a zip whose files open", async () => {
    expect(h.server, "the real server (the batch is a server job)").toBe("real");
    ({ page } = await signedInAt(h, "reviewer", { org: "天津市公安交通管理局", year: 2024, errors }));

    await page.getByRole("menuitem", { name: /批量导出|Batch export/ }).click();
    await page.getByTestId("batch-export-page").waitFor();
    expect(await page.getByTestId("batch-org").textContent()).toBe("天津市公安交通管理局");
    expect(await page.getByTestId("batch-year").textContent()).toBe("2024");
    // Every document by default; xlsx by default, docx added.
    const kinds = page.getByTestId("batch-documents").locator("input[type=checkbox]");
    expect(await kinds.count()).toBeGreaterThan(0);
    expect(await page.getByTestId("batch-documents").locator("input:checked").count()).toBe(await kinds.count());
    // the in-year monitoring forms are among them (issue 16)
    expect(await page.getByTestId("batch-documents").textContent()).toContain("监控");
    await page.getByTestId("batch-formats").getByText("Word (docx)").click();

    await page.getByTestId("batch-start").click();
    await page.waitForURL(/\/exports\?job=/);
    await page.getByTestId("batch-job").waitFor();
    await page.getByTestId("batch-state").filter({ hasText: "已完成" }).waitFor();
    const progress = await page.getByTestId("batch-message").textContent();
    const [done, total] = progress!.split("/").map((s) => Number(s.trim()));
    expect(total).toBeGreaterThan(0);
    expect(done).toBe(total);
    expect(await page.getByTestId("batch-summary").textContent()).toContain("错误 0 个");
    await h.screenshot(page, "export-batch", { publish: true });

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("batch-download").click()]);
    expect(download.suggestedFilename()).toBe("天津市公安交通管理局-2024年度-批量导出.zip");
    const zip = openZip(new Uint8Array(await readFile((await download.path())!)), "batch.zip");
    const files = [...zip.entries.keys()].filter((n) => /\.(xlsx|docx)$/.test(n));
    expect(files.length).toBe(total);
    expect(files).toContain("天津市公安交通管理局警务保障处/2024年度教育训练-项目绩效目标表.xlsx");
    expect(files).toContain("天津市公安交通管理局警务保障处/2024年度教育训练-项目绩效目标表.docx");
    for (const name of files) {
      // a department's monitoring form (部门整体 运行监控表) is no kind Jixiao imports: it opens as an Office file
      if (/部门整体绩效.*绩效运行监控表/.test(name)) {
        const office = openZip(zip.read(name)!, name);
        expect([...office.entries.keys()], name).toContain(
          name.endsWith(".xlsx") ? "xl/workbook.xml" : "word/document.xml",
        );
        continue;
      }
      const back = await readBack(zip.read(name)!, name.split("/").pop()!);
      expect(back.kind, name).not.toBeNull();
      // the project's goal table (its monitoring form, also in the batch, states no budget of its own)
      if (name.includes("2024年度教育训练-项目绩效目标表")) {
        expect(back.document.projects[0]!.name).toBe("2024年度教育训练");
        expect(back.document.projects[0]!.budget?.yuan).toBe("500000.00");
      }
    }
    expect(zip.readText("清单.txt")).toContain("天津市公安交通管理局警务保障处/2024年度教育训练-项目绩效目标表.xlsx");
    expect(errors).toEqual([]);
  });
});
