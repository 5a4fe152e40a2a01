/**
 * The opaque page token every cursor-paged list shares (http/page-token.ts), and the two lists' cursors on top of
 * it: what one writes reads back the same; anything else — another filter, a truncated or altered token, text that
 * is no token — is refused as invalid input naming `cursor`.
 */
import { DomainError } from "@jixiao/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PageToken } from "../src/http/page-token.ts";
import { decodeCursor, encodeCursor, filterKey } from "../src/projects/cursor.ts";
import { decodeScoreCursor, encodeScoreCursor } from "../src/rollups/score-cursor.ts";

const refused = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe("invalid_input");
    expect((e as DomainError).message).toContain("cursor");
    return true;
  }
  return false;
};

const field = fc.oneof(fc.string(), fc.integer(), fc.constant(null));
const path = fc.array(fc.uuid(), { minLength: 1, maxLength: 4 }).map((ids) => `/${ids.join("/")}/`);

describe("page tokens", () => {
  const token = new PageToken({ zh: "筛选", en: "filter" });

  it("read back what they wrote, and refuse another length", () => {
    fc.assert(
      fc.property(fc.array(field, { maxLength: 10 }), (fields) => {
        const t = token.encode(fields);
        expect(t).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(token.decode(t, fields.length)).toEqual(fields);
        expect(refused(() => token.decode(t, fields.length + 1))).toBe(true);
      }),
    );
  });

  it("refuse text that is no token, in both languages", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        let fields: unknown;
        try {
          fields = JSON.parse(Buffer.from(s, "base64url").toString("utf8"));
        } catch {
          fields = undefined;
        }
        // what is not JSON of an array of the asked length is refused
        if (!Array.isArray(fields) || fields.length !== 3) expect(refused(() => token.decode(s, 3))).toBe(true);
      }),
    );
    const e = token.refused();
    expect(e.text.zh).toContain("筛选");
    expect(e.text.en).toContain("filter");
  });

  it("the scores cursor reads back, and only for its own organisation, year and grades", () => {
    fc.assert(
      fc.property(
        fc.record({
          orgId: fc.uuid(),
          year: fc.integer({ min: 2000, max: 2100 }),
          grades: fc.constantFrom("", "优", "中,差"),
          path,
          name: fc.string({ maxLength: 50 }),
          id: fc.uuid(),
          total: fc.nat(),
          seen: fc.nat(),
        }),
        (c0) => {
          const c = { ...c0, seen: Math.min(c0.seen, c0.total) };
          const t = encodeScoreCursor(c);
          expect(decodeScoreCursor(t, c.orgId, c.year, c.grades)).toEqual(c);
          expect(refused(() => decodeScoreCursor(t, c.orgId, c.year + 1, c.grades))).toBe(true);
          expect(refused(() => decodeScoreCursor(t, c.orgId, c.year, `${c.grades}x`))).toBe(true);
          expect(refused(() => decodeScoreCursor(t.slice(0, -2), c.orgId, c.year, c.grades))).toBe(true);
          const more = encodeScoreCursor({ ...c, seen: c.total + 1 });
          expect(refused(() => decodeScoreCursor(more, c.orgId, c.year, c.grades))).toBe(true);
        },
      ),
    );
  });

  it("the project cursor reads back, and only for its own sort, order and filter", () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.integer({ min: 0, max: 10 ** 9 }),
        fc.nat(),
        fc.boolean(),
        fc.uuid(),
        (id, fen, total, desc, orgId) => {
          const filter = filterKey({ orgId, year: 2024 });
          const value = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
          const c = { sort: "annualFunds" as const, desc, value, id, total, filter };
          const t = encodeCursor(c);
          expect(decodeCursor(t, "annualFunds", desc, filter)).toEqual(c);
          expect(refused(() => decodeCursor(t, "annualFunds", !desc, filter))).toBe(true);
          expect(refused(() => decodeCursor(t, "name", desc, filter))).toBe(true);
          expect(refused(() => decodeCursor(t, "annualFunds", desc, filterKey({ orgId, year: 2025 })))).toBe(true);
          const notAmount = encodeCursor({ ...c, value: "1; DROP" });
          expect(refused(() => decodeCursor(notAmount, "annualFunds", desc, filter))).toBe(true);
        },
      ),
    );
  });
});
