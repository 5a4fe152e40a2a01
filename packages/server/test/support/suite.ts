/**
 * The set-up most server test files share, in one place: one app on a fresh store for the tests of a `describe`
 * block (made in its `beforeAll`, disposed in its `afterAll`), and clients signed in as users of the seeded world.
 *
 *   describe.each(STORES)("… on %s", (kind) => {
 *     const { t, filler } = appForSuite(kind, ["filler"]);
 *     beforeAll(async () => {
 *       // more set-up of this file: runs after the app is up (hooks run in the order they are declared)
 *     });
 *     it("…", async () => {
 *       await filler.post("/projects", { orgId: t.world.unit.id, … });
 *     });
 *   });
 *
 * `t` and the clients are handed out when the block is collected but reach the app only once its `beforeAll` has
 * run: use them inside hooks and tests (a use before that throws, saying so).
 */
import { afterAll, beforeAll } from "vitest";
import { Client, type TestApp, testApp, type World } from "./app.ts";
import type { StoreKind } from "./stores.ts";

export type WorldUser = keyof World["users"];

export function appForSuite<const U extends WorldUser = never>(
  kind: StoreKind,
  signIn: readonly U[] = [],
  options: { poolSize?: number } = {},
): { t: TestApp } & Record<U, Client> {
  let made: TestApp | undefined;
  const ready = (): TestApp => {
    if (!made) throw new Error("appForSuite: the app is made in the block's beforeAll; use it in hooks and tests");
    return made;
  };
  // Every property of the app, read when used: the app itself exists only from the block's beforeAll on.
  const t = new Proxy({} as TestApp, { get: (_, key) => Reflect.get(ready(), key) });
  const clients = Object.fromEntries(
    signIn.map((u) => [u, new Client({ request: (...args) => ready().app.request(...args) })]),
  ) as Record<U, Client>;

  beforeAll(async () => {
    made = await testApp(kind, options);
    for (const u of signIn) {
      const r = await clients[u].login(u);
      if (r.status !== 200) throw new Error(`login ${u}: ${r.status} ${JSON.stringify(r.body)}`);
    }
  });
  afterAll(async () => {
    await made?.dispose();
  });
  return { t, ...clients };
}
