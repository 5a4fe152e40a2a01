/**
 * `jixiao restore <file>`: restore a backup into an empty PGlite folder (DATA_DIR) or into PostgreSQL (DATABASE_URL, objects replaced).
 */
import { resolve } from "node:path";
import { DomainError } from "@jixiao/core";
import { restore } from "@jixiao/server";
import type { Io } from "../run.ts";

export async function main(args: string[], io: Io): Promise<number> {
  const file = args.find((a) => !a.startsWith("--"));
  if (!file || args.includes("--help")) {
    io.stdout.write(
      "jixiao restore <file>   (DATA_DIR=./data | DATABASE_URL=postgres://…; JIXIAO_BACKUP_PASSPHRASE=… if encrypted)\n",
    );
    return file ? 0 : 2;
  }
  const url = process.env.DATABASE_URL || undefined;
  const target = url ? { url } : { dataDir: resolve(process.env.DATA_DIR ?? "./data") };
  try {
    // JIXIAO_BACKUP_PASSPHRASE: the backup is (or is to be) encrypted with it (AES-256-GCM).
    await restore(target, file, { passphrase: process.env.JIXIAO_BACKUP_PASSPHRASE || undefined });
  } catch (e) {
    if (e instanceof DomainError) {
      io.stderr.write(`${e.text.zh}\n${e.text.en}\n`);
      return 1;
    }
    throw e;
  }
  io.stdout.write(`已恢复 / restored from ${resolve(file)}\n`);
  return 0;
}
