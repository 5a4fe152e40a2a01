/**
 * The webhook: each notification forwarded as one JSON POST to a local receiver (a node http server on port 0 —
 * nothing leaves the machine), signed with HMAC-SHA256 of the body, retried a bounded number of times; a receiver
 * that keeps failing is logged and never reaches the user's action. The test waits for the forwarding to settle
 * (forwardingSettled), never for a fixed time.
 */
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forwardingSettled } from "../src/notifications/index.ts";
import { notifications } from "../src/notifications/schema.ts";
import { webhookFromEnv } from "../src/notifications/webhook.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

const SECRET = "test-secret-0123456789";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

describe.each(STORES)("the notification webhook on %s", (kind) => {
  const { t, filler, approver } = appForSuite(kind, ["filler", "approver"]);
  let server: Server;
  const received: Received[] = [];
  /** The statuses the receiver answers with, in turn (then 200). */
  let answers: number[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
        res.statusCode = answers.shift() ?? 200;
        res.end("ok");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    t.deps.settings = {
      ...t.deps.settings,
      webhook: {
        url: `http://127.0.0.1:${port}/hook`,
        secret: SECRET,
        attempts: 3,
        retryDelaysMs: [5, 5],
        timeoutMs: 2000,
      },
    };
  });
  afterAll(async () => {
    await forwardingSettled(t.deps);
    await new Promise((r) => server.close(r));
  });

  async function submitGoal(year: number) {
    const g = (await filler.post("/goals", { orgId: t.world.unit.id, year, annualGoal: `目标${year}` })).body;
    return filler.post(`/goals/${g.id}/submit`, { version: 1 });
  }

  it("forwards a notification signed, after one failure retried", async () => {
    received.length = 0;
    answers = [503];
    expect((await submitGoal(2024)).status).toBe(200);
    await forwardingSettled(t.deps);
    expect(received).toHaveLength(2); // 503, then 200
    const [first, second] = received;
    expect(second!.body).toBe(first!.body); // the same delivery again
    expect(second!.headers["x-jixiao-delivery"]).toBe(first!.headers["x-jixiao-delivery"]);
    const body = JSON.parse(second!.body);
    expect(body).toMatchObject({
      event: "notification",
      kind: "submitted",
      title: "赵县公安局交警大队 2024年部门整体绩效目标待单位审核",
      account: { username: "approver" },
      org: { id: t.world.unit.id, name: "赵县公安局交警大队" },
    });
    const expected = `sha256=${createHmac("sha256", SECRET).update(second!.body).digest("hex")}`;
    expect(second!.headers["x-jixiao-signature"]).toBe(expected);
    expect(second!.headers["content-type"]).toMatch(/^application\/json/);
    const [row] = await t.deps.db.select().from(notifications).where(eq(notifications.id, body.id));
    expect(row).toMatchObject({ webhookState: "sent", webhookAttempts: 2 });
    // forwarded once: another request does not send it again
    await approver.get("/notifications");
    await forwardingSettled(t.deps);
    expect(received).toHaveLength(2);
  });

  it("gives up after three tries, logs it, and the user's action stands", async () => {
    received.length = 0;
    answers = [500, 500, 500, 500];
    const errorsBefore = t.errors.length;
    const r = await submitGoal(2025);
    expect(r.status).toBe(200);
    expect(r.body.state).toBe("submitted");
    await forwardingSettled(t.deps);
    expect(received).toHaveLength(3);
    const id = JSON.parse(received[0]!.body).id;
    const [row] = await t.deps.db.select().from(notifications).where(eq(notifications.id, id));
    expect(row).toMatchObject({ webhookState: "failed", webhookAttempts: 3 });
    const logged = t.errors.slice(errorsBefore).map(String);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(`webhook delivery failed: notification ${id}`);
    expect(logged[0]).toContain("after 3 tries: HTTP 500");
    // the approver still has it in the centre
    const list = (await approver.get("/notifications")).body.items as { id: string }[];
    expect(list.some((n) => n.id === id)).toBe(true);
  });

  it("reads its settings from the environment, refusing a bad URL or a short secret", () => {
    expect(webhookFromEnv({})).toBeUndefined();
    expect(webhookFromEnv({ JIXIAO_WEBHOOK_URL: "https://oa.example/hook", JIXIAO_WEBHOOK_SECRET: SECRET })).toEqual({
      url: "https://oa.example/hook",
      secret: SECRET,
      attempts: 3,
      retryDelaysMs: [1000, 5000],
      timeoutMs: 5000,
    });
    expect(() => webhookFromEnv({ JIXIAO_WEBHOOK_URL: "ftp://x", JIXIAO_WEBHOOK_SECRET: SECRET })).toThrow(/http/);
    expect(() => webhookFromEnv({ JIXIAO_WEBHOOK_URL: "http://x/h", JIXIAO_WEBHOOK_SECRET: "short" })).toThrow(/16/);
  });
});
