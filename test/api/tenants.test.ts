import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, call } from "../support/client.ts";
import { onboard } from "../support/tenants.ts";

const admin = { username: "admin", password: "admin-password-123", displayName: "管理员" };

describe("createTenant", () => {
  it("onboards 溆浦县 with its real townships from GB/T 2260", async () => {
    const reply = await call<{
      tenant: { code: string; name: string };
      units: { id: string; name: string; kind: string; code?: string; parentId?: string }[];
    }>("/api/v1/tenants", {
      token: ADMIN_TOKEN,
      body: { code: "431224", name: "溆浦县", importDivisions: true, admin },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.tenant).toMatchObject({ code: "431224", name: "溆浦县" });
    const [office, ...others] = reply.body.units;
    expect(office).toMatchObject({ kind: "county", name: "溆浦县信访局" });
    expect(office).not.toHaveProperty("parentId");
    const townships = others.filter((unit) => unit.kind === "township");
    expect(townships.length).toBe(25);
    expect(townships).toContainEqual(
      expect.objectContaining({ name: "卢峰镇", code: "431224100", parentId: office?.id }),
    );
    expect(townships).toContainEqual(
      expect.objectContaining({ name: "淘金坪乡", code: "431224231" }),
    );

    const again = await call("/api/v1/tenants", {
      token: ADMIN_TOKEN,
      body: { code: "431224", name: "溆浦县", admin },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: "CONFLICT" } });
  });

  it("refuses to import divisions for a code that is not a county", async () => {
    const reply = await call("/api/v1/tenants", {
      token: ADMIN_TOKEN,
      body: { code: "999999", name: "不存在县", importDivisions: true, admin },
    });
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({
      error: { code: "VALIDATION_FAILED", details: [{ path: "code" }] },
    });
    // Nothing was half-made: the code is still free.
    const retry = await call("/api/v1/tenants", {
      token: ADMIN_TOKEN,
      body: { code: "999999", name: "不存在县", admin },
    });
    expect(retry.status).toBe(201);
  });

  it("lets two concurrent onboardings of one county produce exactly one", async () => {
    const attempt = () =>
      call("/api/v1/tenants", {
        token: ADMIN_TOKEN,
        body: { code: "100001", name: "并发县", admin },
      });
    const statuses = (await Promise.all([attempt(), attempt(), attempt()])).map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(2);
  });

  it("needs the platform admin token", async () => {
    const body = { code: "100002", name: "某县", admin };
    const missing = await call("/api/v1/tenants", { body });
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    const wrong = await call("/api/v1/tenants", { body, token: "not-the-platform-token" });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ error: { code: "FORBIDDEN" } });
    const county = await onboard("100003");
    const staffToken = await call("/api/v1/tenants", { body, token: county.adminToken });
    expect(staffToken.status).toBe(403);
  });

  it("lists the failing fields of an invalid body", async () => {
    const reply = await call<{ error: { details: { path: string }[] } }>("/api/v1/tenants", {
      token: ADMIN_TOKEN,
      body: { code: "12345", name: "", admin: { username: "a", password: "short" } },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: "VALIDATION_FAILED" });
    const paths = reply.body.error.details.map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "code",
        "name",
        "admin.username",
        "admin.password",
        "admin.displayName",
      ]),
    );
  });
});

describe("getTenant and updateTenant", () => {
  it("publishes the county's contact details without signing in", async () => {
    const county = await onboard("100010", "公开县");
    const update = await call(`/api/v1/t/${county.code}`, {
      method: "PATCH",
      token: county.adminToken,
      body: {
        contact: {
          address: "公开县人民路 1 号",
          phone: "0745-1234567",
          receptionHours: "工作日 8:30–12:00，14:30–17:30",
          onlinePetitionUrl: "https://example.gov.cn/xinfang",
        },
      },
    });
    expect(update.status).toBe(200);

    const reply = await call(`/api/v1/t/${county.code}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      code: "100010",
      name: "公开县",
      contact: {
        address: "公开县人民路 1 号",
        phone: "0745-1234567",
        receptionHours: "工作日 8:30–12:00，14:30–17:30",
        onlinePetitionUrl: "https://example.gov.cn/xinfang",
      },
    });
  });

  it("answers 404 for a county that is not onboarded, or a malformed code", async () => {
    for (const code of ["888888", "abc", "1234567"]) {
      const reply = await call(`/api/v1/t/${code}`);
      expect(reply.status).toBe(404);
      expect(reply.body).toMatchObject({ error: { code: "NOT_FOUND" } });
    }
  });

  it("rejects unknown contact fields", async () => {
    const county = await onboard("100011");
    const reply = await call(`/api/v1/t/${county.code}`, {
      method: "PATCH",
      token: county.adminToken,
      body: { contact: { fax: "123" } },
    });
    expect(reply.status).toBe(400);
  });
});
