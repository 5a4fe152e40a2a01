/** A small self-contained API docs page (no CDN): its script (DOCS_SCRIPT) reads /api/openapi.json and lists every operation. */
export const DOCS_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Jixiao API 文档</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.5 system-ui,"Noto Sans CJK SC",sans-serif;margin:0 auto;max-width:1100px;padding:16px;color:#222}
h1{font-size:20px}h2{font-size:16px;margin-top:28px;border-bottom:1px solid #ddd}
details{border:1px solid #e3e3e3;border-radius:6px;margin:6px 0;padding:4px 10px}
summary{cursor:pointer}.m{display:inline-block;min-width:58px;font-weight:600;text-transform:uppercase}
.get{color:#0a7}.post{color:#06c}.put,.patch{color:#b70}.delete{color:#c33}
pre{background:#f6f6f6;padding:8px;overflow:auto;font-size:12px}code{font-size:13px}
</style></head><body>
<h1>Jixiao 绩效 API</h1>
<p>OpenAPI: <a href="/api/openapi.json">/api/openapi.json</a>. 写操作须携带请求头 <code>X-CSRF-Token</code>（登录时返回）。
Writes need the <code>X-CSRF-Token</code> header returned at sign-in.</p>
<div id="ops">加载中… loading…</div>
<script src="/api/docs.js"></script></body></html>`;

/** The docs page's code, served as a file so the page needs no inline script (CSP script-src 'self'). */
export const DOCS_SCRIPT = `const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({"&":"&amp;","<":"&lt;",">":"&gt;",'"':"&quot;"}[c]));
const show = (v) => "<pre>" + esc(JSON.stringify(v, null, 2)) + "</pre>";
fetch("/api/openapi.json").then((r) => r.json()).then((doc) => {
  const byTag = {};
  for (const [path, ops] of Object.entries(doc.paths || {})) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = (op.tags && op.tags[0]) || "other";
      (byTag[tag] = byTag[tag] || []).push({ path, method, op });
    }
  }
  let html = "";
  for (const tag of Object.keys(byTag).sort()) {
    html += "<h2>" + esc(tag) + "</h2>";
    for (const { path, method, op } of byTag[tag]) {
      html += '<details><summary><span class="m ' + method + '">' + method + "</span> <code>" + esc(path) +
        "</code> — " + esc(op.summary || "") + "</summary>";
      if (op.parameters) html += "<b>Parameters</b>" + show(op.parameters);
      if (op.requestBody) html += "<b>Body</b>" + show(op.requestBody.content);
      html += "<b>Responses</b><ul>";
      for (const [status, r] of Object.entries(op.responses || {})) html += "<li>" + esc(status) + " " + esc(r.description || "") + "</li>";
      html += "</ul></details>";
    }
  }
  html += "<h2>Schemas</h2>" + show((doc.components || {}).schemas || {});
  document.getElementById("ops").innerHTML = html;
}).catch((e) => { document.getElementById("ops").textContent = "无法加载 / cannot load: " + e; });
`;
