/**
 * An upload received as a stream (issue 15, findings 3 and 10): the body is read piece by piece as it arrives — the
 * raw bytes, or the `file` part of a multipart form (busboy, never the whole form in memory) — counted against the
 * upload limit and hashed on the way. A small file (up to `spillAbove`) stays in memory and is read at once; past
 * that, every megabyte is written to `upload_chunks` as soon as it has arrived, so the request never holds more
 * than about a megabyte of the file, whatever its size. A request that breaks off or goes over the limit leaves
 * nothing behind: its pieces are deleted (and the retention sweep removes those of a crash).
 */
import { createHash, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { DomainError } from "@jixiao/core";
import Busboy from "busboy";
import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/open.ts";
import { invalidInput } from "../http/errors.ts";
import { uploadChunks } from "./schema.ts";

/** The size of one stored piece of a large upload. */
export const CHUNK_BYTES = 1024 * 1024;

/** A received file: in memory (`bytes`) when small, else in `upload_chunks` under `uploadId`. */
export type Received = { name: string; size: number; sha256: string } & (
  | { bytes: Uint8Array; uploadId?: undefined }
  | { bytes?: undefined; uploadId: string }
);

export interface ReceiveOptions {
  db: Db;
  /** Keep at most this many bytes in memory; past it, write the file to storage. Undefined: keep all in memory. */
  spillAbove: number | undefined;
  /** The largest file accepted; one byte more is refused with `tooLarge(size)`. */
  maxBytes: number;
  tooLarge: (size: number) => Error;
}

const concat = (pieces: Uint8Array[], size: number) => {
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
};

/** Read `source` to its end as described above. */
export async function receiveFile(
  source: AsyncIterable<Uint8Array>,
  name: string,
  options: ReceiveOptions,
): Promise<Received> {
  const { db, spillAbove, maxBytes } = options;
  const hash = createHash("sha256");
  let size = 0;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let uploadId: string | undefined;
  let seq = 0;
  /** Store what has arrived in pieces of CHUNK_BYTES (the last one shorter only at the end). */
  const flush = async (end: boolean) => {
    if (!uploadId || pendingBytes === 0 || (!end && pendingBytes < CHUNK_BYTES)) return;
    const all = concat(pending, pendingBytes);
    let at = 0;
    for (; all.byteLength - at >= CHUNK_BYTES || (end && at < all.byteLength); at += CHUNK_BYTES) {
      await db.insert(uploadChunks).values({ uploadId, seq: seq++, data: all.subarray(at, at + CHUNK_BYTES) });
    }
    pending = at < all.byteLength ? [all.subarray(at)] : [];
    pendingBytes = all.byteLength - at;
  };
  try {
    for await (const piece of source) {
      size += piece.byteLength;
      if (size > maxBytes) throw options.tooLarge(size);
      hash.update(piece);
      pending.push(piece);
      pendingBytes += piece.byteLength;
      if (!uploadId && spillAbove !== undefined && size > spillAbove) uploadId = randomUUID();
      await flush(false);
    }
    await flush(true);
  } catch (e) {
    if (uploadId) await discardUpload(db, uploadId);
    throw e;
  }
  const sha256 = hash.digest("hex");
  return uploadId ? { name, size, sha256, uploadId } : { name, size, sha256, bytes: concat(pending, pendingBytes) };
}

/** The whole stored file of a large upload (for the job that reads it), or undefined when none is stored. */
export async function storedUpload(db: Db, uploadId: string): Promise<Uint8Array | undefined> {
  const rows = await db
    .select({ data: uploadChunks.data })
    .from(uploadChunks)
    .where(eq(uploadChunks.uploadId, uploadId))
    .orderBy(asc(uploadChunks.seq));
  if (rows.length === 0) return undefined;
  return concat(
    rows.map((r) => r.data),
    rows.reduce((n, r) => n + r.data.byteLength, 0),
  );
}

export async function discardUpload(db: Db, uploadId: string): Promise<void> {
  await db.delete(uploadChunks).where(eq(uploadChunks.uploadId, uploadId));
}

/** The pieces of a web stream, read one at a time (the stream's own backpressure holds the sender). */
async function* piecesOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/**
 * The uploaded file of a request: a multipart form's `file` field, or the raw body named by `fileName`. Nothing is
 * read before this is called: the caller authorises first.
 */
export async function receiveUpload(
  req: Request,
  fileName: string | undefined,
  options: ReceiveOptions,
): Promise<Received> {
  const type = req.headers.get("content-type") ?? "";
  if (type.toLowerCase().startsWith("multipart/form-data")) return receiveMultipart(req, type, fileName, options);
  if (!fileName) {
    throw invalidInput(
      {
        zh: "直接上传文件内容时须在查询参数 fileName 中给出文件名",
        en: "A raw upload needs the file's name in `fileName`",
      },
      { field: "fileName" },
    );
  }
  return receiveFile(
    piecesOf(req.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() })),
    fileName,
    options,
  );
}

/** A file already in memory as an upload (the CLI, benches): received like a body of one piece. */
export const receiveBytes =
  (name: string, bytes: Uint8Array) =>
  (options: ReceiveOptions): Promise<Received> =>
    receiveFile(
      (async function* () {
        yield bytes;
      })(),
      name,
      options,
    );

const noFile = () =>
  invalidInput({ zh: "缺少上传文件（表单字段 file）", en: "No file uploaded (form field `file`)" }, { field: "file" });

async function receiveMultipart(
  req: Request,
  contentType: string,
  fileName: string | undefined,
  options: ReceiveOptions,
): Promise<Received> {
  if (!req.body) throw noFile();
  let parser: Busboy.Busboy;
  try {
    parser = Busboy({
      headers: { "content-type": contentType },
      // Browsers send a file's name as UTF-8 bytes (Chinese names); busboy's default would read them as latin1.
      defParamCharset: "utf8",
      limits: { files: 1, fields: 20, fieldSize: 64 * 1024, parts: 30, headerPairs: 20 },
    });
  } catch {
    throw invalidInput({ zh: "表单格式错误", en: "Malformed multipart form" }, { field: "file" });
  }
  const input = Readable.fromWeb(req.body as import("node:stream/web").ReadableStream<Uint8Array>);
  // The first error of the whole (the body's own — e.g. over the limit — before the parser's) is the one reported.
  let failure: unknown;
  const parsed = pipeline(input, parser).catch((e: unknown) => {
    failure ??= e;
  });
  const file = await new Promise<{ stream: Readable; name: string } | undefined>((resolve, reject) => {
    parser.on("file", (field, stream, info) => {
      if (field !== "file") {
        stream.resume();
        return;
      }
      resolve({ stream, name: info.filename || fileName || "upload" });
    });
    parser.on("close", () => resolve(undefined));
    parser.on("error", (e) => reject(failure ?? e));
    input.on("error", (e) => reject(failure ?? e));
  }).catch((e: unknown) => {
    throw malformed(failure ?? e);
  });
  if (!file) {
    await parsed;
    if (failure) throw malformed(failure);
    throw noFile();
  }
  try {
    return await receiveFile(file.stream, file.name, options);
  } catch (e) {
    throw malformed(failure ?? e);
  } finally {
    input.destroy();
  }
}

/** A refusal of ours (over the limit: 413) stays as it is; whatever else broke the parser is a malformed form. */
function malformed(e: unknown): unknown {
  if (e instanceof DomainError) return e;
  return invalidInput({ zh: "表单格式错误", en: "Malformed multipart form" }, { field: "file" });
}
