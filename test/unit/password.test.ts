import { describe, expect, it } from "vitest";
import {
  hashPassword,
  PASSWORD_ITERATIONS,
  verifyPassword,
} from "../../workers/domain/auth/password.ts";
import { newSessionToken, tenantOfToken } from "../../workers/domain/auth/tokens.ts";

describe("passwords", () => {
  it("are hashed with PBKDF2 at 100,000 iterations and a salt of their own", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a.iterations).toBe(PASSWORD_ITERATIONS);
    expect(PASSWORD_ITERATIONS).toBe(100_000);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterY", a)).toBe(false);
  });
});

describe("session tokens", () => {
  it("name their county and are unguessable", () => {
    const token = newSessionToken("431224");
    expect(tenantOfToken(token)).toBe("431224");
    expect(newSessionToken("431224")).not.toBe(token);
    expect(tenantOfToken("lx_43122_abc")).toBeUndefined();
  });
});
