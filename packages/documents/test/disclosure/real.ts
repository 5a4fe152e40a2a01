/**
 * Published 部门决算 / 预算公开 pages of several provinces, kept verbatim in fixtures/disclosures/ as the page store gave
 * them (cut after about 1,500 characters), what each must read as, and copies of them with one mistake of issue 18's
 * list planted. scripts/disclosure-real-render.ts prints every one (clean and planted) to PDF with LibreOffice
 * (fixtures/disclosures/real-pdf/); packages/documents/test/disclosure/real.test.ts reads the texts and the PDFs.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DISCLOSURES, replaceEach } from "./planted.ts";

export const REAL_PDF = join(DISCLOSURES, "real-pdf");

export interface RealDocument {
  id: string;
  province: string;
  /** The kind importDocument must recognise. */
  kind: "final-account-disclosure" | "three-public";
  /** Whether the review may give a verdict (a page cut before its tables gives none). */
  judged: boolean;
  /** For a disclosure: the titles of the tables found, and how many of them have rows read. */
  tables?: { titles: string[]; withRows: number };
  /** Shares (占…%) the narrative states that are read, all consistent. */
  shares?: number;
  /** The page's own published mistakes, found (else it must raise no error). */
  errors?: RegExp[];
}

export const REAL: RealDocument[] = [
  {
    id: "hb-nanzhang-zsfw-2019-fad-1",
    province: "湖北",
    kind: "final-account-disclosure",
    judged: false,
    tables: { titles: ["收入支出决算总表"], withRows: 0 },
  },
  // its own mistake: `财政拨款支出年初预算数 472.9 万元,完成年初预算的 27.22%` while 财政拨款支出总计 is 500.12 万元
  {
    id: "zj-jinhua-jzglz-2021-fad-1",
    province: "浙江",
    kind: "final-account-disclosure",
    judged: false,
    shares: 11,
    errors: [/^disclosure\.comparison-words: .*500\.12 万元 ÷ 预算 472\.9 万元 = 105\.76%，不是 27\.22%/],
  },
  // its own mistake: `3.公务用车费 | 0` above `(1)公务用车运行维护费 | 32.65`, so 合计 34.35 ≠ 0 + 1.70 + 0 and 0 ≠ 32.65 + 0; a page holding
  // only a 三公 table gets the 三公 table's rules
  {
    id: "gx-guilin-sfj-2015-3p-1",
    province: "广西",
    kind: "three-public",
    judged: true,
    errors: [
      /^disclosure\.table-sum: .*“三公”经费合计（预算）：34\.35 万元 ≠ 各项之和 1\.70 万元/,
      /^disclosure\.table-sum: .*公务用车购置及运行费（预算）：0\.00 万元 ≠ 各项之和 32\.65 万元/,
    ],
  },
  { id: "yn-shidian-czj-2016-3p-1", province: "云南", kind: "three-public", judged: false },
  // its header's two columns run together (项目2016年预算数 / 小计其中:一般公共预算安排数): read apart, rows in both
  { id: "js-nantong-gzw-2016-3p-1", province: "江苏", kind: "three-public", judged: true },
];

export interface RealPlanted {
  /** File name without extension (under real-pdf/). */
  id: string;
  base: string;
  edits: [string, string][];
  rule: string;
  zh: RegExp;
  /** The table the finding names, when it is about one. */
  table?: string;
}

/** Mistakes of issue 18's list planted in the published texts, each found by its rule. */
export const REAL_PLANTED: RealPlanted[] = [
  {
    id: "hb-nanzhang-zsfw-2019-fad-1--placeholder",
    base: "hb-nanzhang-zsfw-2019-fad-1",
    edits: [["部门:南漳县招商服务中心", "部门:南漳县XX中心"]],
    rule: "disclosure.placeholder",
    zh: /占位符「XX」/,
  },
  {
    id: "hb-nanzhang-zsfw-2019-fad-1--unit-name",
    base: "hb-nanzhang-zsfw-2019-fad-1",
    edits: [["部门:南漳县招商服务中心", "部门:南漳县招商局"]],
    rule: "disclosure.unit-name-mismatch",
    zh: /单位名称「南漳县招商局」与公开单位「南漳县招商服务中心」不一致/,
    table: "收入支出决算总表",
  },
  {
    id: "hb-nanzhang-zsfw-2019-fad-1--year",
    base: "hb-nanzhang-zsfw-2019-fad-1",
    edits: [["第二部分  县招商服务中心2019年部门决算表", "第二部分  县招商服务中心2018年部门决算表"]],
    rule: "disclosure.year-mismatch",
    zh: /2018 年，而本公开是 2019 年度的/,
  },
  {
    id: "zj-jinhua-jzglz-2021-fad-1--placeholder",
    base: "zj-jinhua-jzglz-2021-fad-1",
    edits: [["8.金华市救助管理站2021年度单位决算.pdf", "8.金华市XX管理站2021年度单位决算.pdf"]],
    rule: "disclosure.placeholder",
    zh: /占位符「XX」/,
  },
  {
    id: "zj-jinhua-jzglz-2021-fad-1--share",
    base: "zj-jinhua-jzglz-2021-fad-1",
    edits: [["占 77.43%", "占 74.43%"]],
    rule: "disclosure.share",
    zh: /401\.91 万元 ÷ 本年支出合计 519\.07 万元 = 77\.43%，不是 74\.43%/,
  },
  {
    id: "zj-jinhua-jzglz-2021-fad-1--share-after-aside",
    base: "zj-jinhua-jzglz-2021-fad-1",
    edits: [["占收入合计 96.35%", "占收入合计 93.65%"]],
    rule: "disclosure.share",
    zh: /500\.12 ?万 ?元 ÷ 本年收入合计 519\.07 万元 = 96\.35%，不是 93\.65%/,
  },
];

export const realText = (id: string) => readFileSync(join(DISCLOSURES, `${id}.txt`), "utf8");

/** Every text printed to PDF: the published ones and the planted copies. */
export function realTexts(): { id: string; text: string }[] {
  return [
    ...REAL.map((r) => ({ id: r.id, text: realText(r.id) })),
    ...REAL_PLANTED.map((p) => ({ id: p.id, text: replaceEach(realText(p.base), p.edits) })),
  ];
}
