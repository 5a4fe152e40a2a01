/**
 * The API beside the page: a session of its own (a fresh browser context of the harness) signed in as a demo
 * account, for the set-up and checks a test does not do through the UI. Writes send the CSRF token; an answer that
 * is not 2xx throws with the path, the status and the body.
 */
import type { Harness } from "../harness.ts";

export async function apiAs(h: Harness, who: string | { username: string; password: string }) {
  const account = typeof who === "string" ? h.accounts[who] : who;
  if (!account) throw new Error(`no demo account for the role ${who as string}`);
  const page = await h.newPage();
  const login = await page.request.post("/api/v1/auth/login", { data: account });
  if (login.status() !== 200) throw new Error(`login ${account.username}: ${login.status()}`);
  const headers = { "X-CSRF-Token": ((await login.json()) as { csrfToken: string }).csrfToken };
  const body = async <T>(r: Awaited<ReturnType<typeof page.request.get>>): Promise<T> => {
    if (!r.ok()) throw new Error(`${r.url()}: ${r.status()} ${await r.text()}`);
    return (await r.json()) as T;
  };
  return {
    // biome-ignore lint/suspicious/noExplicitAny: API answers are read loosely unless typed; what matters is asserted.
    get: async <T = any>(path: string) => body<T>(await page.request.get(`/api/v1${path}`)),
    // biome-ignore lint/suspicious/noExplicitAny: as get
    post: async <T = any>(path: string, data: unknown) =>
      body<T>(await page.request.post(`/api/v1${path}`, { data, headers })),
    // biome-ignore lint/suspicious/noExplicitAny: as get
    patch: async <T = any>(path: string, data: unknown) =>
      body<T>(await page.request.patch(`/api/v1${path}`, { data, headers })),
    page,
    close: () => page.close(),
  };
}
