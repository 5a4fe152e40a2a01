/**
 * Issue 15, finding 3 — bounded requests. A body is read only after the sign-in is known (anonymous writes other
 * than sign-in answer 401 without reading a byte beyond what the transport buffered), a JSON body is limited to a
 * small size before it is parsed, and an upload's limit is enforced on the stream itself (chunked too): the reading
 * stops at the limit. Bodies are streams here that count what the server pulled from them.
 */
import { describe, expect, it } from "vitest";
import { PASSWORD } from "./support/app.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

const MB = 1024 * 1024;

/** A lazy body of `total` bytes in 64 KB chunks, with how many bytes the reader pulled so far. */
function countingBody(total: number, fill = 0x20) {
  const chunk = new Uint8Array(64 * 1024).fill(fill);
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= total) {
        controller.close();
        return;
      }
      const n = Math.min(chunk.length, total - state.pulled);
      state.pulled += n;
      controller.enqueue(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
  return { stream, state };
}

describe.each(STORES)("bounded request bodies on %s", (kind) => {
  const { t, filler } = appForSuite(kind, ["filler"]);

  const send = (path: string, body: ReadableStream<Uint8Array>, headers: Record<string, string>) =>
    t.app.request(path, { method: "POST", headers, body, duplex: "half" } as RequestInit);

  it("refuses an anonymous 200 MB sign-in with 413 after reading at most the JSON limit", async () => {
    const { stream, state } = countingBody(200 * MB);
    const res = await send("/api/v1/auth/login", stream, { "Content-Type": "application/json" });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("payload_too_large");
    expect(body.error.message).toMatch(/请求内容过大/);
    expect(state.pulled).toBeLessThanOrEqual(t.deps.settings.jsonBodyLimit + 128 * 1024);
  });

  it("refuses an oversized JSON body by its declared length without reading it", async () => {
    const { stream, state } = countingBody(3 * MB);
    const res = await send("/api/v1/auth/login", stream, {
      "Content-Type": "application/json",
      "Content-Length": String(3 * MB),
    });
    expect(res.status).toBe(413);
    expect(state.pulled).toBeLessThanOrEqual(128 * 1024);
  });

  it("answers an anonymous chunked 300 MB upload 401 without reading its body", async () => {
    const { stream, state } = countingBody(300 * MB);
    const res = await send(`/api/v1/imports?orgId=${t.world.unit.id}&year=2024&fileName=big.xlsx`, stream, {
      "Content-Type": "application/octet-stream",
      "Transfer-Encoding": "chunked",
    });
    expect(res.status).toBe(401);
    expect(state.pulled).toBeLessThanOrEqual(128 * 1024);
  });

  it("answers anonymous writes anywhere 401 before their body (JSON too)", async () => {
    for (const path of ["/api/v1/projects", "/api/v1/accounts", "/api/v1/publications"]) {
      const { stream, state } = countingBody(10 * MB);
      const res = await send(path, stream, { "Content-Type": "application/json" });
      expect(res.status, path).toBe(401);
      expect(state.pulled, path).toBeLessThanOrEqual(128 * 1024);
    }
  });

  it("stops reading a signed-in chunked upload at the upload limit (413)", async () => {
    const { stream, state } = countingBody(80 * MB);
    const res = await send(`/api/v1/imports?orgId=${t.world.unit.id}&year=2024&fileName=big.xlsx`, stream, {
      "Content-Type": "application/octet-stream",
      "Transfer-Encoding": "chunked",
      Cookie: filler.cookie!,
      "X-CSRF-Token": filler.csrf!,
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("file_too_large");
    expect(state.pulled).toBeLessThanOrEqual(t.deps.settings.uploadBodyLimit + 128 * 1024);
    expect(state.pulled).toBeLessThan(80 * MB);
  });

  it("refuses a signed-in JSON body over the limit (413) and still takes ordinary ones", async () => {
    const big = JSON.stringify({ orgId: t.world.unit.id, year: 2024, name: "x".repeat(3 * MB) });
    const res = await filler.post("/projects", JSON.parse(big));
    expect(res.status).toBe(413);
    const ok = await filler.post("/projects", { orgId: t.world.unit.id, year: 2024, name: "正常项目" });
    expect(ok.status).toBe(201);
    expect((await t.client().login("viewer", PASSWORD)).status).toBe(200);
  });
});
