/**
 * `jixiao admin recover <username> [--json]`: give an administrator account (the only security administrator,
 * locked out, disabled or with its password forgotten) a new initial password, clear its lock and re-enable it —
 * for an operator with shell access to the server (DATA_DIR or DATABASE_URL; the embedded server must be stopped).
 * Audited as `account.recover` with the operating-system user and host. Exit 0 recovered, 1 refused, 2 usage.
 */
import { hostname, userInfo } from "node:os";
import { resolve } from "node:path";
import { DomainError } from "@jixiao/core";
import { openDatabase, recoverAdminAccount } from "@jixiao/server";
import type { Io } from "../run.ts";

const USAGE =
  "jixiao admin recover <username> [--json]   恢复管理员账户 / recover an administrator account (DATA_DIR=./data | DATABASE_URL=postgres://…)\n";

const ROLE_NAMES: Record<string, string> = { sysadmin: "系统管理员", secadmin: "安全管理员", auditor: "审计管理员" };

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? "unknown";
  }
}

export async function main(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  const json = rest.includes("--json");
  const names = rest.filter((a) => a !== "--json");
  if (sub !== "recover" || names.length !== 1 || names[0]!.startsWith("-")) {
    const help = sub === undefined || sub === "--help" || rest.includes("--help");
    (help ? io.stdout : io.stderr).write(USAGE);
    return help ? 0 : 2;
  }
  const url = process.env.DATABASE_URL || undefined;
  const handle = url
    ? await openDatabase({ url, poolSize: 1 })
    : await openDatabase({ dataDir: resolve(process.env.DATA_DIR ?? "./data") });
  try {
    const r = await recoverAdminAccount(handle.db, names[0]!, { osUser: osUser(), host: hostname() });
    if (json) {
      io.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      return 0;
    }
    const roles = r.roles.map((x) => `${ROLE_NAMES[x] ?? x} ${x}`).join("、");
    io.stdout.write(`已恢复管理员账户 ${r.username}（${roles}）/ recovered the administrator account ${r.username}\n`);
    if (r.wasLocked) io.stdout.write("已解除锁定 / the lock is cleared\n");
    if (r.wasDisabled) io.stdout.write("已重新启用 / the account is enabled again\n");
    io.stdout.write("已结束其全部会话 / its sessions are ended\n");
    io.stdout.write(
      "临时密码（只显示这一次，下次登录时须修改）/ initial password (shown once, to be changed at the next sign-in):\n",
    );
    io.stdout.write(`${r.password}\n`);
    io.stdout.write("已写入审计记录 account.recover / written to the audit trail as account.recover\n");
    return 0;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    io.stderr.write(`${e.text.zh}\n${e.text.en}\n`);
    return 1;
  } finally {
    await handle.close();
  }
}
