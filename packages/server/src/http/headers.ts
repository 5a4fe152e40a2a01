/**
 * Security headers on every answer — the web app, its assets, /public, /api/docs, the API and its errors:
 * - Content-Security-Policy: scripts only from this origin, never inline (the pages carry none); styles may be
 *   inline (the UI library writes its styles at run time); no plugins; no framing (frame-ancestors 'none');
 * - X-Frame-Options DENY for older browsers; X-Content-Type-Options nosniff; Referrer-Policy no-referrer (links
 *   to other sites carry no address of ours); the browser features the app never uses are switched off.
 */
import type { MiddlewareHandler } from "hono";

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
};

/** The pairs, listed once (not per answer). */
const ENTRIES = Object.entries(SECURITY_HEADERS);

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of ENTRIES) {
      try {
        c.res.headers.set(name, value);
      } catch {
        // An immutable response (e.g. a fetched one): copy it with the headers added.
        const res = new Response(c.res.body, c.res);
        res.headers.set(name, value);
        c.res = res;
      }
    }
  };
}
