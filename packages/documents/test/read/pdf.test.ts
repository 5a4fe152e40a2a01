import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DomainError } from "@jixiao/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { layoutTextToBlocks, readPdf } from "../../src/read/pdf.ts";

/** A one-font PDF with text drawn at given positions on each page (ASCII only, Helvetica). */
function makePdf(pages: Array<Array<[number, number, string]>>): Uint8Array {
  const objects: string[] = [];
  const pageIds: number[] = [];
  // 1 catalog, 2 pages, 3 font, then per page: page + content.
  objects[3] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
  let next = 4;
  for (const items of pages) {
    const content = items
      .map(([x, y, s]) => `BT /F1 11 Tf ${x} ${y} Td (${s.replace(/[()\\]/g, (c) => `\\${c}`)}) Tj ET`)
      .join("\n");
    const pageId = next++;
    const contentId = next++;
    pageIds.push(pageId);
    objects[pageId] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentId} 0 R >>`;
    objects[contentId] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
  }
  objects[1] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((p) => `${p} 0 R`).join(" ")}] /Count ${pageIds.length} >>`;
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  for (let i = 1; i < objects.length; i++) {
    offsets[i] = out.length;
    out += `${i} 0 obj\n${objects[i]}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let i = 1; i < objects.length; i++) out += `${String(offsets[i]).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

const hasPdftotext = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe("layoutTextToBlocks", () => {
  it("splits lines with two or more wide gaps into table rows and the rest into paragraphs, per page", () => {
    const text = [
      "   部门整体支出绩效自评表",
      "",
      "项目          年初预算数      执行数        执行率",
      "年度资金总额  1,000.00        883.00        88.3%",
      "其中：基本支出  600.00        590.00        98.3%",
      "说明 文字",
      "\f第二页  一段",
      "",
    ].join("\n");
    const blocks = layoutTextToBlocks(text, "s.pdf");
    expect(blocks[0]).toEqual({
      type: "paragraph",
      text: "部门整体支出绩效自评表",
      location: { file: "s.pdf", page: 1, row: 1 },
    });
    const t = blocks[1];
    if (t?.type !== "table") throw new Error("no table");
    expect(t.table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ["项目", "年初预算数", "执行数", "执行率"],
      ["年度资金总额", "1,000.00", "883.00", "88.3%"],
      ["其中：基本支出", "600.00", "590.00", "98.3%"],
    ]);
    expect(t.table.location).toEqual({ file: "s.pdf", page: 1, table: 1 });
    expect(t.table.sourceRows).toEqual([3, 4, 5]);
    expect(blocks[2]).toMatchObject({ type: "paragraph", text: "说明 文字" });
    expect(blocks[3]).toEqual({ type: "paragraph", text: "第二页 一段", location: { file: "s.pdf", page: 2, row: 1 } });
  });
});

describe("layoutTextToBlocks: lines wrapped by the page", () => {
  const paragraphs = (text: string) =>
    layoutTextToBlocks(text, "w.pdf").flatMap((b) => (b.type === "paragraph" ? [b.text] : []));

  it("joins a wrapped line to its paragraph — without a space in Chinese text or inside a number", () => {
    const text = [
      "    昨日23时许，公安部在其网站公布了“三公经费”财政拨款情况。2010 年“三公经费”支出 18136.48 万元,预算 1",
      "6865.24 万元，与 2010 年支出相比，压减 1271.24 万元。",
      "    在出国（境）费方面，2010 年出国（境）费财政拨款支出 2688.03 万元，2011 年财政拨款预算",
      "2281 万元。",
      "  一、基本情况",
      "  （一）项目概况。",
    ].join("\n");
    expect(paragraphs(text)).toEqual([
      "昨日23时许，公安部在其网站公布了“三公经费”财政拨款情况。2010 年“三公经费”支出 18136.48 万元,预算 16865.24 万元，与 2010 年支出相比，压减 1271.24 万元。",
      "在出国（境）费方面，2010 年出国（境）费财政拨款支出 2688.03 万元，2011 年财政拨款预算2281 万元。",
      "一、基本情况",
      "（一）项目概况。",
    ]);
  });

  it("keeps apart short lines, a line that ends a sentence, an indented line and lines after a blank", () => {
    const long = "这一行很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长";
    const text = [long, "投入", "15", `${long}。`, "下一段", long, "  缩进的新段", long, "", "空行后"].join("\n");
    expect(paragraphs(text)).toEqual([`${long}投入`, "15", `${long}。`, "下一段", long, "缩进的新段", long, "空行后"]);
  });

  it("Latin words wrapped keep their space; the widest line of any page is the edge", () => {
    const text = ["Performance of the year, as stated by the", "department.\f", "Short", "line"].join("\n");
    expect(paragraphs(text)).toEqual(["Performance of the year, as stated by the department.", "Short", "line"]);
  });

  it("a paragraph wrapped at any width, first line indented, reads back whole (fast-check)", () => {
    const cjk = fc.constantFrom(..."预算执行数万元项目绩效指标满意度公安交警支队年度资金总额");
    const word = fc.oneof(
      fc.string({ unit: cjk, minLength: 1, maxLength: 6 }),
      fc.integer({ min: 0, max: 99999 }).map(String),
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 30, maxLength: 80 }), fc.integer({ min: 20, max: 40 }), (words, w) => {
        const para = words.join("");
        // wrapped as a page does: by printed width (a Chinese character is two columns, a digit one)
        const lines: string[] = [""];
        let at = 0;
        for (const ch of para) {
          const cw = /\d/.test(ch) ? 1 : 2;
          if (at + cw > w) {
            lines.push("");
            at = 0;
          }
          lines[lines.length - 1] += ch;
          at += cw;
        }
        // the last line is short, so that it does not reach the edge (a paragraph of whole lines is the case above)
        const last = [...lines.at(-1)!].reduce((n, ch) => n + (/\d/.test(ch) ? 1 : 2), 0);
        fc.pre(lines.length >= 2 && last < w * 0.5);
        // only lines that end where a sentence does not
        fc.pre(lines.slice(0, -1).every((l) => !/[。：；]$/.test(l)));
        lines[0] = `  ${lines[0]}`;
        expect(paragraphs([...lines, "  下一段"].join("\n"))).toEqual([para, "下一段"]);
      }),
    );
  });
});

