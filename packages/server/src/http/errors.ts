/**
 * The project's error shape on the wire and the one map from error codes to HTTP statuses.
 * Every error travels as a DomainError (from @jixiao/core); the server adds a few codes of its own through
 * `ServerError` (a DomainError with a finer API code and optional details). Unknown errors become a plain
 * 500 — nothing internal leaks.
 */
import { z } from "@hono/zod-openapi";
import { DomainError, type DomainErrorCode, type LocalizedText, type Location } from "@jixiao/core";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export type ServerErrorCode =
  | "account_locked"
  | "csrf_failed"
  | "password_change_required"
  | "session_expired"
  | "stale_version"
  | "not_editable"
  | "file_too_large"
  | "unrecognised_document"
  | "submission_incomplete"
  | "scheme_invalid"
  | "exante_missing"
  | "too_many_requests"
  | "payload_too_large"
  | "internal";
export type ApiErrorCode = DomainErrorCode | ServerErrorCode;

/** The one error → status map. */
export const ERROR_STATUS: Record<ApiErrorCode, ContentfulStatusCode> = {
  invalid_input: 400,
  invalid_amount: 400,
  invalid_scheme: 400,
  zero_budget: 422,
  unauthenticated: 401,
  session_expired: 401,
  forbidden: 403,
  csrf_failed: 403,
  password_change_required: 403,
  not_found: 404,
  conflict: 409,
  stale_version: 409,
  not_editable: 409,
  account_locked: 423,
  file_too_large: 413,
  unrecognised_document: 422,
  submission_incomplete: 422,
  scheme_invalid: 400,
  exante_missing: 409,
  too_many_requests: 429,
  payload_too_large: 413,
  internal: 500,
};

const BASE_CODE: Record<ServerErrorCode, DomainErrorCode> = {
  account_locked: "forbidden",
  csrf_failed: "forbidden",
  password_change_required: "forbidden",
  session_expired: "unauthenticated",
  stale_version: "conflict",
  not_editable: "conflict",
  file_too_large: "invalid_input",
  unrecognised_document: "invalid_input",
  submission_incomplete: "invalid_input",
  scheme_invalid: "invalid_scheme",
  exante_missing: "conflict",
  too_many_requests: "forbidden",
  payload_too_large: "invalid_input",
  internal: "invalid_input",
};

/** A DomainError with a server-specific code, details, and for 409 the record as it is now. */
export class ServerError extends DomainError {
  readonly apiCode: ServerErrorCode;
  readonly details: unknown;
  readonly current: unknown;

  constructor(
    code: ServerErrorCode,
    text: LocalizedText,
    extra: { location?: Location; details?: unknown; current?: unknown } = {},
  ) {
    super(BASE_CODE[code], text, extra.location);
    this.name = "ServerError";
    this.apiCode = code;
    this.details = extra.details;
    this.current = extra.current;
  }
}

export interface ErrorBody {
  error: {
    code: ApiErrorCode;
    message: string;
    messageEn: string;
    location?: Location;
    details?: unknown;
    current?: unknown;
  };
}

export function errorBody(e: DomainError): { status: ContentfulStatusCode; body: ErrorBody } {
  const code: ApiErrorCode = e instanceof ServerError ? e.apiCode : e.code;
  const body: ErrorBody = { error: { code, message: e.text.zh, messageEn: e.text.en } };
  if (e.location) body.error.location = e.location;
  if (e instanceof ServerError) {
    if (e.details !== undefined) body.error.details = e.details;
    if (e.current !== undefined) body.error.current = e.current;
  }
  return { status: ERROR_STATUS[code] ?? 500, body };
}

export const INTERNAL_ERROR: ErrorBody = {
  error: {
    code: "internal",
    message: "服务器内部错误，请稍后重试。",
    messageEn: "Internal server error: try again later.",
  },
};

// ---- Short constructors used across the areas ----------------------------------------------------------

export const notFound = (what: LocalizedText = { zh: "记录", en: "record" }) =>
  new DomainError("not_found", {
    zh: `${what.zh}不存在或无权查看`,
    en: `The ${what.en} does not exist or is not visible to you`,
  });

export const forbidden = (text?: LocalizedText) =>
  new DomainError("forbidden", text ?? { zh: "您的角色无权执行此操作", en: "Your role does not allow this action" });

export const invalidInput = (text: LocalizedText, location?: Location) =>
  new DomainError("invalid_input", text, location);

export function staleVersion(current: unknown): ServerError {
  return new ServerError(
    "stale_version",
    {
      zh: "记录已被他人修改，请在最新版本上重新编辑",
      en: "The record was changed by someone else: edit the current version again",
    },
    { current },
  );
}

// ---- OpenAPI: the error schema and the declared error responses ----------------------------------------

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "not_found" }),
      message: z.string().openapi({ example: "记录不存在或无权查看" }),
      messageEn: z.string().openapi({ example: "The record does not exist or is not visible to you" }),
      location: z.record(z.string(), z.unknown()).optional(),
      details: z.unknown().optional(),
      current: z.unknown().optional().openapi({ description: "409: the record as it is now" }),
    }),
  })
  .openapi("Error");

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Invalid request 请求无效",
  401: "Not signed in or session expired 未登录或会话已过期",
  403: "Not allowed (role, CSRF, password change required) 无权操作",
  404: "Not found or not visible 不存在或无权查看",
  409: "Stale version or state does not allow it 版本冲突或状态不允许",
  413: "Request body or file too large (payload_too_large: JSON over 1 MB; file_too_large: upload over 50 MB) 请求内容或文件过大",
  422: "Not computable or not recognised 无法计算或无法识别",
  423: "Account locked 账户已锁定",
  429: "Too many requests: failed sign-ins from one address, or background jobs past the quota 请求过于频繁或后台任务超出配额",
  500: "Internal error 服务器内部错误",
};

/** The error responses a route declares, e.g. `...errorResponses(400, 401, 403, 404)`. 500 is always added. */
export function errorResponses<S extends number>(...statuses: S[]) {
  const out: Record<number, { description: string; content: { "application/json": { schema: typeof ErrorSchema } } }> =
    {};
  for (const s of [...statuses, 500]) {
    out[s] = {
      description: ERROR_DESCRIPTIONS[s] ?? "Error",
      content: { "application/json": { schema: ErrorSchema } },
    };
  }
  return out as Record<
    S | 500,
    { description: string; content: { "application/json": { schema: typeof ErrorSchema } } }
  >;
}
