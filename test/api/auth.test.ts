import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../workers/domain/crypto/digest.ts";
import { readContextStamp } from "../../workers/storage/context-stamp.ts";
import { findSignedInStaff } from "../../workers/storage/sessions.ts";
import { openTenantScope } from "../../workers/storage/tenant-scope.ts";
import { call, freshIp } from "../support/client.ts";
import { ADMIN_PASSWORD, addStaff, onboard, signIn } from "../support/tenants.ts";

describe("login", () => {
  it("returns a bearer token and sets an HttpOnly, Secure, SameSite=Lax cookie", async () => {
    const county = await onboard("200001");
    const reply = await call<{ token: string; expiresAt: string; staff: { username: string } }>(
      "/api/v1/auth/login",
      { body: { tenant: county.code, username: "ADMIN", password: ADMIN_PASSWORD } },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.token).toMatch(/^lx_200001_/);
    expect(reply.body.staff).toMatchObject({ username: "admin" });
    expect(reply.body.staff).not.toHaveProperty("passwordHash");
    expect(Date.parse(reply.body.expiresAt)).toBeGreaterThan(Date.now() + 11 * 3_600_000);
    const cookie = reply.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^lx_session=lx_200001_/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const me = await call("/api/v1/auth/me", { token: reply.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      staff: { username: "admin", roles: ["tenant_admin"] },
      tenant: { code: "200001" },
      unit: { kind: "county" },
    });

    const viaCookie = await call("/api/v1/auth/me", {
      headers: { cookie: `lx_session=${reply.body.token}` },
    });
    expect(viaCookie.status).toBe(200);
  });

  it("does not tell an unknown user from a wrong password", async () => {
    const county = await onboard("200002");
    const wrong = await call("/api/v1/auth/login", {
      body: { tenant: county.code, username: "admin", password: "wrong-password" },
    });
    const unknown = await call("/api/v1/auth/login", {
      body: { tenant: county.code, username: "nobody", password: "wrong-password" },
    });
    const noCounty = await call("/api/v1/auth/login", {
      body: { tenant: "777777", username: "admin", password: "wrong-password" },
    });
    for (const reply of [wrong, unknown, noCounty]) {
      expect(reply.status).toBe(401);
      expect(reply.body).toMatchObject({
        error: { code: "UNAUTHENTICATED", message: "用户名或密码错误" },
      });
    }
  });

  it("locks the account after five failures and says so, even for the right password", async () => {
    const county = await onboard("200003");
    const ip = freshIp();
    const attempt = (password: string) =>
      call("/api/v1/auth/login", {
        ip,
        body: { tenant: county.code, username: "admin", password },
      });
    for (let i = 1; i <= 4; i += 1) expect((await attempt("wrong-password")).status).toBe(401);
    const fifth = await attempt("wrong-password");
    expect(fifth.status).toBe(423);
    expect(fifth.body).toMatchObject({
      error: { code: "ACCOUNT_LOCKED", details: { retryAfterSeconds: 300 } },
    });
    expect(fifth.headers.get("retry-after")).toBe("300");
    const right = await attempt(ADMIN_PASSWORD);
    expect(right.status).toBe(423);
    expect(right.body).toMatchObject({ error: { message: expect.stringContaining("锁定") } });
  });

  it("rate-limits repeated attempts on one username from one address", async () => {
    const county = await onboard("200004");
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const reply = await call("/api/v1/auth/login", {
        ip,
        body: { tenant: county.code, username: "ghost", password: "wrong-password" },
      });
      statuses.push(reply.status);
    }
    // An unknown username locks like a real one (401 ×4, then 423), and the limiter still
    // stops the eleventh attempt a minute.
    expect(statuses.slice(0, 4).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(4, 10).every((s) => s === 423)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});

describe("sessions", () => {
  it("stop working at once after logout", async () => {
    const county = await onboard("200010");
    const { token } = await addStaff(county, { username: "clerk1", roles: ["clerk"] });
    expect((await call("/api/v1/auth/me", { token })).status).toBe(200);
    const logout = await call("/api/v1/auth/logout", { method: "POST", token });
    expect(logout.status).toBe(204);
    expect(logout.headers.get("set-cookie")).toMatch(/lx_session=;/);
    const after = await call("/api/v1/auth/me", { token });
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  });

  it("expire", async () => {
    const county = await onboard("200011");
    const { token } = await addStaff(county, { username: "clerk2", roles: ["clerk"] });
    await env.TENANT_DB_1.prepare("UPDATE auth_sessions SET expires_at = ? WHERE tenant_id = ?")
      .bind(Date.now() - 1000, county.code)
      .run();
    const reply = await call("/api/v1/auth/me", { token });
    expect(reply.status).toBe(401);
  });

  it("end when the account is disabled or its password reset", async () => {
    const county = await onboard("200012");
    const a = await addStaff(county, { username: "handler1", roles: ["handler"] });
    const b = await addStaff(county, { username: "handler2", roles: ["handler"] });
    const patch = (id: string, body: unknown) =>
      call(`/api/v1/t/${county.code}/staff/${id}`, {
        method: "PATCH",
        token: county.adminToken,
        body,
      });
    expect((await patch(a.id, { disabled: true })).status).toBe(200);
    expect((await patch(b.id, { password: "a-brand-new-password" })).status).toBe(200);
    expect((await call("/api/v1/auth/me", { token: a.token })).status).toBe(401);
    expect((await call("/api/v1/auth/me", { token: b.token })).status).toBe(401);
    const disabledLogin = await call("/api/v1/auth/login", {
      body: { tenant: county.code, username: "handler1", password: "staff-password-123" },
    });
    expect(disabledLogin.status).toBe(401);
  });

  it("refuse a cookie-authenticated change from another site", async () => {
    const county = await onboard("200013");
    const reply = await call(`/api/v1/t/${county.code}/units`, {
      headers: { cookie: `lx_session=${county.adminToken}`, origin: "https://evil.example" },
      body: { name: "某局", kind: "bureau" },
    });
    expect(reply.status).toBe(403);
    const sameSite = await call(`/api/v1/t/${county.code}/units`, {
      headers: { cookie: `lx_session=${county.adminToken}`, origin: "https://lianxin.test" },
      body: { name: "某局", kind: "bureau" },
    });
    expect(sameSite.status).toBe(201);
  });

  it("reject tokens that are not ours", async () => {
    for (const token of ["garbage", "lx_200013_short", `lx_200013_${"A".repeat(43)}`]) {
      expect((await call("/api/v1/auth/me", { token })).status).toBe(401);
    }
  });

  it("are found only under their own county, with that county's context stamp", async () => {
    const own = await onboard("200014");
    const other = await onboard("200015");
    const hash = await sha256Hex(own.adminToken);
    const scopeOf = (code: string) => openTenantScope(env, { code, shard: "TENANT_DB_1" });
    const now = new Date();
    const found = await findSignedInStaff(scopeOf(own.code), hash, now);
    expect(found?.staff).toMatchObject({ tenantId: own.code, username: "admin" });
    expect(found?.contextStamp).toMatch(/^[0-9a-f]{16}$/);
    expect(found?.contextStamp).toBe(await readContextStamp(scopeOf(own.code)));
    expect(found?.contextStamp).not.toBe(await readContextStamp(scopeOf(other.code)));
    // The query is built once and bound per call: the tenant is bound as well.
    expect(await findSignedInStaff(scopeOf(other.code), hash, now)).toBeUndefined();
    expect(
      await findSignedInStaff(scopeOf(own.code), hash, new Date(Date.now() + 13 * 3_600_000)),
    ).toBeUndefined();
  });
});

describe("logout from the web", () => {
  it("works with the session cookie and no body, from our own origin", async () => {
    const county = await onboard("200020");
    const reply = await call("/api/v1/auth/logout", {
      method: "POST",
      headers: {
        cookie: `lx_session=${county.adminToken}`,
        origin: "https://lianxin.test",
        "content-length": "0",
      },
    });
    expect(reply.status).toBe(204);
    expect((await call("/api/v1/auth/me", { token: county.adminToken })).status).toBe(401);
  });
});

describe("login lockout", () => {
  it("locks a username only from the address that guessed; the owner still signs in", async () => {
    const county = await onboard("200031");
    const attacker = freshIp();
    const attempt = (ip: string, username: string, password: string) =>
      call<{ error?: unknown }>("/api/v1/auth/login", {
        ip,
        body: { tenant: county.code, username, password },
      });
    for (let i = 0; i < 5; i += 1) await attempt(attacker, "admin", "wrong-password");
    expect((await attempt(attacker, "admin", ADMIN_PASSWORD)).status).toBe(423);
    // The official, at their own desk.
    expect((await attempt(freshIp(), "admin", ADMIN_PASSWORD)).status).toBe(200);
  });

  it("treats a username that does not exist exactly like one that does", async () => {
    const county = await onboard("200032");
    const strip = (body: unknown) =>
      JSON.stringify(body)
        .replace(/"requestId":"[^"]*"/, "")
        .replace(/"lockedUntil":"[^"]*"/, "");
    const run = async (username: string) => {
      const ip = freshIp();
      const replies = [];
      for (let i = 0; i < 6; i += 1) {
        const started = performance.now();
        const reply = await call("/api/v1/auth/login", {
          ip,
          body: { tenant: county.code, username, password: "wrong-password" },
        });
        replies.push({
          status: reply.status,
          body: strip(reply.body),
          ms: performance.now() - started,
        });
      }
      return replies;
    };
    const real = await run("admin");
    const ghost = await run("nobody-here");
    expect(ghost.map((r) => r.status)).toEqual(real.map((r) => r.status));
    expect(ghost.map((r) => r.body)).toEqual(real.map((r) => r.body));
    expect(real.map((r) => r.status)).toEqual([401, 401, 401, 401, 423, 423]);
    // Both run the password hash: the same order of time, not one fast and one slow.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const ratio = median(ghost.map((r) => r.ms)) / median(real.map((r) => r.ms));
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});

describe("changePassword", () => {
  it("needs the old password and the strength rule, and signs every other session out", async () => {
    const county = await onboard("200033");
    const other = await signIn(county.code, "admin", ADMIN_PASSWORD, freshIp());
    const change = (body: unknown) =>
      call("/api/v1/auth/password", { token: county.adminToken, body });
    expect(
      (await change({ oldPassword: "not-it-at-all", newPassword: "a-new-pass-123" })).status,
    ).toBe(422);
    expect((await change({ oldPassword: ADMIN_PASSWORD, newPassword: "short" })).status).toBe(400);
    expect(
      (await change({ oldPassword: ADMIN_PASSWORD, newPassword: ADMIN_PASSWORD })).status,
    ).toBe(422);
    expect(
      (await change({ oldPassword: ADMIN_PASSWORD, newPassword: "a-new-pass-123" })).status,
    ).toBe(204);
    expect((await call("/api/v1/auth/me", { token: county.adminToken })).status).toBe(200);
    expect((await call("/api/v1/auth/me", { token: other })).status).toBe(401);
    const oldLogin = await call("/api/v1/auth/login", {
      ip: freshIp(),
      body: { tenant: county.code, username: "admin", password: ADMIN_PASSWORD },
    });
    expect(oldLogin.status).toBe(401);
    expect(await signIn(county.code, "admin", "a-new-pass-123", freshIp())).toBeTruthy();
  });
});
