import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sha256 } from "../src/accounts/auth.service.ts";

describe("sha256 (the stored form of session and reset tokens)", () => {
  it("is the hex SHA-256 of a Hash object, for any text (the one-shot form is only faster)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(sha256(s)).toBe(createHash("sha256").update(s).digest("hex"));
      }),
    );
  });

  it("is the published digest of a known input", () => {
    // FIPS 180-2 test vector
    expect(sha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
