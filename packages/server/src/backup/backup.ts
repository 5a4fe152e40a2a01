/**
 * Backup and restore of either store.
 * - PGlite: the data folder as a gzipped tarball (`dumpDataDir`), taken while holding the folder lock (so no
 *   server runs on it); restored into an empty folder with `loadDataDir`, then migrated.
 * - PostgreSQL: `pg_dump --format=custom` / `pg_restore --clean --if-exists --no-owner` (the client tools
 *   must be installed and at least as new as the server).
 * Backup files are written 0600 (they hold password hashes), and encrypted with a passphrase when one is given
 * (encryption.ts).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { DomainError } from "@jixiao/core";
import { acquireFolderLock } from "../db/lock.ts";
import { openDatabase } from "../db/open.ts";
import { decryptFile, encryptFile, isEncryptedBackup } from "./encryption.ts";

export type Target = { dataDir: string } | { url: string };

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    child.on("error", (e) =>
      fail(
        new DomainError("invalid_input", {
          zh: `无法运行 ${cmd}（请安装 PostgreSQL 客户端工具）：${e.message}`,
          en: `Cannot run ${cmd} (install the PostgreSQL client tools): ${e.message}`,
        }),
      ),
    );
    child.on("exit", (code) =>
      code === 0
        ? done()
        : fail(
            new DomainError("invalid_input", { zh: `${cmd} 失败：${err.trim()}`, en: `${cmd} failed: ${err.trim()}` }),
          ),
    );
  });
}

/**
 * A backup holds password hashes and every record: it is readable by its owner only (0600), whatever the umask
 * and whatever mode a file of that name had before. The file is created (or truncated) with that mode before
 * anything is written into it, and set again afterwards.
 */
function privateFile(out: string): void {
  closeSync(openSync(out, "w", 0o600));
  chmodSync(out, 0o600);
}

export interface BackupOptions {
  /** Encrypt the backup with this passphrase (AES-256-GCM, key by scrypt); restore then needs it too. */
  passphrase?: string | undefined;
}

export async function backup(target: Target, file: string, options: BackupOptions = {}): Promise<void> {
  if (options.passphrase) {
    // Dump in clear into a private temporary file beside the target, encrypt into the target, remove the clear one.
    const clear = `${resolve(file)}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await backup(target, clear);
      await encryptFile(clear, resolve(file), options.passphrase);
      chmodSync(resolve(file), 0o600);
    } finally {
      rmSync(clear, { force: true });
    }
    return;
  }
  const out = resolve(file);
  if ("url" in target) {
    privateFile(out);
    await run("pg_dump", ["--format=custom", "--no-owner", `--file=${out}`, target.url]);
    chmodSync(out, 0o600);
    return;
  }
  const dataDir = resolve(target.dataDir);
  if (!existsSync(join(dataDir, "pglite"))) {
    throw new DomainError("not_found", { zh: `数据目录 ${dataDir} 中没有数据库`, en: `No database in ${dataDir}` });
  }
  const lock = acquireFolderLock(dataDir);
  try {
    const db = await PGlite.create({ dataDir: join(dataDir, "pglite") });
    try {
      const dump = await db.dumpDataDir("gzip");
      privateFile(out);
      writeFileSync(out, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
      chmodSync(out, 0o600);
    } finally {
      await db.close();
    }
  } finally {
    lock.release();
  }
}

export async function restore(target: Target, file: string, options: BackupOptions = {}): Promise<void> {
  const input = resolve(file);
  if (!existsSync(input))
    throw new DomainError("not_found", { zh: `备份文件不存在：${input}`, en: `No such backup: ${input}` });
  if (isEncryptedBackup(input)) {
    if (!options.passphrase) {
      throw new DomainError("invalid_input", {
        zh: "备份已加密：请提供口令（JIXIAO_BACKUP_PASSPHRASE）",
        en: "The backup is encrypted: give its passphrase (JIXIAO_BACKUP_PASSPHRASE)",
      });
    }
    const clear = `${input}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await decryptFile(input, clear, options.passphrase);
      await restore(target, clear);
    } finally {
      rmSync(clear, { force: true });
    }
    return;
  }
  if ("url" in target) {
    await run("pg_restore", [
      "--clean",
      "--if-exists",
      "--no-owner",
      "--single-transaction",
      `--dbname=${target.url}`,
      input,
    ]);
    return;
  }
  const dataDir = resolve(target.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const lock = acquireFolderLock(dataDir);
  try {
    const pgDir = join(dataDir, "pglite");
    if (existsSync(pgDir) && readdirSync(pgDir).length > 0) {
      throw new DomainError("conflict", {
        zh: `数据目录 ${dataDir} 已有数据库：请恢复到一个空目录`,
        en: `The data folder ${dataDir} already holds a database: restore into an empty folder`,
      });
    }
    const client = await PGlite.create({ dataDir: pgDir, loadDataDir: new Blob([readFileSync(input)]) });
    // Bring an older backup up to the current schema.
    const handle = await openDatabase({ pglite: client });
    await handle.close();
  } finally {
    lock.release();
  }
}
