import { ADMIN_TOKEN, call } from "./client.ts";

export const ADMIN_PASSWORD = "admin-password-123";

export interface TestTenant {
  code: string;
  name: string;
  countyUnitId: string;
  adminToken: string;
  units: { id: string; name: string; kind: string; code?: string; parentId?: string }[];
}

/** Onboards a county through the public API and signs its first administrator in. */
export async function onboard(
  code: string,
  name = `测试县${code}`,
  importDivisions = false,
  ip = "192.0.2.1",
): Promise<TestTenant> {
  const created = await call<{ units: TestTenant["units"] }>("/api/v1/tenants", {
    token: ADMIN_TOKEN,
    ip,
    body: {
      code,
      name,
      importDivisions,
      admin: { username: "admin", password: ADMIN_PASSWORD, displayName: "管理员" },
    },
  });
  if (created.status !== 201)
    throw new Error(`onboarding ${code}: ${created.status} ${JSON.stringify(created.body)}`);
  const county = created.body.units.find((unit) => unit.kind === "county");
  if (!county) throw new Error("no county office");
  const token = await signIn(code, "admin", ADMIN_PASSWORD, ip);
  return { code, name, countyUnitId: county.id, adminToken: token, units: created.body.units };
}

export async function signIn(tenant: string, username: string, password: string, ip = "192.0.2.2") {
  const reply = await call<{ token: string }>("/api/v1/auth/login", {
    ip: `${ip}`,
    body: { tenant, username, password },
  });
  if (reply.status !== 200)
    throw new Error(`login ${username}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.token;
}

export async function addStaff(
  tenant: TestTenant,
  member: { username: string; roles: string[]; unitId?: string; password?: string },
) {
  const password = member.password ?? "staff-password-123";
  const reply = await call<{ id: string }>(`/api/v1/t/${tenant.code}/staff`, {
    token: tenant.adminToken,
    body: {
      username: member.username,
      password,
      displayName: `测试${member.username}`,
      unitId: member.unitId ?? tenant.countyUnitId,
      roles: member.roles,
    },
  });
  if (reply.status !== 201)
    throw new Error(`staff ${member.username}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return { id: reply.body.id, token: await signIn(tenant.code, member.username, password) };
}
