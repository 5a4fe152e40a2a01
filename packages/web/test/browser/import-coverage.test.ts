/**
 * The import wizard says what it did not read (issue 11 §5) in Debian's chromium: the demo filler uploads a
 * document from another province (a real 项目支出绩效自评表 of the corpus, its table on one line of words, as copied
 * from a web page) with an annex table nobody knows appended, and sees the kind in Chinese, the share read, and the
 * annex listed among the unread parts at its line; then a form whose every figure is a placeholder, which the
 * wizard says cannot be judged (未能判断). What is expected is read with packages/documents' importer from the same
 * bytes, not written down here.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { importDocument, KIND_NAMES, readExtractedText } from "@jixiao/documents";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, REPO_DIR, signIn, startHarness } from "./harness.ts";
import { ImportWizard } from "./pages/imports.ts";

const hasChromium = existsSync(CHROMIUM);
const CORPUS_DOC = resolve(REPO_DIR, "fixtures/corpus/docs/ah-chizhou-tangxi-2022-pse-1.txt");

describe.skipIf(!hasChromium && !process.env.CI)("the import wizard shows what it did not read", () => {
  let h: Harness;
  let page: Page;
  const dir = mkdtempSync(join(tmpdir(), "jixiao-coverage-"));

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

  it("a province's one-line 自评表 with an unknown annex: its kind in Chinese, the share read, the annex at its line", async () => {
    const annex = Array.from({ length: 30 }, (_, i) => `附表行${i} | 甲${i} | ${i * 7} | ${i * 3}`);
    const text = `${readFileSync(CORPUS_DOC, "utf8")}\n附表：其他情况\n${annex.join("\n")}\n`;
    const file = join(dir, "池州自评表.txt");
    writeFileSync(file, text);
    const expected = importDocument(readExtractedText(text, "池州自评表.txt"));
    expect(expected.kind).toBe("project-self-evaluation");

    const wizard = new ImportWizard(page);
    await wizard.open();
    await wizard.upload(file);
    await expect.poll(() => page.getByTestId("import-kind").first().textContent()).toBe(KIND_NAMES[expected.kind!].zh);
    const lines = page.getByTestId("import-coverage-lines");
    await expect
      .poll(() => lines.textContent())
      .toContain(`${expected.coverage.lines.read}/${expected.coverage.lines.total} 行`);
    const unread = page.getByTestId("import-unread");
    await unread.waitFor();
    const annexEntry = expected.coverage.unread.find((u) => u.text.includes("附表行0"));
    expect(annexEntry, "the importer lists the annex as unread").toBeDefined();
    await expect.poll(() => unread.textContent()).toContain(`第 ${annexEntry!.location.row} 行`);
    await expect.poll(() => unread.textContent()).toContain("附表行0");
    await h.screenshot(page, "import-coverage", { publish: true });
  });

  it("a form whose figures are all placeholders: 未能判断, with why", async () => {
    const rows = [
      ["项目名称", "某项目", "", "", "", "", ""],
      ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
      ["年度资金总额", "**", "**", "**", "**", "**", "**"],
      ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
      ["产出指标", "数量指标", "某指标", "**", "**", "**", "**"],
    ];
    const file = join(dir, "空表.txt");
    writeFileSync(file, ["项目支出绩效自评表", ...rows.map((r) => r.join("\t"))].join("\n"));
    const wizard = new ImportWizard(page);
    await wizard.open();
    await wizard.upload(file);
    const alert = page.getByTestId("import-coverage-insufficient");
    await alert.waitFor();
    await expect.poll(() => alert.textContent()).toContain("未能判断");
    await expect.poll(() => alert.textContent()).toContain("没有读出任何数字");
  });
});
