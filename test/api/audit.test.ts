import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call } from "../support/client.ts";
import { addStaff, onboard } from "../support/tenants.ts";

describe("the audit log", () => {
  it("chains every write and reports the first entry that was altered", async () => {
    const county = await onboard("810001");
    const other = await onboard("810002");
    await addStaff(county, { username: "auditee", roles: ["clerk"] });
    const unit = await call<{ id: string }>(`/api/v1/t/${county.code}/units`, {
      token: county.adminToken,
      body: { name: "县审计局", kind: "bureau" },
    });
    await call(`/api/v1/t/${county.code}/units/${unit.body.id}`, {
      method: "PATCH",
      token: county.adminToken,
      body: { name: "县审计局（改）" },
    });

    const verify = () =>
      call<{ intact: boolean; entries: number; brokenAt?: number }>(
        `/api/v1/t/${county.code}/audit/verify`,
        { token: county.adminToken },
      );
    const before = await verify();
    expect(before.status).toBe(200);
    expect(before.body.intact).toBe(true);
    // onboard, admin login, staff create, its login, unit create, unit update
    expect(before.body.entries).toBeGreaterThanOrEqual(6);

    const actions = await env.TENANT_DB_1.prepare(
      "SELECT action FROM audit_log WHERE tenant_id = ? ORDER BY seq",
    )
      .bind(county.code)
      .all<{ action: string }>();
    expect(actions.results.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        "tenant.onboard",
        "auth.login",
        "staff.create",
        "unit.create",
        "unit.update",
      ]),
    );

    await env.TENANT_DB_1.prepare(
      "UPDATE audit_log SET detail = '{\"name\":\"forged\"}' WHERE tenant_id = ? AND action = 'unit.create'",
    )
      .bind(county.code)
      .run();
    const after = await verify();
    expect(after.body.intact).toBe(false);
    const altered = await env.TENANT_DB_1.prepare(
      "SELECT seq FROM audit_log WHERE tenant_id = ? AND action = 'unit.create'",
    )
      .bind(county.code)
      .first<{ seq: number }>();
    expect(after.body.brokenAt).toBe(altered?.seq);

    // Another county's chain is its own and still intact.
    const theirs = await call<{ intact: boolean }>(`/api/v1/t/${other.code}/audit/verify`, {
      token: other.adminToken,
    });
    expect(theirs.body.intact).toBe(true);
  });

  it("keeps one unbroken chain under 40 concurrent writes, none of them refused", async () => {
    const county = await onboard("810003");
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        call(`/api/v1/t/${county.code}/units`, {
          token: county.adminToken,
          body: { name: `并发局${i}`, kind: "bureau" },
        }),
      ),
    );
    expect(replies.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    const verdict = await call<{ intact: boolean; entries: number; unsealed: number }>(
      `/api/v1/t/${county.code}/audit/verify`,
      { token: county.adminToken },
    );
    expect(verdict.body).toMatchObject({ intact: true, unsealed: 0 });
    // onboarding, the admin's login, and the 40 units
    expect(verdict.body.entries).toBe(2 + 40);
  });

  it("is for administrators and supervisors", async () => {
    const county = await onboard("810004");
    const clerk = await addStaff(county, { username: "clerk-one", roles: ["clerk"] });
    const reply = await call(`/api/v1/t/${county.code}/audit/verify`, { token: clerk.token });
    expect(reply.status).toBe(403);
  });
});
