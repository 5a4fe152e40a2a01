/**
 * The text as lines, with their page, and the page furniture taken out (each with a note): what a web page or a
 * printed page adds around the document — 发布时间 / 来源 / 浏览次数 lines, 【字体：大 中 小】, 打印 / 关闭,
 * breadcrumbs, ICP / 备案 / 网站标识码 lines, page numbers (第 3 页 共 9 页, - 3 -) and `=== page N ===` markers.
 * A form feed (pdftotext) or a page marker starts a new page.
 */
import type { DocumentNote } from "../model/table.ts";
import { splitLines } from "../text/common.ts";

export interface Line {
  /** 1-based line number in the source. */
  no: number;
  text: string;
  page: number;
  /** Page furniture, left out: the line is neither text nor a blank line to the readings. */
  gone?: boolean;
}

export interface PreparedText {
  /** Every source line (furniture lines made empty), in order: index = no - 1. */
  lines: Line[];
  /** Line numbers (1-based) of the furniture lines dropped. */
  dropped: Set<number>;
  /** Whether the text marks pages (form feeds or page markers). */
  paged: boolean;
  notes: DocumentNote[];
}

const PAGE_MARKER = /^\s*=+\s*(?:page|第)\s*(\d+)\s*(?:页)?\s*=+\s*$/i;

const FURNITURE: { re: RegExp; zh: string; en: string; maxLength?: number }[] = [
  {
    re: /^\s*((发布|更新)?时间\s*[:：]\s*\d{4}|(发布时间|发布日期|发文日期|更新时间|信息来源|来源|发布机构|索引号|组配分类|主题分类|文号|作者|责任编辑)\s*[:：])/,
    zh: "网页信息栏",
    en: "web page metadata",
    maxLength: 200,
  },
  {
    re: /^\s*\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?\s*(\d{1,2}:\d{2}(:\d{2})?)?\s*(来源|作者|发布|浏览|点击)/,
    zh: "网页信息栏",
    en: "web page metadata",
    maxLength: 120,
  },
  {
    re: /字\s*[体号]\s*[:：]|【\s*字\s*[体号]|\[\s*字\s*[体号]/,
    zh: "字号选择",
    en: "font size switch",
    maxLength: 80,
  },
  {
    re: /^\s*([【[]?\s*(打印(本页|此页)?|关闭(窗口|本页)?|返回顶部|分享到|收藏|保存)\s*[】\]]?\s*)+$/,
    zh: "打印 / 关闭按钮",
    en: "print / close buttons",
  },
  { re: /(浏览量|浏览次数|阅读次数|访问量|点击数|点击量)\s*[:：]/, zh: "浏览次数", en: "view count", maxLength: 80 },
  {
    re: /^\s*(您当前的位置|您现在所在的位置|您的位置|您所在的位置|当前位置)\s*[:：]?|^\s*首页\s*[>＞»›]/,
    zh: "导航栏",
    en: "breadcrumbs",
    maxLength: 200,
  },
  {
    re: /ICP\s*[备证]|备案号|网站标识码|公网安备|版权所有|主办单位\s*[:：]|技术支持\s*[:：]|扫一扫在手机/,
    zh: "网站标识",
    en: "site footer",
    maxLength: 200,
  },
  {
    re: /^\s*(第\s*\d+\s*页\s*[,，/]?\s*(共\s*\d+\s*页)?|共\s*\d+\s*页\s*[,，]?\s*第\s*\d+\s*页|[-—–]\s*\d+\s*[-—–]|\d+\s*\/\s*\d+\s*页?|page\s*\d+(\s*of\s*\d+)?)\s*$/i,
    zh: "页码",
    en: "page number",
  },
];

export function isPageMarker(text: string): boolean {
  return PAGE_MARKER.test(text);
}

/** Whether a line is page furniture, and which. */
export function furnitureOf(text: string): { zh: string; en: string } | undefined {
  if (text.trim() === "") return undefined;
  if (PAGE_MARKER.test(text)) return { zh: "分页标记", en: "page marker" };
  for (const f of FURNITURE) {
    if (f.maxLength !== undefined && text.length > f.maxLength) continue;
    if (f.re.test(text)) return { zh: f.zh, en: f.en };
  }
  return undefined;
}

export function prepare(text: string, file: string): PreparedText {
  const raw = splitLines(text);
  const lines: Line[] = [];
  const dropped = new Set<number>();
  const notes: DocumentNote[] = [];
  let page = 1;
  let paged = false;
  for (let i = 0; i < raw.length; i++) {
    let t = raw[i]!;
    const no = i + 1;
    if (t.includes("\f")) {
      page += (t.match(/\f/g) ?? []).length;
      paged = true;
      t = t.replace(/\f/g, "");
    }
    const marker = PAGE_MARKER.exec(t);
    if (marker) {
      const n = Number(marker[1]);
      if (Number.isSafeInteger(n) && n > 0) page = n;
      paged = true;
    }
    const what = furnitureOf(t);
    if (what) {
      dropped.add(no);
      notes.push({
        text: {
          zh: `第 ${no} 行是页面附加内容（${what.zh}），已略去：${clip(t)}`,
          en: `Line ${no} is page furniture (${what.en}) and was left out: ${clip(t)}`,
        },
        location: { file, row: no },
      });
      lines.push({ no, text: "", page, gone: true });
      continue;
    }
    lines.push({ no, text: t, page });
  }
  dropSplitFontSwitch(lines, dropped, notes, file);
  notes.sort((a, b) => (a.location?.row ?? 0) - (b.location?.row ?? 0));
  return { lines, dropped, paged, notes };
}

/** A font-size switch copied one word a line: 大 / 中 / 小 on consecutive lines (blank lines between allowed). */
function dropSplitFontSwitch(lines: Line[], dropped: Set<number>, notes: DocumentNote[], file: string): void {
  const content = lines.filter((l) => !l.gone && l.text.trim() !== "");
  for (let k = 0; k + 2 < content.length; k++) {
    const [a, b, c] = [content[k]!, content[k + 1]!, content[k + 2]!];
    if (a.text.trim() !== "大" || b.text.trim() !== "中" || c.text.trim() !== "小") continue;
    for (const l of [a, b, c]) {
      l.gone = true;
      dropped.add(l.no);
      notes.push({
        text: {
          zh: `第 ${l.no} 行是页面附加内容（字号选择），已略去：${l.text.trim()}`,
          en: `Line ${l.no} is page furniture (font size switch) and was left out`,
        },
        location: { file, row: l.no },
      });
      l.text = "";
    }
    k += 2;
  }
}

export function clip(s: string, n = 40): string {
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length > n ? `${flat.slice(0, n)}…` : flat;
}
