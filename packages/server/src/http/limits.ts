/**
 * Request bodies are bounded before anything parses them (issue 15): a small limit for JSON and other bodies,
 * the upload limit for files (multipart/form-data, application/octet-stream). The limit is enforced on the
 * stream itself — a declared Content-Length over it is refused unread, a chunked or lying body is read only up
 * to it — and the body is then handed on from memory. Runs after the session middleware, which refuses anonymous
 * writes (other than signing in) before any of the body is read.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./context.ts";
import { ServerError } from "./errors.ts";

const UPLOAD_TYPES = ["multipart/form-data", "application/octet-stream"];

export const isUpload = (contentType: string | undefined) =>
  UPLOAD_TYPES.some((t) => (contentType ?? "").toLowerCase().startsWith(t));

const mb = (n: number) => (n / 1048576).toFixed(n < 1048576 ? 2 : 1);

function tooLarge(upload: boolean, limit: number): ServerError {
  return upload
    ? new ServerError("file_too_large", {
        zh: `上传文件过大，上限为 ${mb(limit)} MB`,
        en: `The uploaded file is too large; the limit is ${mb(limit)} MB`,
      })
    : new ServerError("payload_too_large", {
        zh: `请求内容过大，上限为 ${mb(limit)} MB`,
        en: `The request body is too large; the limit is ${mb(limit)} MB`,
      });
}

export function bodyLimits(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const raw = c.req.raw;
    if (!raw.body) return next();
    const upload = isUpload(c.req.header("content-type"));
    const { jsonBodyLimit, uploadBodyLimit } = c.var.deps.settings;
    const limit = upload ? uploadBodyLimit : jsonBodyLimit;
    const declared = c.req.header("content-length");
    if (declared !== undefined && Number(declared) > limit) throw tooLarge(upload, limit);
    const reader = raw.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        throw tooLarge(upload, limit);
      }
      chunks.push(value);
    }
    const body = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      body.set(chunk, offset);
      offset += chunk.byteLength;
    }
    const headers = new Headers(raw.headers);
    headers.delete("transfer-encoding");
    headers.set("content-length", String(size));
    c.req.raw = new Request(raw.url, { method: raw.method, headers, body, signal: raw.signal });
    return next();
  };
}
