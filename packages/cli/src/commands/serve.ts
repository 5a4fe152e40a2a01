/**
 * `jixiao serve`: the API and the web app on PORT (default 3000). Storage: PostgreSQL when DATABASE_URL is
 * set, else PGlite in DATA_DIR (default ./data). Migrates at start; an empty embedded database gets the demo.
 * Stops cleanly on SIGINT / SIGTERM (PGlite must be closed, or its folder is left locked and Node stays up).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DomainError } from "@jixiao/core";
import { startServer, webhookFromEnv } from "@jixiao/server";
import type { Io } from "../run.ts";

const WEB_DIST = fileURLToPath(new URL("../../../web/dist", import.meta.url));

const HELP = `jixiao serve [--port <n>] [--data-dir <dir>] [--database-url <url>] [--demo | --no-demo]

  PORT          端口 / port (default 3000)
  DATA_DIR      嵌入式数据库目录 / PGlite data folder (default ./data); one process per folder
  DATABASE_URL  使用 PostgreSQL / use PostgreSQL (production), e.g. postgres://user@host/db
  JIXIAO_DEMO   1 = 空库时载入演示数据 / load the demo on an empty database (default: yes for PGlite, no for PostgreSQL)
  JIXIAO_SECURE_COOKIES  1 = 会话 Cookie 加 Secure（TLS 之后）/ mark the session cookie Secure (behind TLS)
  JIXIAO_TRUSTED_PROXIES 受信任反向代理地址，逗号分隔 / trusted reverse proxies' addresses, comma-separated
                         (their X-Forwarded-For gives the client address), e.g. 127.0.0.1
  JIXIAO_WEBHOOK_URL     通知转发地址（每条通知 POST 一次 JSON）/ forward each notification as a JSON POST to this URL
  JIXIAO_WEBHOOK_SECRET  签名密钥（≥16 字符，X-Jixiao-Signature: sha256=HMAC）/ the signature's secret (docs/notifications.md)
`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function envBool(v: string | undefined): boolean | undefined {
  if (v === undefined || v === "") return undefined;
  return v === "1" || v.toLowerCase() === "true" || v.toLowerCase() === "yes";
}

export async function main(args: string[], io: Io): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout.write(HELP);
    return 0;
  }
  const portText = flag(args, "--port") ?? process.env.PORT ?? "3000";
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr.write(`端口无效 invalid port: ${portText}\n`);
    return 2;
  }
  const databaseUrl = flag(args, "--database-url") ?? (process.env.DATABASE_URL || undefined);
  const dataDir = resolve(flag(args, "--data-dir") ?? process.env.DATA_DIR ?? "./data");
  const demo = args.includes("--demo") ? true : args.includes("--no-demo") ? false : envBool(process.env.JIXIAO_DEMO);

  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      port,
      host: process.env.HOST || "0.0.0.0",
      databaseUrl,
      dataDir,
      webDist: WEB_DIST,
      demo,
      settings: {
        secureCookies: envBool(process.env.JIXIAO_SECURE_COOKIES) ?? false,
        exanteRequired: envBool(process.env.JIXIAO_EXANTE_REQUIRED) ?? false,
        trustedProxies: (process.env.JIXIAO_TRUSTED_PROXIES ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
        webhook: webhookFromEnv(process.env),
      },
      logError: (e) => io.stderr.write(`[jixiao] unexpected error: ${(e as Error)?.stack ?? String(e)}\n`),
    });
  } catch (e) {
    if (e instanceof DomainError) {
      io.stderr.write(`${e.text.zh}\n${e.text.en}\n`);
      return 1;
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      io.stderr.write(`端口 ${port} 已被占用 / port ${port} is in use\n`);
      return 1;
    }
    io.stderr.write(`启动失败 / cannot start: ${(e as Error)?.message ?? String(e)}\n`);
    return 1;
  }

  const where = server.handle.kind === "pglite" ? `PGlite ${server.handle.where}` : `PostgreSQL ${server.handle.where}`;
  io.stdout.write(`Jixiao 绩效 — ${server.url}  (${where})\n`);
  io.stdout.write(`  API ${server.url}/api/v1/health · 文档 docs ${server.url}/api/docs\n`);
  if (!existsSync(`${WEB_DIST}/index.html`))
    io.stdout.write("  界面尚未构建 / the web UI is not built: npm run build -w packages/web\n");
  if (server.created?.kind === "demo") {
    io.stdout.write(
      "\n已载入演示数据。演示账户（密码公开，仅供演示）/ Demo loaded. Demo accounts (public password, demo only):\n",
    );
    for (const a of server.created.accounts) {
      io.stdout.write(
        `  ${a.username.padEnd(15)} ${a.role.padEnd(14)} ${a.orgName ?? "（全局 global）"}  ${a.password}\n`,
      );
    }
  } else if (server.created?.kind === "initial") {
    io.stdout.write(
      "\n已创建三员账户，初始密码仅显示这一次，首次登录须修改 / Initial administrators (shown once, change at first sign-in):\n",
    );
    for (const a of server.created.accounts) io.stdout.write(`  ${a.username.padEnd(10)} ${a.password}\n`);
  }

  return new Promise<number>((done) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      io.stdout.write(`\n${signal}: 正在关闭 / shutting down…\n`);
      server.close().then(
        () => {
          process.off("SIGINT", onInt);
          process.off("SIGTERM", onTerm);
          io.stdout.write("已关闭 / stopped\n");
          done(0);
        },
        (e) => {
          io.stderr.write(`关闭出错 / error while closing: ${String(e)}\n`);
          done(1);
        },
      );
    };
    const onInt = () => stop("SIGINT");
    const onTerm = () => stop("SIGTERM");
    process.on("SIGINT", onInt);
    process.on("SIGTERM", onTerm);
  });
}
