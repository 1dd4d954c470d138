import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/client.ts";
import { onboard, signIn, type TestTenant } from "../support/tenants.ts";

let county: TestTenant;
const base = () => `/api/v1/t/${county.code}/staff`;
const newStaff = {
  username: "Zhang.Wei",
  password: "zhangwei-pass-1",
  displayName: "张伟",
  roles: ["clerk", "handler"],
  badgeNumber: "XF-0012",
  position: "接访员",
};

beforeAll(async () => {
  county = await onboard("600001");
});

describe("staff accounts", () => {
  it("are created with the profile clerks show to visitors, and can sign in", async () => {
    const reply = await call(base(), {
      token: county.adminToken,
      body: { ...newStaff, unitId: county.countyUnitId },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      username: "zhang.wei",
      displayName: "张伟",
      badgeNumber: "XF-0012",
      position: "接访员",
      roles: ["clerk", "handler"],
      unitId: county.countyUnitId,
      disabled: false,
      lockedUntil: null,
    });
    expect(JSON.stringify(reply.body)).not.toMatch(/password|salt|hash/i);
    await expect(signIn(county.code, "zhang.wei", "zhangwei-pass-1")).resolves.toMatch(/^lx_/);
  });

  it("refuse a taken username, an unknown unit, an unknown role and a weak password", async () => {
    const taken = await call(base(), {
      token: county.adminToken,
      body: { ...newStaff, unitId: county.countyUnitId },
    });
    expect(taken.status).toBe(409);
    const noUnit = await call(base(), {
      token: county.adminToken,
      body: { ...newStaff, username: "li.na", unitId: "missing" },
    });
    expect(noUnit.status).toBe(422);
    expect(noUnit.body).toMatchObject({ error: { details: [{ path: "unitId" }] } });
    const badRole = await call(base(), {
      token: county.adminToken,
      body: { ...newStaff, username: "li.na", unitId: county.countyUnitId, roles: ["boss"] },
    });
    expect(badRole.status).toBe(400);
    const weak = await call(base(), {
      token: county.adminToken,
      body: { ...newStaff, username: "li.na", unitId: county.countyUnitId, password: "123" },
    });
    expect(weak.status).toBe(400);
  });

  it("can change roles and position, and an admin cannot lock themself out", async () => {
    const created = await call<{ id: string }>(base(), {
      token: county.adminToken,
      body: { ...newStaff, username: "wang.fang", unitId: county.countyUnitId },
    });
    const updated = await call(`${base()}/${created.body.id}`, {
      method: "PATCH",
      token: county.adminToken,
      body: { roles: ["leader"], position: "副县长", badgeNumber: null },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      roles: ["leader"],
      position: "副县长",
      badgeNumber: null,
    });

    const me = await call<{ staff: { id: string } }>("/api/v1/auth/me", {
      token: county.adminToken,
    });
    const selfDisable = await call(`${base()}/${me.body.staff.id}`, {
      method: "PATCH",
      token: county.adminToken,
      body: { disabled: true },
    });
    expect(selfDisable.status).toBe(422);
  });

  it("lists the county's accounts", async () => {
    const reply = await call<{ staff: { username: string }[] }>(base(), {
      token: county.adminToken,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.staff.map((s) => s.username)).toEqual(
      expect.arrayContaining(["admin", "zhang.wei", "wang.fang"]),
    );
  });
});
