/**
 * An app on a fresh store with a fixed, movable clock, a small world of organisations and accounts, and a
 * client that keeps the session cookie and sends the CSRF token like the web app does.
 */

import { hash } from "@node-rs/argon2";
import { attachActorCache } from "../../src/accounts/actor-cache.ts";
import type { Role } from "../../src/accounts/schema.ts";
import { accounts, memberships } from "../../src/accounts/schema.ts";
import type { Db } from "../../src/db/open.ts";
import { createApp } from "../../src/http/app.ts";
import { DEFAULT_SETTINGS, type Deps } from "../../src/http/context.ts";
import { insertOrganisation } from "../../src/orgs/repository.ts";
import type { OrganisationRow } from "../../src/orgs/schema.ts";
import { fiscalYears } from "../../src/years/schema.ts";
import { freshStore, type StoreKind, type TestStore } from "./stores.ts";

export const PASSWORD = "Correct-Horse-9";

// biome-ignore lint/suspicious/noExplicitAny: test responses are read loosely; their shapes are asserted.
type Loose = any;

export interface Response<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

type App = ReturnType<typeof createApp>;

/** What a client sends its requests to: the app, or anything that answers like its `request` (another process). */
export type RequestTarget = Pick<App, "request">;

export class Client {
  cookie: string | undefined;
  csrf: string | undefined;
  constructor(private readonly app: RequestTarget) {}

