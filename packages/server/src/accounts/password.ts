/** Password rules and argon2id hashing. */

import { DomainError } from "@jixiao/core";
import { hash, verify } from "@node-rs/argon2";

export const MIN_PASSWORD_LENGTH = 10;

/** Length ≥ 10, at least 3 of 4 classes (lower, upper, digit, other), not containing the username. */
export function checkPasswordRules(password: string, username: string): void {
  const fail = (zh: string, en: string) => {
    throw new DomainError("invalid_input", { zh, en }, { field: "password" });
  };
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    fail(`密码至少 ${MIN_PASSWORD_LENGTH} 个字符`, `The password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) {
    fail(
      "密码须包含小写字母、大写字母、数字、其他字符中的至少三类",
      "The password needs at least three of: lower-case letters, upper-case letters, digits, other characters",
    );
  }
  if (username.length > 0 && password.toLowerCase().includes(username.toLowerCase())) {
    fail("密码不能包含用户名", "The password must not contain the username");
  }
}

/** `Algorithm.Argon2id` of @node-rs/argon2 (a const enum, which verbatimModuleSyntax cannot import). */
const ARGON2ID = 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Verified against when the username is unknown, so that the answer takes the same time. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("dummy-Password-1!");
  return dummyHash;
}
