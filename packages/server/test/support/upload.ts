import type { Client, TestApp } from "./app.ts";

/** A raw-body upload the way a browser's fetch sends a File. */
export async function uploadRaw(t: TestApp, c: Client, bytes: Uint8Array, q: Record<string, string | number>) {
  const qs = new URLSearchParams(Object.entries(q).map(([k, v]): [string, string] => [k, String(v)]));
  const res = await t.app.request(`/api/v1/imports?${qs}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/octet-stream",
      ...(c.cookie ? { Cookie: c.cookie } : {}),
      ...(c.csrf ? { "X-CSRF-Token": c.csrf } : {}),
    },
    body: bytes,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
