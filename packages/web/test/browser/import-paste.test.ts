/**
 * The import wizard's 粘贴表格 (issue 4: "a table pasted from Excel/Word/WPS") in Debian's chromium. The demo
 * filler pastes into the wizard's paste box a real `paste` event holding (1) seed 004's first project as Excel puts
 * it on the clipboard — HTML, the title and headings merged across (colspan), 预算规模及资金用途 and each 一级指标
 * merged down (rowspan), numbers with Excel's `x:num` — and (2) seed 004's second project as tab-separated text
 * only, and (3) seed 004's third project as Word puts it on the clipboard (the heading a paragraph, each table its
 * own, Word's settings in the HTML's head). Each time the box says how many rows × columns it got, the server's plan shows the project with its
 * number of indicators, and the commit writes it: the API then lists the project with exactly the pasted 三级指标.
 * An empty paste, and a paste of a picture, give the box's message and upload nothing.
 * What is expected is computed from the rows the test pastes (built here from the seed), not written down.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { readDocument, readExtractedText } from "@jixiao/documents";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, REPO_DIR, startHarness } from "./harness.ts";
import { ImportPasteWizard } from "./pages/importPaste.ts";
import { signedInAt } from "./pages/session.ts";

const hasChromium = existsSync(CHROMIUM);
const SEED = resolve(REPO_DIR, "fixtures/seeds/004_8649601bbeaed617.txt");
/** The demo filler's organisation (packages/server/src/demo/seed.ts), seed 004's unit. */
const UNIT = "天津市公安交通管理局警务保障处";
/** A demo year with nothing of the filler's organisation in it. */
const YEAR = 2026;

/** One project of seed 004 as a sheet range: its heading, then its tables' rows, all as wide as the widest. */
interface Grid {
  title: string;
  /** The project's tables as the seed has them (Word copies them so: the heading a paragraph, then each table). */
  tables: string[][][];
  rows: string[][];
  /** Which of the project's tables each row comes from (merges stay within a table). */
  table: number[];
  width: number;
}

/** Seed 004's projects, each from its heading (…绩效目标表) to the next, as the documents package reads the seed. */
async function seedProjects(): Promise<Grid[]> {
  const read = await readDocument(new Uint8Array(await readFile(SEED)), "004.txt");
  if (read.format !== "text") throw new Error(`seed 004 is read as ${read.format}`);
  const grids: { title: string; tables: string[][][] }[] = [];
  for (const b of readExtractedText(read.text, read.file).blocks) {
    if (b.type === "paragraph" && /绩效目标表/.test(b.text)) grids.push({ title: b.text, tables: [] });
    else if (b.type === "table") grids.at(-1)?.tables.push(b.table.rows.map((r) => r.map((c) => c.text)));
  }
  return grids.map(({ title, tables }) => {
    const width = Math.max(...tables.map((t) => t[0]!.length));
    const pad = (r: string[]) => [...r, ...Array<string>(width - r.length).fill("")];
    return {
      title,
      tables,
      rows: [pad([title]), ...tables.flatMap((t) => t.map(pad))],
      table: [0, ...tables.flatMap((t, i) => t.map(() => i + 1))],
      width,
    };
  });
}

