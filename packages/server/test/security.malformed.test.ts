/**
 * Issue 15, finding 7 — every malformed input is a 400 (or another 4xx), never a 500. Generated from the OpenAPI
 * document (itself generated from the routes' zod schemas): for every route, a plausible request is built from its
 * schemas, then each path parameter, query parameter and body field (nested ones too) is replaced, one at a time,
 * by boundary and wrong-typed values — impossible dates, U+0000, numbers past PostgreSQL's integer, huge and
 * negative numbers, empty and long strings, null, arrays, objects — and fast-check adds random mutations on top.
 * No answer may be 5xx, and nothing may be logged as an unexpected error.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Client } from "./support/app.ts";
import { PASSWORD } from "./support/app.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema from the OpenAPI document, read loosely.
type Schema = any;
type Json = unknown;
interface Param {
  name: string;
  in: "path" | "query";
  schema: Schema;
}
interface Op {
  method: string;
  path: string;
  params: Param[];
  body: Schema | undefined;
}

const BOUNDARY_STRINGS = [
  "",
  "\u0000",
  "名称\u0000",
  "2024-02-30",
  "2024-13-01",
  "0000-00-00",
  "9999-99-99",
  "-1",
  "2147483648",
  "1e400",
  "NaN",
  "x".repeat(5000),
  "😀\uD800",
  "' OR 1=1 --",
  "00000000-0000-0000-0000-000000000000",
  "not-a-uuid",
];
// 2^53 + 1 is not a double: JSON sends it as the nearest one, which is what a client's number becomes
const BOUNDARY_NUMBERS = [2147483648, -2147483649, 2 ** 53 + 2, 1e308, -1e308, -1, 0, 0.5, -0.0, 99999999999999];
const WRONG_TYPES: Json[] = [null, true, [], {}, [1, "a"], { a: { b: null } }];

describe.each(STORES)("no 5xx for malformed input on %s", (kind) => {
  const { t, filler, reviewer, sysadmin, secadmin, auditor } = appForSuite(kind, [
    "filler",
    "reviewer",
    "sysadmin",
    "secadmin",
    "auditor",
  ]);
  let doc: Schema;
  let ops: Op[] = [];
  const ids: Record<string, string> = {};
  const failures: string[] = [];

  beforeAll(async () => {
    doc = (await t.client().req("GET", "/api/openapi.json")).body;
    for (const [path, byMethod] of Object.entries(doc.paths as Record<string, Record<string, Schema>>)) {
      for (const [method, op] of Object.entries(byMethod)) {
        const json = op.requestBody?.content?.["application/json"]?.schema;
        ops.push({ method: method.toUpperCase(), path, params: op.parameters ?? [], body: json });
      }
    }
    // Signing out or in mid-test would change whose session the other requests use.
    ops = ops.filter((o) => !["/api/v1/auth/logout"].includes(o.path));
    // DELETE last, so the records the other routes act on exist while they run.
    ops.sort((a, b) => Number(a.method === "DELETE") - Number(b.method === "DELETE"));
    const unit = t.world.unit.id;
    ids.project = (await filler.post("/projects", { orgId: unit, year: 2024, name: "边界项目" })).body.id;
    ids.indicator = (await filler.post(`/projects/${ids.project}/indicators`, { level: 1, name: "产出指标" })).body.id;
    ids.goal = (await filler.post("/goals", { orgId: unit, year: 2024 })).body?.id;
    ids.evaluation = (await filler.post("/evaluations", { kind: "department", orgId: unit, year: 2024 })).body.id;
    ids.budget = (await filler.post("/budgets", { orgId: unit, year: 2024 })).body?.id;
    ids.execution = (
      await filler.post("/execution", { orgId: unit, year: 2024, scope: "total", executed: "1.00" })
    ).body?.id;
    ids.duty = (await filler.post("/duties", { orgId: unit, year: 2024, name: "职责" })).body?.id;
  });

  const resolve = (s: Schema): Schema => {
    if (s?.$ref) return resolve(doc.components.schemas[String(s.$ref).split("/").pop()!]);
    if (s?.allOf) {
      const parts = s.allOf.map(resolve);
      return {
        type: "object",
        properties: Object.assign({}, ...parts.map((p: Schema) => p.properties ?? {})),
        required: parts.flatMap((p: Schema) => p.required ?? []),
      };
    }
    if (s?.anyOf || s?.oneOf) {
      const options = (s.anyOf ?? s.oneOf).map(resolve).filter((o: Schema) => o.type !== "null");
      return options[0] ?? {};
    }
    return s ?? {};
  };
  const typeOf = (s: Schema): string => (Array.isArray(s.type) ? s.type.find((x: string) => x !== "null") : s.type);

  /** A plausible value for a field: the seeded world's ids and years where the name says so. */
  const sample = (s0: Schema, name = "", depth = 0): Json => {
    const s = resolve(s0);
    if (s.enum) return s.enum[0];
    if (s.const !== undefined) return s.const;
    if (name === "orgId" || name === "under") return t.world.unit.id;
    if (name === "year") return 2024;
    if (name === "version") return 1;
    if (name === "username") return "fuzz-nobody";
    if (/password/i.test(name)) return name === "currentPassword" ? PASSWORD : "Another-Password-2";
    if (name === "projectId") return ids.project;
    if (name === "indicatorId") return ids.indicator;
    switch (typeOf(s)) {
      case "string":
        if (s.format === "uuid") return randomUUID();
        if (s.format === "date") return "2024-03-01";
        if (s.format === "date-time") return "2024-03-01T00:00:00.000Z";
        if (s.pattern && /\\d/.test(s.pattern)) return "1.00";
        return "测试";
      case "integer":
        return Math.max(1, s.minimum ?? 1);
      case "number":
        return 1;
      case "boolean":
        return true;
      case "array":
        return depth > 4 ? [] : [sample(s.items ?? {}, "", depth + 1)];
      case "object": {
        if (depth > 4) return {};
        const out: Record<string, Json> = {};
        for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = sample(v, k, depth + 1);
        return out;
      }
      default:
        return "测试";
    }
  };

  /** Values to put in place of a field of this schema: boundaries of its type, then the wrong types. */
  const malformed = (s0: Schema): Json[] => {
    const s = resolve(s0);
    const type = typeOf(s);
    const numbers = BOUNDARY_NUMBERS;
    if (type === "integer" || type === "number") return [...numbers, ...BOUNDARY_STRINGS.slice(0, 10), ...WRONG_TYPES];
    if (type === "string") return [...BOUNDARY_STRINGS, 2147483648, -1, ...WRONG_TYPES];
    if (type === "boolean") return ["true", 1, ...WRONG_TYPES];
    return [...WRONG_TYPES, "\u0000", 2147483648];
  };

  /** Every field path of a sample body, nested objects and first array items included. */
  const fieldPaths = (value: Json, prefix: (string | number)[] = []): (string | number)[][] => {
    if (Array.isArray(value)) return value.length ? [[...prefix, 0], ...fieldPaths(value[0], [...prefix, 0])] : [];
    if (value && typeof value === "object") {
      return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...fieldPaths(v, [...prefix, k])]);
    }
    return [];
  };
  const schemaAt = (s0: Schema, path: (string | number)[]): Schema => {
    let s = resolve(s0);
    for (const key of path) s = resolve(typeof key === "number" ? s.items : s.properties?.[key]);
    return s;
  };
  const setAt = (value: Json, path: (string | number)[], v: Json): Json => {
    const copy = structuredClone(value) as Record<string | number, Json>;
    let cur = copy;
    for (const key of path.slice(0, -1)) {
      const next = cur[key];
      // An earlier mutation replaced a parent by a scalar: nothing below it to set.
      if (next === null || typeof next !== "object") return copy;
      cur = next as Record<string | number, Json>;
    }
    cur[path[path.length - 1]!] = v;
    return copy;
  };

  const who = (op: Op): Client => {
    const p = op.path.replace("/api/v1", "");
    if (p.startsWith("/accounts/{id}/memberships") || p.endsWith("/unlock")) return secadmin;
    if (/^\/(accounts|orgs|years)/.test(p) && op.method !== "GET") return sysadmin;
    if (p.startsWith("/audit")) return auditor;
    if (p.startsWith("/scoring-schemes") || p.endsWith("/approve") || p.endsWith("/decision")) return reviewer;
    return filler;
  };
  const pathValue = (op: Op, param: Param): string => {
    const area = op.path.split("/")[3] ?? "";
    const byArea: Record<string, string | undefined> = {
      projects: ids.project,
      indicators: ids.indicator,
      goals: ids.goal,
      evaluations: ids.evaluation,
      budgets: ids.budget,
      execution: ids.execution,
      duties: ids.duty,
    };
    if (param.name === "id" && byArea[area]) return byArea[area]!;
    const value = sample(param.schema, param.name);
    return String(value);
  };

  async function send(op: Op, paramValues: Record<string, Json>, body: Json, label: string) {
    let path = op.path;
    const query = new URLSearchParams();
    for (const p of op.params) {
      const v = paramValues[p.name];
      if (v === undefined) continue;
      // A lone surrogate cannot travel in a URL: it is sent as U+FFFD, as a browser would.
      const text = Buffer.from(typeof v === "string" ? v : JSON.stringify(v), "utf8").toString("utf8");
      if (p.in === "path") path = path.replace(`{${p.name}}`, encodeURIComponent(text));
      else query.set(p.name, text);
    }
    const url = `${path}${query.size ? `?${query}` : ""}`;
    const client = who(op);
    const r = await client.req(op.method, url, op.body === undefined ? undefined : body);
    if (r.status >= 500) failures.push(`${op.method} ${op.path} ${label} → ${r.status}`);
    return r.status;
  }

  const baseParams = (op: Op) =>
    Object.fromEntries(
      op.params.map((p) => [p.name, p.in === "path" ? pathValue(op, p) : sample(p.schema, p.name)] as const),
    );

  it("answers every route with each parameter and body field set to boundary and wrong-typed values (no 5xx)", async () => {
    let sent = 0;
    for (const op of ops) {
      const params = baseParams(op);
      const body = op.body === undefined ? undefined : sample(op.body);
      await send(op, params, body, "plausible");
      for (const p of op.params) {
        for (const v of malformed(p.schema)) {
          await send(op, { ...params, [p.name]: v }, body, `${p.in} ${p.name}=${JSON.stringify(v).slice(0, 40)}`);
          sent++;
        }
      }
      if (op.body !== undefined) {
        for (const v of [...WRONG_TYPES, "\u0000", 2147483648]) {
          await send(op, params, v, `body=${JSON.stringify(v)}`);
          sent++;
        }
        for (const path of fieldPaths(body)) {
          for (const v of malformed(schemaAt(op.body, path))) {
            await send(op, params, setAt(body, path, v), `${path.join(".")}=${JSON.stringify(v).slice(0, 40)}`);
            sent++;
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(3000);
    expect(failures).toEqual([]);
    expect(t.errors).toEqual([]);
  }, 600_000);

  it("stays below 500 under random mutations of several fields at once (fast-check)", async () => {
    const withBody = ops.filter((o) => o.body !== undefined || o.params.length > 0);
    const anyValue = fc.oneof(
      fc.constantFrom<Json>(...BOUNDARY_STRINGS, ...BOUNDARY_NUMBERS, ...WRONG_TYPES),
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.integer(),
      fc.double(),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: withBody.length - 1 }),
        fc.array(fc.tuple(fc.nat(), anyValue), { minLength: 1, maxLength: 3 }),
        async (index, changes) => {
          const op = withBody[index]!;
          let params: Record<string, Json> = baseParams(op);
          let body = op.body === undefined ? undefined : sample(op.body);
          const targets = [...op.params.map((p) => ({ param: p.name })), ...fieldPaths(body).map((path) => ({ path }))];
          for (const [n, v] of changes) {
            const target = targets[n % Math.max(1, targets.length)];
            if (!target) continue;
            if ("param" in target) params = { ...params, [target.param]: v };
            else body = setAt(body, target.path, v);
          }
          const status = await send(op, params, body, `random ${JSON.stringify(changes).slice(0, 80)}`);
          return status < 500;
        },
      ),
      { numRuns: 400, seed: 15 },
    );
    expect(failures).toEqual([]);
    expect(t.errors).toEqual([]);
  }, 600_000);
});
