/**
 * Optional passphrase encryption of backup files (issue 15): AES-256-GCM with a key from scrypt (N = 2^15, r = 8,
 * p = 1) over the passphrase and a random salt. Streamed, so a large dump is never held in memory.
 * File layout: "JXBK1\n" · salt (16) · IV (12) · ciphertext · GCM tag (16). A wrong passphrase or a changed byte
 * fails the tag check, and nothing is restored.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from "node:crypto";
import { closeSync, createReadStream, createWriteStream, openSync, readSync, statSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import { DomainError } from "@jixiao/core";

const MAGIC = Buffer.from("JXBK1\n");
const SALT = 16;
const IV = 12;
const TAG = 16;

function deriveKey(passphrase: string, salt: Buffer): Promise<Buffer> {
  return new Promise((done, fail) =>
    scrypt(passphrase, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 128 * 1024 * 1024 }, (e, key) =>
      e ? fail(e) : done(key),
    ),
  );
}

export function isEncryptedBackup(file: string): boolean {
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(MAGIC.length);
    const n = readSync(fd, head, 0, MAGIC.length, 0);
    return n === MAGIC.length && head.equals(MAGIC);
  } finally {
    closeSync(fd);
  }
}

/** Encrypt `input` into `output` (written 0600). */
export async function encryptFile(input: string, output: string, passphrase: string): Promise<void> {
  if (!passphrase) throw new DomainError("invalid_input", { zh: "口令不能为空", en: "The passphrase is empty" });
  const salt = randomBytes(SALT);
  const iv = randomBytes(IV);
  const cipher = createCipheriv("aes-256-gcm", await deriveKey(passphrase, salt), iv);
  const out = createWriteStream(output, { mode: 0o600 });
  out.write(Buffer.concat([MAGIC, salt, iv]));
  await pipeline(createReadStream(input), cipher, out, { end: false });
  await new Promise<void>((done, fail) => out.end(cipher.getAuthTag(), (e?: Error | null) => (e ? fail(e) : done())));
}

/** Decrypt `input` into `output` (written 0600); a wrong passphrase or a changed file is refused. */
export async function decryptFile(input: string, output: string, passphrase: string): Promise<void> {
  const size = statSync(input).size;
  const header = MAGIC.length + SALT + IV;
  if (size < header + TAG || !isEncryptedBackup(input)) {
    throw new DomainError("invalid_input", { zh: "不是加密的备份文件", en: "Not an encrypted backup file" });
  }
  const fd = openSync(input, "r");
  const meta = Buffer.alloc(header);
  const tag = Buffer.alloc(TAG);
  try {
    readSync(fd, meta, 0, header, 0);
    readSync(fd, tag, 0, TAG, size - TAG);
  } finally {
    closeSync(fd);
  }
  const salt = meta.subarray(MAGIC.length, MAGIC.length + SALT);
  const iv = meta.subarray(MAGIC.length + SALT);
  const decipher = createDecipheriv("aes-256-gcm", await deriveKey(passphrase, salt), iv);
  decipher.setAuthTag(tag);
  try {
    await pipeline(
      createReadStream(input, { start: header, end: size - TAG - 1 }),
      decipher,
      createWriteStream(output, { mode: 0o600 }),
    );
  } catch {
    throw new DomainError("invalid_input", {
      zh: "无法解密备份：口令错误或文件已被改动",
      en: "Cannot decrypt the backup: wrong passphrase, or the file was changed",
    });
  }
}