  async req<T = Loose>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response<T>> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined && !("Content-Type" in h)) h["Content-Type"] = "application/json";
    if (this.cookie) h.Cookie = this.cookie;
    if (method !== "GET" && this.csrf && !("X-CSRF-Token" in h)) h["X-CSRF-Token"] = this.csrf;
    const res = await this.app.request(path, {
      method,
      headers: h,
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) {
      const [pair] = setCookie.split(";");
      this.cookie = pair && /=.+/.test(pair) ? pair : undefined;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {}
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
  get<T = Loose>(path: string) {
    return this.req<T>("GET", `/api/v1${path}`);
  }
  post<T = Loose>(path: string, body?: unknown) {
    return this.req<T>("POST", `/api/v1${path}`, body);
  }
  patch<T = Loose>(path: string, body?: unknown) {
    return this.req<T>("PATCH", `/api/v1${path}`, body);
  }
  del<T = Loose>(path: string) {
    return this.req<T>("DELETE", `/api/v1${path}`);
  }
  async login(username: string, password = PASSWORD): Promise<Response<Loose>> {
    const r = await this.post("/auth/login", { username, password });
    if (r.status === 200) this.csrf = (r.body as { csrfToken: string }).csrfToken;
    return r;
  }
}

/**
 * The test accounts' hashes: argon2id as the server stores them, at a low cost (256 KiB, one pass) so that each
 * sign-in's verification takes well under a millisecond instead of ~25 ms of CPU. The server verifies with the
 * parameters written in the hash, so the login path is the same; the server's own hashing (password changes,
 * accounts it creates, the demo) keeps the production cost, which auth.test.ts checks.
 */
export function testPasswordHash(password: string): Promise<string> {
  return hash(password, { algorithm: 2, memoryCost: 256, timeCost: 1, parallelism: 1 });
}

let hashCache: Promise<string> | undefined;

export async function createAccount(
  db: Db,
  input: {
    username: string;
    roles: { role: Role; orgId?: string | null }[];
    mustChangePassword?: boolean;
    password?: string;
  },
) {
  hashCache ??= testPasswordHash(PASSWORD);
  const passwordHash = input.password ? await testPasswordHash(input.password) : await hashCache;
  const [row] = await db
    .insert(accounts)
    .values({
      username: input.username,
      displayName: input.username,
      passwordHash,
      mustChangePassword: input.mustChangePassword ?? false,
    })
    .returning();
  for (const m of input.roles) {
    await db.insert(memberships).values({ accountId: row!.id, role: m.role, orgId: m.orgId ?? null });
  }
  return row!;
}

export interface World {
  /** province-level root > city > two units; and a foreign root with one unit. */
  root: OrganisationRow;
  city: OrganisationRow;
  unit: OrganisationRow;
  sibling: OrganisationRow;
  foreignRoot: OrganisationRow;
  foreign: OrganisationRow;
  /** Usernames by role: filler, approver, reviewer (city), viewer, sysadmin, secadmin, auditor, foreignFiller. */
  users: Record<
    "filler" | "filler2" | "approver" | "reviewer" | "viewer" | "sysadmin" | "secadmin" | "auditor" | "foreignFiller",
    string
  >;
}

export async function seedWorld(db: Db): Promise<World> {
  await db
    .insert(fiscalYears)
    .values([{ year: 2024 }, { year: 2025 }])
    .onConflictDoNothing();
  const root = await insertOrganisation(db, { parentId: null, code: "13", name: "河北省公安厅交通警察总队" });
  const city = await insertOrganisation(db, { parentId: root.id, code: "1301", name: "石家庄市公安局" }, root);
  const unit = await insertOrganisation(
    db,
    {
      parentId: city.id,
      code: "312007",
      name: "赵县公安局交警大队",
      nature: "行政",
      rank: "正科级",
      fundingForm: "财政拨款",
    },
    city,
  );
  const sibling = await insertOrganisation(db, { parentId: city.id, code: "312", name: "赵县公安局" }, city);
  const foreignRoot = await insertOrganisation(db, { parentId: null, code: "53", name: "云南省公安厅" });
  const foreign = await insertOrganisation(
    db,
    { parentId: foreignRoot.id, code: "5303", name: "曲靖市公安局交通警察支队" },
    foreignRoot,
  );
  await createAccount(db, { username: "filler", roles: [{ role: "filler", orgId: unit.id }] });
  await createAccount(db, { username: "filler2", roles: [{ role: "filler", orgId: unit.id }] });
  await createAccount(db, { username: "approver", roles: [{ role: "unit_approver", orgId: unit.id }] });
  await createAccount(db, { username: "reviewer", roles: [{ role: "reviewer", orgId: city.id }] });
  await createAccount(db, { username: "viewer", roles: [{ role: "viewer", orgId: unit.id }] });
  await createAccount(db, { username: "sysadmin", roles: [{ role: "sysadmin" }] });
  await createAccount(db, { username: "secadmin", roles: [{ role: "secadmin" }] });
  await createAccount(db, { username: "auditor", roles: [{ role: "auditor" }] });
  await createAccount(db, { username: "foreignFiller", roles: [{ role: "filler", orgId: foreign.id }] });
  return {
    root,
    city,
    unit,
    sibling,
    foreignRoot,
    foreign,
    users: {
      filler: "filler",
      filler2: "filler2",
      approver: "approver",
      reviewer: "reviewer",
      viewer: "viewer",
      sysadmin: "sysadmin",
      secadmin: "secadmin",
      auditor: "auditor",
      foreignFiller: "foreignFiller",
    },
  };
}

/**
 * An account holding two roles at once, for the rules that keep the workflow's steps apart: `both` fills and
 * unit-approves the unit; `dual` unit-approves the unit and reviews for the city.
 */
export function createTwoRoleAccount(db: Db, world: World, username: "both" | "dual") {
  const roles: { role: Role; orgId: string }[] =
    username === "both"
      ? [
          { role: "filler", orgId: world.unit.id },
          { role: "unit_approver", orgId: world.unit.id },
        ]
      : [
          { role: "unit_approver", orgId: world.unit.id },
          { role: "reviewer", orgId: world.city.id },
        ];
  return createAccount(db, { username, roles });
}

export interface TestApp {
  store: TestStore;
  deps: Deps;
  app: App;
  world: World;
  clock: { now: Date; advance(ms: number): void };
  client(): Client;
  /** A signed-in client (throws if the login fails). */
  as(username: string): Promise<Client>;
  errors: unknown[];
  dispose(): Promise<void>;
}

export async function testApp(kind: StoreKind, options: { poolSize?: number } = {}): Promise<TestApp> {
  const store = await freshStore(kind, options);
  const clock = {
    now: new Date("2026-03-02T08:00:00.000Z"),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const errors: unknown[] = [];
  const deps: Deps = {
    db: store.handle.db,
    store: kind,
    settings: DEFAULT_SETTINGS,
    now: () => clock.now,
    logError: (e) => errors.push(e),
    // the actor cache as the server runs it, so that every test through testApp goes through it
    actorCache: await attachActorCache(store.handle, { logError: (e) => errors.push(e) }),
  };
  const app = createApp(deps);
  const world = await seedWorld(store.handle.db);
  return {
    store,
    deps,
    app,
    world,
    clock,
    errors,
    client: () => new Client(app),
    async as(username: string) {
      const c = new Client(app);
      const r = await c.login(username);
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
      return c;
    },
    dispose: () => store.dispose(),
  };
}
