/**
 * `jixiao backup <file>`: back up the database (PGlite folder in DATA_DIR, or PostgreSQL at DATABASE_URL). The embedded server must be stopped (the folder lock is taken).
 */
import { resolve } from "node:path";
import { DomainError } from "@jixiao/core";
import { backup } from "@jixiao/server";
import type { Io } from "../run.ts";

export async function main(args: string[], io: Io): Promise<number> {
  const file = args.find((a) => !a.startsWith("--"));
  if (!file || args.includes("--help")) {
    io.stdout.write(
      "jixiao backup <file>   (DATA_DIR=./data | DATABASE_URL=postgres://…; JIXIAO_BACKUP_PASSPHRASE=… to encrypt)\n",
    );
    return file ? 0 : 2;
  }
  const url = process.env.DATABASE_URL || undefined;
  const target = url ? { url } : { dataDir: resolve(process.env.DATA_DIR ?? "./data") };
  try {
    // JIXIAO_BACKUP_PASSPHRASE: the backup is (or is to be) encrypted with it (AES-256-GCM).
    await backup(target, file, { passphrase: process.env.JIXIAO_BACKUP_PASSPHRASE || undefined });
  } catch (e) {
    if (e instanceof DomainError) {
      io.stderr.write(`${e.text.zh}\n${e.text.en}\n`);
      return 1;
    }
    throw e;
  }
  io.stdout.write(`已备份 / backed up to ${resolve(file)}\n`);
  return 0;
}
