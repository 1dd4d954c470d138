import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { listDeliveries } from "../../workers/storage/deliveries.ts";
import { listNotifications, supervisionsQuery } from "../../workers/storage/notify.ts";
import { openTenantScope } from "../../workers/storage/tenant-scope.ts";
import { type Viewer, visibleCaseIdsQuery } from "../../workers/storage/visibility.ts";

/**
 * The visibility rule on derived rows costs one primary-key probe of the case per row, never
 * a scan of the county's cases: asserted on SQLite's own query plans.
 */
const scope = openTenantScope(env, { code: "431299", shard: "TENANT_DB_1" });
const viewer: Viewer = {
  staffId: "s1",
  unitId: "u1",
  unitSubtree: ["u1", "u2"],
  inCountyOffice: false,
};

async function plan(query: { toSQL(): { sql: string; params: unknown[] } }) {
  const { sql, params } = query.toSQL();
  const rows = await env.TENANT_DB_1.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return rows.results.map((r) => r.detail);
}

describe("derived reads through the visibility rule", () => {
  it("probe cases by primary key and never scan them", async () => {
    const plans = {
      inbox: await plan(listNotifications(scope, viewer, { unreadOnly: false, limit: 30 })),
      supervision: await plan(supervisionsQuery(scope, viewer, { status: "open", limit: 100 })),
      flagRefs: await plan(visibleCaseIdsQuery(scope, viewer, ["a", "b"])),
      deliveries: await plan(listDeliveries(scope, viewer, { limit: 100 })),
    };
    for (const [name, detail] of Object.entries(plans)) {
      const text = detail.join("\n");
      expect(text, name).not.toMatch(/SCAN petitions\b/);
    }
    const byKey = /SEARCH petitions USING INDEX sqlite_autoindex_petitions_1 \(id=\?\)/;
    for (const detail of Object.values(plans)) expect(detail.join("\n")).toMatch(byKey);
    expect(plans.inbox[0]).toMatch(/SEARCH notifications USING INDEX notifications_inbox_idx/);
    expect(plans.supervision[0]).toMatch(/SEARCH supervisions USING INDEX/);
    expect(plans.deliveries[0]).toMatch(/SEARCH deliveries USING INDEX/);
  });
});
