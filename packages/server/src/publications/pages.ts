/**
 * The public disclosure site (信息公开), no sign-in: plain server-rendered HTML at /public (search by
 * organisation name and year) and /public/{id} (the document's tables as a web page, with downloads).
 * Only published, not withdrawn documents — the same queries as the public API.
 */
import type { Amount, Disclosure } from "@jixiao/core/model";
import { amountText, type ScoredDocument } from "@jixiao/documents";
import { Hono } from "hono";
import type { AppEnv } from "../http/context.ts";
import { publicList, publicOne } from "./publications.service.ts";

const esc = (s: unknown) =>
  String(s ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

const page = (title: string, body: string) => `<!doctype html><html lang="zh-CN"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>body{font-family:"Noto Sans CJK SC",sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px 6px;vertical-align:top}
th{background:#f2f2f2}form{margin:1em 0}</style><body>${body}</body></html>`;

/** An amount as everywhere else: 万元 (or the unit the form asks for) with thousands separators and 2 decimals. */
const money = (a: Amount | undefined, unit: "元" | "万元" = "万元") => amountText(a, unit, { grouping: true });

const table = (head: string[], rows: unknown[][]) =>
  `<table><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr>${rows
    .map((r) => `<tr>${r.map((x) => `<td>${esc(x)}</td>`).join("")}</tr>`)
    .join("")}</table>`;

/** 部门预算信息公开: its sections as written, then the units, procurement and asset tables. */
function disclosureHtml(d: Disclosure): string {
  const out: string[] = [];
  for (const s of d.sections) {
    out.push(`<h2>${esc(s.heading)}</h2>${s.paragraphs.map((x) => `<p>${esc(x)}</p>`).join("")}`);
    if (/^一、/.test(s.heading) && d.units.length)
      out.push(
        table(
          ["单位名称", "单位性质", "单位规格", "经费保障形式"],
          d.units.map((u) => [u.name, u.nature, u.rank, u.fundingForm]),
        ),
      );
    if (/政府采购/.test(s.heading))
      for (const p of d.procurement)
        out.push(
          `<h3>${esc(p.organisation ?? p.region ?? "政府采购")}</h3>${table(
            ["项目名称", "采购品目", "目录序号", "数量", "单价（万元）", "金额（万元）"],
            p.lines.map((l) => [
              l.project ?? l.item,
              l.project ? l.item : "",
              l.catalog,
              l.quantity?.text,
              money(l.unitPrice),
              money(l.amount),
            ]),
          )}`,
        );
    if (/国有资产/.test(s.heading))
      for (const a of d.assets)
        out.push(
          `<h3>${esc(a.title)}</h3>${table(
            ["项目", "数量", `金额（${a.unit}）`],
            [
              ["资产总额", "", money(a.total, a.unit)],
              ...a.lines.map((l) => [l.label, l.quantity?.text, money(l.amount, a.unit)]),
            ],
          )}`,
        );
  }
  return out.join("");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function publicPages() {
  const app = new Hono<AppEnv>();
  app.use("*", async (c, next) => {
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    await next();
  });
  app.get("/", async (c) => {
    const q = c.req.query("q")?.slice(0, 100);
    const year = Number(c.req.query("year")) || undefined;
    const items = await publicList(c.var.deps.db, { ...(q ? { q } : {}), ...(year ? { year } : {}) });
    const rows = items
      .map(
        (p) =>
          `<tr><td>${esc(p.orgName)}</td><td>${p.year}</td><td><a href="/public/${p.id}">${esc(p.title)}</a></td><td>${esc(p.publishedAt.slice(0, 10))}</td></tr>`,
      )
      .join("");
    return c.html(
      page(
        "预算绩效信息公开",
        `<h1>预算绩效信息公开</h1><form>单位 <input name="q" value="${esc(q)}"> 年度 <input name="year" size="6" value="${esc(year)}"> <button>查询</button></form>
<table><tr><th>单位</th><th>年度</th><th>文件</th><th>公开日期</th></tr>${rows || '<tr><td colspan="4">暂无公开文件</td></tr>'}</table>`,
      ),
    );
  });
  app.get("/:id", async (c) => {
    const id = c.req.param("id");
    if (!UUID.test(id)) return c.text("Not found", 404);
    let one: Awaited<ReturnType<typeof publicOne>>;
    try {
      one = await publicOne(c.var.deps.db, id);
    } catch {
      return c.html(page("未找到", '<h1>未找到该公开文件</h1><p><a href="/public">返回</a></p>'), 404);
    }
    const { view, document } = one;
    const tables: string[] = [];
    const grid = (
      inds: {
        level1?: string;
        level2?: string;
        name: string;
        target?: { text: string };
        actual?: { text: string };
        weight?: { text: string };
        score?: { text: string };
      }[],
    ) =>
      `<table><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>年度指标值</th><th>实际完成值</th><th>分值</th><th>得分</th></tr>${inds
        .map(
          (i) =>
            `<tr><td>${esc(i.level1)}</td><td>${esc(i.level2)}</td><td>${esc(i.name)}</td><td>${esc(i.target?.text)}</td><td>${esc(i.actual?.text)}</td><td>${esc(i.weight?.text)}</td><td>${esc(i.score?.text)}</td></tr>`,
        )
        .join("")}</table>`;
    // The stored score (issue 12): execution, groups, total and grade, the stated total beside, the fitting rule.
    const sheet = (document as ScoredDocument<typeof document>).scoreSheet;
    const sheetHtml = sheet
      ? `<table class="score-sheet" data-score-sheet><tr><th>项目</th><th>分值</th><th>得分</th></tr>` +
        `<tr><td>预算执行率${sheet.executionRate ? `（${esc(sheet.executionRate)}）` : ""}</td><td>${esc(sheet.executionPoints)}</td><td>${esc(sheet.executionScore)}</td></tr>` +
        sheet.groups
          .map(
            (g) =>
              `<tr data-group="${esc(g.name)}"><td>${esc(g.name)}</td><td>${esc(g.points)}</td><td>${esc(g.score)}</td></tr>`,
          )
          .join("") +
        `<tr data-total><th>总分</th><td>${esc(sheet.points)}</td><td>${esc(sheet.total)}</td></tr>` +
        `<tr data-grade><th>自评等级</th><td colspan="2">${esc(sheet.grade)}</td></tr>` +
        (sheet.statedTotal !== undefined
          ? `<tr data-stated><th>原表填报总分</th><td colspan="2">${esc(sheet.statedTotal)}${sheet.statedGrade ? `（${esc(sheet.statedGrade)}）` : ""}</td></tr>`
          : "") +
        `</table><p>评分方案：${esc(sheet.scheme)}${sheet.notes.length ? `；${sheet.notes.map(esc).join("；")}` : ""}</p>`
      : "";
    for (const p of document.projects) {
      tables.push(
        `<h2>${esc(p.name)}</h2>${p.budget ? `<p data-budget>预算数：${esc(money(p.budget))} 万元</p>` : ""}${p.goal ? `<p>绩效目标：${esc(p.goal)}</p>` : ""}${grid(p.indicators)}`,
      );
    }
    for (const e of document.projectSelfEvaluations)
      tables.push(`<h2>${esc(e.name)}</h2>${grid(e.indicators)}${sheetHtml}`);
    if (document.departmentSelfEvaluation) {
      tables.push(
        `<h2>${esc(document.departmentSelfEvaluation.organisation)}</h2>${grid(document.departmentSelfEvaluation.indicators)}${sheetHtml}`,
      );
    }
    if (document.disclosure) tables.push(disclosureHtml(document.disclosure));
    const downloads = ["pdf", "docx", "xlsx"]
      .map((f) => `<a href="/api/v1/public/publications/${view.id}/file?format=${f}">${f.toUpperCase()}</a>`)
      .join(" · ");
    return c.html(
      page(
        view.title,
        `<p><a href="/public">← 全部公开文件</a></p><h1>${esc(view.title)}</h1><p>${esc(view.orgName)} · ${view.year} 年度 · 公开于 ${esc(view.publishedAt.slice(0, 10))} · 下载：${downloads}</p>${tables.join("")}`,
      ),
    );
  });
  return app;
}
