import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/client.ts";
import { addStaff, onboard, type TestTenant } from "../support/tenants.ts";

let county: TestTenant;
const tokens: Record<string, string> = {};
let someStaffId: string;

beforeAll(async () => {
  county = await onboard("400001");
  for (const role of ["clerk", "handler", "leader", "supervisor", "viewer"]) {
    const member = await addStaff(county, { username: `r-${role}`, roles: [role] });
    tokens[role] = member.token;
    someStaffId = member.id;
  }
});

const adminOnly = () => [
  { method: "GET", path: `/api/v1/t/${county.code}/staff` },
  {
    method: "POST",
    path: `/api/v1/t/${county.code}/staff`,
    body: {
      username: "x-new",
      password: "password-123",
      displayName: "x",
      unitId: county.countyUnitId,
      roles: ["clerk"],
    },
  },
  {
    method: "PATCH",
    path: `/api/v1/t/${county.code}/staff/${someStaffId}`,
    body: { roles: ["tenant_admin"] },
  },
  {
    method: "POST",
    path: `/api/v1/t/${county.code}/units`,
    body: { name: "新局", kind: "bureau" },
  },
  {
    method: "PATCH",
    path: `/api/v1/t/${county.code}/units/${county.countyUnitId}`,
    body: { name: "改名" },
  },
  { method: "PATCH", path: `/api/v1/t/${county.code}`, body: { name: "改名县" } },
];

describe("role checks", () => {
  it("answer 403 FORBIDDEN to every role but tenant_admin on admin operations", async () => {
    for (const [role, token] of Object.entries(tokens)) {
      for (const op of adminOnly()) {
        const reply = await call(op.path, { method: op.method, token, body: op.body });
        expect(reply.status, `${role} ${op.method} ${op.path}`).toBe(403);
        expect(reply.body).toMatchObject({ error: { code: "FORBIDDEN" } });
      }
    }
  });

  it("let every role read the unit tree and who they are", async () => {
    for (const token of Object.values(tokens)) {
      expect((await call(`/api/v1/t/${county.code}/units`, { token })).status).toBe(200);
      expect((await call("/api/v1/auth/me", { token })).status).toBe(200);
    }
  });

  it("answer 401 without a token", async () => {
    for (const op of adminOnly()) {
      const reply = await call(op.path, { method: op.method, body: op.body });
      expect(reply.status).toBe(401);
    }
  });
});