/** What the pasted rows hold: the project's name and its 三级指标 (the rows under the 一级指标 heading). */
function expectedOf(g: Grid): { name: string; indicators: string[] } {
  const name = g.rows.find((r) => r[0] === "项目名称")?.[1];
  const head = g.rows.findIndex((r) => r[0] === "一级指标");
  const col = g.rows[head]?.indexOf("三级指标") ?? -1;
  if (!name || head < 0 || col < 0) throw new Error("seed 004's project table has no name or indicator heading");
  return {
    name,
    indicators: g.rows
      .slice(head + 1)
      .map((r) => r[col]!)
      .filter((t) => t !== ""),
  };
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Rows as a table on the clipboard: a row's trailing empty cells merged into its last cell (colspan), an empty first
 * cell under a filled one of the same table merged into it (rowspan); each cell's markup by `td`.
 */
function tableRows(
  rows: string[][],
  table: number[],
  width: number,
  td: (text: string, attrs: string) => string,
): string[] {
  const down = new Map<number, number>();
  const covered = new Set<number>();
  rows.forEach((r, i) => {
    if (r[0] === "" || covered.has(i)) return;
    let n = 1;
    while (i + n < rows.length && rows[i + n]![0] === "" && table[i + n] === table[i]) covered.add(i + n++);
    if (n > 1) down.set(i, n);
  });
  return rows.map((r, i) => {
    const from = covered.has(i) ? 1 : 0;
    let last = r.length - 1;
    while (last > from && r[last] === "") last--;
    const tds: string[] = [];
    for (let c = from; c <= last; c++) {
      const rs = c === 0 && down.has(i) ? ` rowspan=${down.get(i)}` : "";
      const cs = c === last && last < width - 1 ? ` colspan=${width - last}` : "";
      tds.push(td(r[c]!, `${rs}${cs}`));
    }
    return ` <tr>\r\n  ${tds.join("\r\n  ")}\r\n </tr>`;
  });
}

/** The rows as Excel's clipboard HTML: one table, merged cells as spans, numbers with their stored value (x:num). */
function excelHtml(g: Grid): string {
  const tr = tableRows(g.rows, g.table, g.width, (text, attrs) => {
    const num = /^\d+(\.\d+)?$/.test(text) ? ` x:num="${Number(text)}"` : "";
    return `<td class=xl66${attrs}${num} style='border:.5pt solid windowtext'>${esc(text)}</td>`;
  });
  return `<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:x="urn:schemas-microsoft-com:office:excel"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Excel.Sheet>
<meta name=Generator content="Microsoft Excel 15">
<style>td {mso-number-format:General;} .xl66 {mso-number-format:"\\@";}</style>
<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>Sheet1</x:Name></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]-->
</head>
<body link="#0563C1" vlink="#954F72">
<table border=0 cellpadding=0 cellspacing=0 style='border-collapse:collapse'>
<!--StartFragment-->
${tr.join("\r\n")}
<!--EndFragment-->
</table>
</body>
</html>`;
}

/**
 * The project as Word's clipboard HTML: the heading a paragraph, each table its own, a cell's text in a paragraph,
 * and the head Word writes (its settings as <w:WordDocument> in a conditional comment).
 */
function wordHtml(g: Grid): string {
  const p = (text: string) =>
    text === ""
      ? "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>"
      : `<p class=MsoNormal><span lang=ZH-CN>${esc(text)}<o:p></o:p></span></p>`;
  const tables = g.tables.map((t) => {
    const width = Math.max(...t.map((r) => r.length));
    const tr = tableRows(
      t,
      t.map(() => 0),
      width,
      (text, attrs) => `<td width=96 valign=top${attrs}>${p(text)}</td>`,
    );
    return `<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>\r\n${tr.join("\r\n")}\r\n</table>`;
  });
  return `<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<!--[if gte mso 9]><xml>
 <w:WordDocument>
  <w:View>Normal</w:View>
  <w:Zoom>0</w:Zoom>
 </w:WordDocument>
</xml><![endif]-->
</head>
<body lang=ZH-CN style='tab-interval:21.0pt'>
<!--StartFragment-->
<p class=MsoNormal><b><span lang=ZH-CN>${esc(g.title)}</span></b></p>
${tables.join("\r\n<p class=MsoNormal><o:p>&nbsp;</o:p></p>\r\n")}
<!--EndFragment-->
</body>
</html>`;
}

/** The rows as Excel's clipboard text: tab-separated, CRLF after every row, a cell with a tab, line end or quote quoted. */
function excelText(g: Grid): string {
  const cell = (t: string) => (/[\t\r\n"]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  return g.rows.map((r) => `${r.map(cell).join("\t")}\r\n`).join("");
}

describe.skipIf(!hasChromium)("import wizard: a table pasted from Excel (seed 004)", () => {
  let h: Harness;
  let page: Page;
  let wizard: ImportPasteWizard;
  let projects: Grid[];
  let orgId: string;
  /** The wizard's uploads (POST /api/v1/imports) so far. */
  const uploads: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    projects = await seedProjects();
    h = await startHarness();
    ({ page } = await signedInAt(h, "filler", { org: UNIT, year: YEAR, errors }));
    page.on("request", (r) => {
      if (r.method() === "POST" && new URL(r.url()).pathname === "/api/v1/imports") uploads.push(r.url());
    });
    const orgs = (await (await page.request.get("/api/v1/orgs")).json()) as { items: { id: string; name: string }[] };
    orgId = orgs.items.find((o) => o.name === UNIT)!.id;
    wizard = new ImportPasteWizard(page);
    await wizard.open();
  });

  afterAll(async () => {
    await h?.close();
  });

  /** The project as the API has it in the organisation and year: its 三级指标 names (undefined when not there). */
  const written = async (name: string): Promise<string[] | undefined> => {
    const list = await page.request.get(`/api/v1/projects?orgId=${orgId}&year=${YEAR}&pageSize=200`);
    const project = ((await list.json()) as { items: { id: string; name: string }[] }).items.find(
      (p) => p.name === name,
    );
    if (!project) return undefined;
    const ind = await page.request.get(`/api/v1/projects/${project.id}/indicators`);
    return ((await ind.json()) as { items: { level: number; name: string }[] }).items
      .filter((i) => i.level === 3)
      .map((i) => i.name);
  };

  it("seed 004 gives the rows to paste: three projects with indicators", () => {
    expect(projects.length).toBeGreaterThanOrEqual(3);
    for (const g of projects.slice(0, 3)) expect(expectedOf(g).indicators.length).toBeGreaterThan(0);
  });

  it("an empty paste, or a picture: the box says what to do and nothing is uploaded", async () => {
    await wizard.paste({ html: "", text: " \r\n" });
    expect(await wizard.problem()).toContain("剪贴板中没有表格：请在 Excel、Word 或 WPS 中选中整个表格");
    await wizard.paste({ files: [{ name: "截图.png", type: "image/png" }] });
    expect(await wizard.problem()).toContain("剪贴板中是图片或文件，不是表格的单元格");
    // In English too.
    await page.getByTestId("lang-switch").click();
    await wizard.paste({ text: "" });
    expect(await wizard.problem()).toContain("The clipboard holds no table");
    await page.getByTestId("lang-switch").click();
    await page.getByText("粘贴表格", { exact: true }).waitFor();
    expect(uploads).toEqual([]);
    expect(await page.getByTestId("import-plan").count()).toBe(0);
  });

  it("Excel's clipboard HTML of the first project: its rows × columns, the project in the plan, committed with its indicators", async () => {
    const g = projects[0]!;
    const X = expectedOf(g);
    const html = excelHtml(g);
    // Merged as Excel merges them: the title across, 预算规模及资金用途 and the 一级指标 down.
    expect(html).toMatch(/ colspan=\d+/);
    expect(html.match(/ rowspan=\d+/g)?.length).toBeGreaterThanOrEqual(2);
    // What a copy from Excel holds: the HTML and the same cells as text; the wizard takes the HTML.
    await wizard.pasteAndPreview({ html, text: excelText(g) }, "粘贴的表格.html");
    expect(uploads).toHaveLength(1);
    expect(await wizard.problem()).toBe("");
    expect(await wizard.size()).toBe(`已粘贴 ${g.rows.length} 行 × ${g.width} 列，带格式的表格（HTML）`);
    const planned = (await wizard.plan()).filter((r) => r.kind === "项目");
    expect(planned).toEqual([{ kind: "项目", name: X.name, action: "新建", indicators: String(X.indicators.length) }]);
    expect(await page.getByTestId("import-problems").locator(".ant-tag-red").count()).toBe(0);
    expect(await written(X.name)).toBeUndefined();
    await h.screenshot(page, "import-paste");

    await wizard.commit();
    expect((await written(X.name))?.sort()).toEqual([...X.indicators].sort());
    expect(errors).toEqual([]);
  });

  it("tab-separated text of the second project: its rows × columns, the project in the plan, committed with its indicators", async () => {
    const g = projects[1]!;
    const X = expectedOf(g);
    await wizard.pasteAndPreview({ text: excelText(g) }, "粘贴的表格.txt");
    expect(uploads).toHaveLength(2);
    expect(await wizard.size()).toBe(`已粘贴 ${g.rows.length} 行 × ${g.width} 列，制表符分隔的文本`);
    const planned = (await wizard.plan()).filter((r) => r.kind === "项目");
    expect(planned).toEqual([{ kind: "项目", name: X.name, action: "新建", indicators: String(X.indicators.length) }]);
    expect(await written(X.name)).toBeUndefined();

    await wizard.commit();
    expect((await written(X.name))?.sort()).toEqual([...X.indicators].sort());
    // The first paste's project is still there, unchanged by the second.
    expect((await written(expectedOf(projects[0]!).name))?.length).toBe(expectedOf(projects[0]!).indicators.length);
    expect(errors).toEqual([]);
  });

  it("Word's clipboard HTML of the third project (heading, two tables, Word's head): counted, planned and committed", async () => {
    const g = projects[2]!;
    const X = expectedOf(g);
    const html = wordHtml(g);
    await wizard.pasteAndPreview({ html, text: g.rows.map((r) => r.join("\t")).join("\r\n") }, "粘贴的表格.html");
    expect(uploads).toHaveLength(3);
    const rows = g.tables.reduce((n, t) => n + t.length, 0);
    const columns = Math.max(...g.tables.map((t) => Math.max(...t.map((r) => r.length))));
    expect(await wizard.size()).toBe(
      `已粘贴 ${g.tables.length} 个表格，共 ${rows} 行 × ${columns} 列，带格式的表格（HTML）`,
    );
    const planned = (await wizard.plan()).filter((r) => r.kind === "项目");
    expect(planned).toEqual([{ kind: "项目", name: X.name, action: "新建", indicators: String(X.indicators.length) }]);

    await wizard.commit();
    expect((await written(X.name))?.sort()).toEqual([...X.indicators].sort());
    expect(errors).toEqual([]);
  });
});
