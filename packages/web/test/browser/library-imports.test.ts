/**
 * Imported documents in the indicator library, in Debian's chromium (issue 17 point 3, "…and from imported
 * documents"): the demo filler imports a legacy project self-evaluation (a corpus document of another province,
 * whose indicators no approved goal of the demo has) with the import wizard; while the filler then types the start
 * of one of its indicators into a project's grid, the library suggests it with the document's 二级 and target, and a
 * pick fills the row; 指标库 lists the entry as used in the imported file (导入文件), and the entries found download as
 * a workbook with its 二级, target and uses. What is expected is read from the
 * document as the importer reads it, not written down.
 */
import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { importDocument, readDocument, readExtractedText } from "@jixiao/documents";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, REPO_DIR, startHarness } from "./harness.ts";
import { ImportWizard } from "./pages/imports.ts";
import { LibraryPage, NameSuggestions } from "./pages/library.ts";
import { ProjectList } from "./pages/projects.ts";
import { signedInAt } from "./pages/session.ts";

const hasChromium = existsSync(CHROMIUM);
const UNIT = "天津市公安交通管理局警务保障处";
const FILE = resolve(REPO_DIR, "fixtures/corpus/docs/ah-xuancheng-gaj-2021-pse-1.txt");
const FILE_NAME = "ah-xuancheng-gaj-2021-pse-1.txt";

/** The document's project self-evaluation and one of its indicators with a 二级 and a target, as imported. */
async function documentIndicator() {
  const read = await readDocument(new Uint8Array(await readFile(FILE)), FILE_NAME);
  if (read.format !== "text") throw new Error(`the document is read as ${read.format}`);
  const doc = importDocument(readExtractedText(read.text, read.file)).document;
  const evaluation = doc.projectSelfEvaluations[0];
  const indicator = evaluation?.indicators.find((i) => i.level2 && i.target?.text);
  if (!evaluation || !indicator) throw new Error("the document has no self-evaluated indicator with a target");
  return {
    evaluation: evaluation.name,
    name: indicator.name,
    level2: indicator.level2!,
    target: indicator.target!.text,
  };
}

describe.skipIf(!hasChromium)("the indicator library fed by an imported document", () => {
  let h: Harness;
  const errors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h?.close();
    expect(errors).toEqual([]);
  });

  it("suggests an imported document's indicator while the filler types, and lists the file where it was used", async () => {
    const expected = await documentIndicator();
    // the fragment typed: the name's first characters after its numbering (指标1：…)
    const fragment = expected.name.replace(/^指标\d+[:：]/, "").slice(0, 4);
    const { page } = await signedInAt(h, "filler", { org: UNIT, year: 2024, errors });
    const list = new ProjectList(page);
    await list.open();
    await list.openProject("2024年度教育训练");
    const names = new NameSuggestions(page);
    let tail = (await page.locator('[data-testid^="grid-row-"]').count()) - 1;
    // before the import the library has no such indicator
    expect(await names.typeAndAnswer(tail, fragment)).not.toContain(expected.name);
    await page.keyboard.press("Escape");

    const wizard = new ImportWizard(page);
    await wizard.open();
    const plan = await wizard.upload(FILE);
    expect(plan).toContain(expected.evaluation);
    await wizard.commit();

    await list.open();
    const project = await list.openProject("2024年度教育训练");
    tail = (await page.locator('[data-testid^="grid-row-"]').count()) - 1;
    expect(await names.typeAndAnswer(tail, fragment)).toContain(expected.name);
    const shown = await names.shown();
    expect(
      shown.some((s) => s.includes(expected.name) && s.includes(expected.level2) && s.includes(expected.target)),
    ).toBe(true);
    await names.pick(expected.name);
    expect(await project.cell(tail, "name").textContent()).toBe(expected.name);
    expect(await project.cell(tail, "level2").textContent()).toBe(expected.level2);
    await page.keyboard.press("Escape");
    await page.close();

    const reviewer = await signedInAt(h, "reviewer", { org: UNIT, year: 2024, errors });
    const library = new LibraryPage(reviewer.page);
    await library.open();
    await library.search(expected.name);
    const uses = await library.uses(expected.name);
    expect(uses).toEqual([
      { kind: "document", text: expect.stringContaining(`${expected.evaluation}（${FILE_NAME}）`) },
    ]);
    expect(uses[0]!.text).toContain("导入文件");
    expect(uses[0]!.text).toContain(expected.target);
    await h.screenshot(reviewer.page, "library-imported-document", { publish: true });

    // the entries found, as a workbook: the imported indicator with its uses and target
    const [download] = await Promise.all([
      reviewer.page.waitForEvent("download"),
      reviewer.page.getByTestId("library-export-xlsx").click(),
    ]);
    expect(download.suggestedFilename()).toBe("天津市公安交通管理局绩效指标库.xlsx");
    const wb = new ExcelJS.Workbook();
    const bytes = readFileSync((await download.path())!);
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((r) => {
      const cells: string[] = [];
      r.eachCell({ includeEmpty: true }, (c) => void cells.push(String(c.value ?? "")));
      rows.push(cells);
    });
    const head = rows.findIndex((r) => r.includes("三级指标"));
    const at = (r: string[], name: string) => r[rows[head]!.indexOf(name)];
    const line = rows.slice(head + 1).find((r) => at(r, "三级指标") === expected.name)!;
    expect([at(line, "二级指标"), at(line, "常见指标值"), at(line, "使用次数")]).toEqual([
      expected.level2,
      expected.target,
      "1",
    ]);
    await reviewer.page.close();
  });
});
