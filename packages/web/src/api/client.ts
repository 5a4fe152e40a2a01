import type { Location } from "@jixiao/core";

/**
 * The one way the web app talks to the server: `fetch` with the session cookie, the CSRF token header on
 * every write, and the server's error shape `{ error: { code, message, messageEn, location } }` turned into
 * an `ApiError`. A 401 on a request that is not the sign-in itself asks the app to sign in again (without
 * leaving the page, so typing in progress is kept) and then retries the request once.
 */

export const API_BASE = "/api/v1";
/** The header that carries the CSRF token on writes (the server hands the token out at sign-in). */
export const CSRF_HEADER = "X-CSRF-Token";

export interface ServerError {
  code: string;
  message: string;
  messageEn?: string;
  location?: Location;
  /** 409: the record as it is now on the server. */
  current?: unknown;
  /** More about the error (e.g. 422 submission_incomplete: `{ fields: [{ path, field, itemId?, message, messageEn }] }`). */
  details?: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageEn: string | undefined;
  readonly location: Location | undefined;
  readonly current: unknown;
  readonly details: unknown;

  constructor(status: number, err: ServerError) {
    super(err.message);
    this.name = "ApiError";
    this.status = status;
    this.code = err.code;
    this.messageEn = err.messageEn;
    this.location = err.location;
    this.current = err.current;
    this.details = err.details;
  }
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

interface ClientState {
  csrfToken: string | undefined;
  /** Called on a 401; resolves when the user has signed in again, rejects when they gave up. */
  onUnauthorized: (() => Promise<void>) | undefined;
}

const state: ClientState = { csrfToken: undefined, onUnauthorized: undefined };

export function setCsrfToken(token: string | undefined): void {
  state.csrfToken = token;
}

export function setUnauthorizedHandler(handler: (() => Promise<void>) | undefined): void {
  state.onUnauthorized = handler;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Do not ask for a new sign-in on 401 (the sign-in request itself, the initial session probe). */
  noRelogin?: boolean;
  signal?: AbortSignal;
}

function url(path: string, query?: RequestOptions["query"]): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.set(k, String(v));
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ""}`;
}

async function readError(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const err = (body as { error?: ServerError } | undefined)?.error;
  if (err && typeof err.code === "string" && typeof err.message === "string") return new ApiError(res.status, err);
  return new ApiError(res.status, {
    code: res.status === 404 ? "not_found" : "http_error",
    message: `服务器返回 ${res.status} ${res.statusText}`,
    messageEn: `The server answered ${res.status} ${res.statusText}`,
  });
}

/**
 * A write whose body is raw bytes (a file to import): same session, CSRF header, error shape and re-login as
 * `request`, with the file's type as Content-Type.
 */
export async function uploadRaw<T>(path: string, file: Blob, query?: RequestOptions["query"]): Promise<T> {
  const send = () =>
    fetch(url(path, query), {
      method: "POST",
      headers: {
        Accept: "application/json",
        "Content-Type": "application/octet-stream",
        ...(state.csrfToken ? { [CSRF_HEADER]: state.csrfToken } : {}),
      },
      credentials: "same-origin",
      body: file,
    });
  let res = await send();
  if (res.status === 401 && state.onUnauthorized) {
    await state.onUnauthorized();
    res = await send();
  }
  if (!res.ok) throw await readError(res);
  return (await res.json()) as T;
}

export async function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (opts.body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && state.csrfToken) headers[CSRF_HEADER] = state.csrfToken;
  let res: Response;
  try {
    res = await fetch(url(path, opts.query), {
      method,
      headers,
      credentials: "same-origin",
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new ApiError(0, {
      code: "network",
      message: "无法连接服务器，请检查网络后重试。",
      messageEn: "Cannot reach the server: check the network and try again.",
    });
  }
  if (res.status === 401 && !opts.noRelogin && state.onUnauthorized) {
    await state.onUnauthorized();
    return request<T>(method, path, { ...opts, noRelogin: true });
  }
  if (!res.ok) throw await readError(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get("content-type") ?? "";
  return (type.includes("json") ? await res.json() : await res.text()) as T;
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>("GET", path, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>("POST", path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>("PUT", path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>("PATCH", path, { ...opts, body }),
  delete: <T>(path: string, opts?: RequestOptions) => request<T>("DELETE", path, opts),
};
