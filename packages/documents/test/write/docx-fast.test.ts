/**
 * The docx writer (issue 14) writes its own word/document.xml and takes the other parts from the `docx` library:
 * for every layout of every seed, the generated duty tables, merges down several rows, several sections and the
 * characters XML escapes, the package has the parts the library writes itself (`writeDocxWithLibrary`), only
 * the creation time in docProps/core.xml aside.
 */
import { describe, expect, it } from "vitest";
import { documentXml, writeDocxWithLibrary } from "../../src/write/docx.ts";
import { writeDocx } from "../../src/write/index.ts";
import { buildLayout, layoutsFor } from "../../src/write/layouts.ts";
import type { WDocument } from "../../src/write/model.ts";
import { projectSelfEvaluationSample, SEEDS, seedDocument } from "./fixtures.ts";
import { parts } from "./parts.ts";

const same = async (page: WDocument) => {
  // Written here, not left to the library.
  expect(documentXml(page, "宋体")).toBeDefined();
  await sameParts(page);
};
const sameParts = async (page: WDocument) =>
  expect(parts(await writeDocx(page))).toEqual(parts(await writeDocxWithLibrary(page)));

describe("writeDocx", () => {
  it.each(SEEDS)("writes seed %s's layouts as the docx library does", async (seed) => {
    const doc = seedDocument(seed);
    for (const layout of layoutsFor(doc)) await same(buildLayout(doc, layout));
  });

  it("writes a project self-evaluation as the docx library does", async () => {
    const doc = projectSelfEvaluationSample();
    for (const layout of layoutsFor(doc)) await same(buildLayout(doc, layout));
  });

  it("writes merges, sections, escapes and fonts as the docx library does", async () => {
    const page: WDocument = {
      title: `标题 & <"引号"> 'x'\u0001`,
      bodyFont: "fangsong",
      sections: [
        {
          name: "一",
          orientation: "portrait",
          blocks: [
            { type: "paragraph", text: "标题", style: "title" },
            { type: "paragraph", text: "副标题\n第二行", style: "subtitle", align: "right" },
            { type: "paragraph", text: "正文 a<b & c>d", style: "body" },
            { type: "paragraph", text: "注", style: "note", align: "center" },
            {
              type: "table",
              table: {
                widths: [3, 1, 2, 2],
                repeat: { start: 0, count: 2 },
                rows: [
                  [
                    { text: "合并\n两行", rowSpan: 3, colSpan: 2, bold: true },
                    null,
                    { text: "c", colSpan: 1 },
                    { text: "d" },
                  ],
                  [null, null, { text: "1.00", numeric: true, rowSpan: 2 }, { text: "e", align: "center" }],
                  [null, null, null, { text: "" }],
                  [{ text: "f" }, { text: "g", rowSpan: 5 }, { text: "h" }, { text: "i" }],
                ],
              },
            },
          ],
        },
        { name: "二", orientation: "landscape", blocks: [{ type: "paragraph", text: "只有文字", style: "heading" }] },
        {
          name: "三",
          orientation: "landscape",
          blocks: [{ type: "table", table: { widths: [1], rows: [[{ text: "x" }]] } }],
        },
      ],
    };
    await same(page);
  });
});
