/**
 * Request bodies are bounded before anything parses them (issue 15): a small limit for JSON and other bodies,
 * the upload limit for files (multipart/form-data, application/octet-stream). The limit is enforced on the
 * stream itself — a declared Content-Length over it is refused unread, a chunked or lying body is read only up
 * to it. A small body is then handed on from memory; an upload is handed on as a stream that carries the limit
 * (its route streams it to storage after authorising). Runs after the session middleware, which refuses anonymous
 * writes (other than signing in) before any of the body is read.
 */

import type { OpenAPIHono } from "@hono/zod-openapi";
import { DomainError } from "@jixiao/core";
import type { MiddlewareHandler } from "hono";
import { pgError } from "../db/errors.ts";
import type { AppEnv } from "./context.ts";
import { errorResponses, ServerError } from "./errors.ts";

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
    // U+0000 cannot be stored (PostgreSQL text refuses it): a query parameter holding one is malformed. A URL
    // carries it only as %00 (the URL parser encodes a raw one), so the query is read only when that is there.
    if (c.req.url.includes("%00")) {
      for (const [name, values] of Object.entries(c.req.queries())) {
        if (values.some((v) => v.includes("\u0000"))) throw nulCharacterError(name);
      }
    }
    // A GET or HEAD has no body (fetch's Request refuses one): asked before `raw.body`, whose getter makes
    // @hono/node-server build a whole Request (headers, AbortController) out of its lightweight one, per request.
    const method = c.req.method;
    if (method === "GET" || method === "HEAD") return next();
    const raw = c.req.raw;
    if (!raw.body) return next();
    const upload = isUpload(c.req.header("content-type"));
    const { jsonBodyLimit, uploadBodyLimit } = c.get("deps").settings;
    const limit = upload ? uploadBodyLimit : jsonBodyLimit;
    const declared = c.req.header("content-length");
    if (declared !== undefined && Number(declared) > limit) throw tooLarge(upload, limit);
    if (upload) {
      // A file is not gathered here: its reader (imports/receive.ts) streams it to storage once the request is
      // authorised. The limit travels with the stream: the byte past it errors the stream and cancels the sender.
      let size = 0;
      const limited = raw.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            size += chunk.byteLength;
            if (size > limit) controller.error(tooLarge(upload, limit));
            else controller.enqueue(chunk);
          },
        }),
      );
      c.req.raw = new Request(raw.url, {
        method: raw.method,
        headers: raw.headers,
        body: limited,
        signal: raw.signal,
        duplex: "half",
      } as RequestInit);
      return next();
    }
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
    const text = !upload && /json/i.test(c.req.header("content-type") ?? "") ? new TextDecoder().decode(body) : "";
    if (/\\u0000/i.test(text)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined; // malformed JSON: the validator answers it
      }
      const at = nulCharacterAt(parsed);
      if (at !== undefined) throw nulCharacterError(at);
    }
    const headers = new Headers(raw.headers);
    headers.delete("transfer-encoding");
    headers.set("content-length", String(size));
    c.req.raw = new Request(raw.url, { method: raw.method, headers, body, signal: raw.signal });
    return next();
  };
}

/**
 * The 413 that `bodyLimits` gives, declared in the OpenAPI document on every route it can reach: every write (a
 * body of any route but GET is read through the limit). Declared here, beside the middleware that answers it, so
 * no route can be left out.
 */
export function declareBodyLimits(app: OpenAPIHono<AppEnv>): void {
  for (const def of app.openAPIRegistry.definitions) {
    if (def.type !== "route" || def.route.method === "get" || def.route.responses[413]) continue;
    def.route.responses = { ...def.route.responses, ...errorResponses(413) };
  }
}

/**
 * A value the database refused as data (SQLSTATE class 22: out of range, malformed date, U+0000, text too long…,
 * and 54000 too large): the request was malformed, whatever route it reached — 400, never 500.
 */
export function refusedValue(err: unknown): DomainError | undefined {
  const code = pgError(err)?.code;
  if (!code || !(code.startsWith("22") || code === "54000")) return undefined;
  return new DomainError("invalid_input", {
    zh: "请求中的某个值超出范围或格式无效（如不存在的日期、超出范围的数字、空字符 U+0000）",
    en: "A value in the request is out of range or malformed (e.g. an impossible date, a number out of range, U+0000)",
  });
}

/** The first place a U+0000 appears in a parsed JSON value, as a field path ("items.2.name"), or undefined. */
export function nulCharacterAt(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? path.join(".") || "(body)" : undefined;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const at = nulCharacterAt(v, [...path, String(i)]);
      if (at !== undefined) return at;
    }
    return undefined;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes("\u0000")) return [...path, k].join(".");
      const at = nulCharacterAt(v, [...path, k]);
      if (at !== undefined) return at;
    }
  }
  return undefined;
}

export function nulCharacterError(field: string): DomainError {
  return new DomainError(
    "invalid_input",
    { zh: `字段 ${field} 含有空字符 U+0000`, en: `The field ${field} contains the NUL character U+0000` },
    { field },
  );
}
