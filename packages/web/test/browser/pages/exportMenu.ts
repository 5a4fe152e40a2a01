/** The 导出 button's menu (components/ExportButton): it opens on hover and closes when the pointer leaves. */
import type { Download, Page } from "playwright-core";

/**
 * Downloads the export in a format. Under load the menu can close before the click on its item lands (the click then
 * waits for an item that will not come back: seen once at load 30, the journey's docx export): the click is a probe
 * of 10 s, and the menu is hovered open again, three times at most. The download itself is waited for as long as
 * any other wait (harness.ts, WAIT).
 */
export async function downloadExport(page: Page, format: "docx" | "xlsx" | "pdf"): Promise<Download> {
  const download = page.waitForEvent("download");
  const item = page.getByTestId(`export-${format}`);
  for (let attempt = 1; ; attempt++) {
    await page.getByTestId("export").hover();
    const clicked = await item.click({ timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    if (clicked) break;
    if (attempt >= 3) {
      download.catch(() => undefined);
      throw new Error(`the export menu's ${format} item could not be clicked`);
    }
  }
  return download;
}
