/**
 * Page model of the import wizard's 粘贴表格 box: a real `paste` event (a ClipboardEvent whose DataTransfer holds
 * what Excel, Word or WPS put on the clipboard) dispatched at the box, the rows × columns it says it got, its
 * message for a paste without a table, and the server's plan as rows. Upload and commit are the wizard's
 * (pages/imports.ts).
 */
import type { Locator, Page } from "playwright-core";
import { ImportWizard } from "./imports.ts";

export interface Clipboard {
  html?: string;
  text?: string;
  /** Files on the clipboard (a screenshot): name and MIME type. */
  files?: { name: string; type: string }[];
}

export interface PlanRow {
  kind: string;
  name: string;
  action: string;
  indicators: string;
}

export class ImportPasteWizard extends ImportWizard {
  constructor(page: Page) {
    super(page);
  }

  box(): Locator {
    return this.page.getByTestId("import-paste");
  }

  /** Focuses the box and pastes into it what the clipboard holds, as the browser does on Ctrl+V. */
  async paste(clip: Clipboard): Promise<void> {
    await this.box().click();
    await this.box().evaluate((el, c) => {
      const data = new DataTransfer();
      if (c.html !== undefined) data.setData("text/html", c.html);
      if (c.text !== undefined) data.setData("text/plain", c.text);
      for (const f of c.files ?? []) data.items.add(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], f.name, f));
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, clip);
  }

  /** Pastes and waits for the server's plan of the uploaded paste. */
  async pasteAndPreview(clip: Clipboard, fileName: string): Promise<void> {
    const answer = this.page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/v1/imports",
    );
    await this.paste(clip);
    const res = await answer;
    if (!res.ok()) throw new Error(`upload of the paste: ${res.status()} ${await res.text()}`);
    await this.page.getByTestId("import-page").getByText(fileName, { exact: false }).first().waitFor();
    await this.page.getByTestId("import-plan").waitFor();
  }

  /** What the box says it got ("已粘贴 8 行 × 7 列，…"). */
  async size(): Promise<string> {
    return (await this.page.getByTestId("import-paste-size").textContent()) ?? "";
  }

  /** The box's message for a paste without a table ("" when none). */
  async problem(): Promise<string> {
    const p = this.page.getByTestId("import-paste-problem");
    return (await p.count()) ? ((await p.textContent()) ?? "") : "";
  }

  /** The plan's rows as shown: kind, name, action, number of indicators. */
  async plan(): Promise<PlanRow[]> {
    const rows = this.page.getByTestId("import-plan").locator("tbody tr.ant-table-row");
    return rows.evaluateAll((trs) =>
      trs.map((tr) => {
        const td = [...tr.querySelectorAll("td")].map((c) => (c.textContent ?? "").trim());
        return { kind: td[0] ?? "", name: td[1] ?? "", action: td[2] ?? "", indicators: td[3] ?? "" };
      }),
    );
  }
}
