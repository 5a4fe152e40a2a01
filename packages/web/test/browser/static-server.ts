/**
 * A stand-in for the real server while packages/server has no exported app: serves the built web app
 * (with the single-page fallback to index.html) and a minimal in-memory API with the endpoints the web app
 * calls at start-up (sign-in, session, organisations, years, to-do count). Everything else answers 404 in
 * the project's error shape, which the pages treat as "not available yet".
 * Nothing here is the product: the harness prefers the real server as soon as it exports one.
 */
import { randomBytes } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

/** Demo accounts of the stand-in: one per business role (the real server prints its own). */
export const STUB_ACCOUNTS: Record<string, { password: string; displayName: string; roles: string[] }> = {
  filler: { password: "Demo-2024!", displayName: "填报员 王芳", roles: ["filler"] },
  approver: { password: "Demo-2024!", displayName: "单位审核 李强", roles: ["unit_approver"] },
  reviewer: { password: "Demo-2024!", displayName: "财政审核 张敏", roles: ["reviewer"] },
  viewer: { password: "Demo-2024!", displayName: "只读 赵磊", roles: ["viewer"] },
};

const ORGS = [
  { id: "o-city", parentId: null, code: "312", name: "武汉市公安局交通管理局" },
  { id: "o-qs", parentId: "o-city", code: "312007", name: "青山区交通大队" },
  { id: "o-hg", parentId: "o-city", code: "312008", name: "化工区交通大队" },
  { id: "o-sg", parentId: "o-qs", code: "312007001", name: "事故处理中队" },
];

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(text);
}

function error(res: ServerResponse, status: number, code: string, message: string, messageEn: string): void {
  send(res, status, { error: { code, message, messageEn } });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return undefined;
  }
}

export interface StaticServer {
  url: string;
  /** Ends every session: the next request gets 401 (to test re-login). */
  expireSessions(): void;
  close(): Promise<void>;
}

export async function startStaticServer(distDir: string): Promise<StaticServer> {
  const sessions = new Map<string, { username: string; csrf: string }>();

  const sessionOf = (req: IncomingMessage) => {
    const m = /(?:^|;\s*)jx_session=([^;]+)/.exec(req.headers.cookie ?? "");
    return m ? sessions.get(m[1]!) : undefined;
  };

  async function api(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? "GET";
    if (path === "/auth/login" && method === "POST") {
      const body = (await readJson(req)) as { username?: string; password?: string } | undefined;
      const acct = body?.username ? STUB_ACCOUNTS[body.username] : undefined;
      if (!acct || acct.password !== body?.password) {
        return error(res, 401, "unauthenticated", "用户名或密码错误", "Wrong user name or password");
      }
      const token = randomBytes(16).toString("hex");
      const csrf = randomBytes(16).toString("hex");
      sessions.set(token, { username: body!.username!, csrf });
      return send(
        res,
        200,
        {
          user: { id: body!.username, username: body!.username, displayName: acct.displayName, roles: acct.roles },
          csrfToken: csrf,
        },
        { "set-cookie": `jx_session=${token}; HttpOnly; SameSite=Strict; Path=/` },
      );
    }
    const s = sessionOf(req);
    if (!s) return error(res, 401, "unauthenticated", "请先登录", "Sign in first");
    if (method !== "GET" && req.headers["x-csrf-token"] !== s.csrf) {
      return error(res, 403, "csrf_failed", "请求校验失败，请刷新页面", "Request check failed: reload the page");
    }
    const acct = STUB_ACCOUNTS[s.username]!;
    if (path === "/auth/session" && method === "GET") {
      return send(res, 200, {
        user: { id: s.username, username: s.username, displayName: acct.displayName, roles: acct.roles },
        csrfToken: s.csrf,
      });
    }
    if (path === "/auth/logout" && method === "POST") {
      for (const [k, v] of sessions) if (v === s) sessions.delete(k);
      res.writeHead(204, { "set-cookie": "jx_session=; Max-Age=0; Path=/" });
      return void res.end();
    }
    if (path === "/orgs" && method === "GET") return send(res, 200, { items: ORGS });
    if (path === "/years" && method === "GET") {
      return send(res, 200, { items: [{ year: 2023 }, { year: 2024, current: true }, { year: 2025 }] });
    }
    if (path === "/workflow/todo/count" && method === "GET") return send(res, 200, { count: 3 });
    return error(res, 404, "not_found", "接口不存在", "No such endpoint");
  }

  async function serveFile(res: ServerResponse, path: string): Promise<void> {
    const safe = normalize(path).replace(/^(\.\.[/\\])+/, "");
    let file = join(distDir, safe);
    let st = await stat(file).catch(() => undefined);
    if (!st?.isFile()) {
      if (safe.startsWith("/assets/")) {
        res.writeHead(404);
        return void res.end();
      }
      file = join(distDir, "index.html");
      st = await stat(file);
    }
    const body = await readFile(file);
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": file.endsWith("index.html") ? "no-cache" : "public, max-age=31536000, immutable",
    });
    res.end(body);
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const handle = url.pathname.startsWith("/api/v1/")
      ? api(req, res, url.pathname.slice("/api/v1".length))
      : serveFile(res, decodeURIComponent(url.pathname));
    handle.catch((e: unknown) => {
      if (!res.headersSent) error(res, 500, "internal", "服务器内部错误", String(e));
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    expireSessions: () => sessions.clear(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