describe("readPdf", () => {
  it("says clearly when pdftotext is not installed", async () => {
    const err = await readPdf(makePdf([[[72, 700, "x"]]]), "a.pdf", { command: "/nonexistent/pdftotext" }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).text.en).toMatch(/pdftotext \(poppler-utils\) is not installed/);
  });

  // How soon the hung one is stopped is measured by bench/pdf-stop/run.ts (never a timed assertion in a test).
  it("stops a pdftotext that hangs (killed, not left running), and one that writes too much", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jixiao-pdf-"));
    try {
      // it says its pid, then becomes `sleep 30` under the same pid (exec)
      const hang = join(dir, "hang.sh");
      const pidFile = join(dir, "hang.pid");
      writeFileSync(hang, `#!/bin/sh\necho $$ > '${pidFile}'\ncat >/dev/null\nexec sleep 30\n`);
      chmodSync(hang, 0o755);
      const err = await readPdf(makePdf([[[72, 700, "x"]]]), "h.pdf", { command: hang, timeoutMs: 300 }).catch(
        (e) => e,
      );
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).text.en).toMatch(/too long/);
      // the error comes once the process has ended: it is no longer there
      const pid = Number(readFileSync(pidFile, "utf8").trim());
      expect(pid).toBeGreaterThan(0);
      expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: "ESRCH" }));
      const flood = join(dir, "flood.sh");
      writeFileSync(flood, "#!/bin/sh\ncat >/dev/null\nexec yes 项目\n");
      chmodSync(flood, 0o755);
      const err2 = await readPdf(makePdf([[[72, 700, "x"]]]), "f.pdf", {
        command: flood,
        maxOutputBytes: 1024 * 1024,
      }).catch((e) => e);
      expect((err2 as DomainError).text.en).toMatch(/too much text/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!hasPdftotext)("reads a text layer into paragraphs and a table", async () => {
    const pdf = makePdf([
      [
        [72, 760, "Performance self-evaluation 2023"],
        [72, 720, "Item"],
        [250, 720, "Budget"],
        [400, 720, "Spent"],
        [72, 700, "Total"],
        [250, 700, "1000.00"],
        [400, 700, "883.00"],
      ],
      [[72, 760, "Page two"]],
    ]);
    const doc = await readPdf(pdf, "dir/self.pdf");
    expect(doc.file).toBe("self.pdf");
    expect(doc.format).toBe("pdf");
    expect(doc.blocks[0]).toMatchObject({ type: "paragraph", text: "Performance self-evaluation 2023" });
    const t = doc.blocks.find((b) => b.type === "table");
    if (t?.type !== "table") throw new Error("no table");
    expect(t.table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ["Item", "Budget", "Spent"],
      ["Total", "1000.00", "883.00"],
    ]);
    expect(doc.blocks.at(-1)).toMatchObject({ type: "paragraph", text: "Page two", location: { page: 2 } });
  });

  it.skipIf(!hasPdftotext)("refuses a PDF without a text layer", async () => {
    const err = await readPdf(makePdf([[]]), "scan.pdf").catch((e) => e);
    expect((err as DomainError).text.en).toMatch(/no text layer/);
  });

  it.skipIf(!hasPdftotext)("refuses a broken PDF", async () => {
    const err = await readPdf(new TextEncoder().encode("%PDF-1.4\ngarbage"), "b.pdf").catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).text.en).toMatch(/damaged|no text layer/);
  });
});
