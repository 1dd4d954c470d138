import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  ASSESSMENT_KEYS,
  ASSESSMENT_OPEN_KEYS,
} from "../../workers/domain/statistics/assessment.ts";
import { HOT_ISSUE_KEYS, PLACE_KEYS } from "../../workers/domain/statistics/hot-issues.ts";
import { grainRanges } from "../../workers/domain/statistics/period.ts";
import { readScopeSums } from "../../workers/storage/statistics/scope-sums.ts";
import { openTenantScope } from "../../workers/storage/tenant-scope.ts";

/**
 * What the scorecard and the 研判 cost at the size of a large county, on D1's own count of
 * rows read: 30 units, a year of month and day rollups with ~120 key/dims per scope.
 */
const TENANT = "431227";
const scope = openTenantScope(env, { code: TENANT, shard: "TENANT_DB_1" });
const units = Array.from({ length: 30 }, (_, i) => `unit-${i}`);

async function seed() {
  const keys: [string, string][] = [
    ["received", ""],
    ["repeat", ""],
    ["first", ""],
    ...["onTime", "late", "open"].flatMap(
      (d) =>
        [
          ["acceptDue", d],
          ["replyDue", d],
          ["firstReplyDue", d],
        ] as [string, string][],
    ),
    ["satUnit", "1"],
    ["satUnit", "0"],
    ["closed", "first"],
    ["closed", "reviewed"],
    ...Array.from(
      { length: 16 },
      (_, i) => ["category1", String(i + 1).padStart(2, "0")] as [string, string],
    ),
    ...Array.from(
      { length: 60 },
      (_, i) => ["category", `0${(i % 9) + 1}.${10 + i}`] as [string, string],
    ),
    ...Array.from(
      { length: 16 },
      (_, i) => ["repeatCategory", String(i + 1).padStart(2, "0")] as [string, string],
    ),
    ...["letter", "visit", "online", "phone"].map((d) => ["channel", d] as [string, string]),
  ];
  const rows: unknown[][] = [];
  for (const s of ["t:root", ...units.map((u) => `t:${u}`)]) {
    for (let m = 1; m <= 12; m++) {
      const month = `2025-${String(m).padStart(2, "0")}`;
      for (const [key, dim] of keys) rows.push([s, "m", month, key, dim, 10, 12]);
      // Day rows the month questions must never read.
      for (let d = 1; d <= 28; d += 3) {
        rows.push([s, "d", `${month}-${String(d).padStart(2, "0")}`, "received", "", 1, 1]);
      }
    }
  }
  for (let i = 0; i < rows.length; i += 500) {
    await env.TENANT_DB_1.prepare(
      `INSERT INTO stat_rollup (tenant_id, scope, grain, period, key, dim, n, m)
       SELECT ?1, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6
       FROM json_each(?2) WHERE 1 ON CONFLICT DO NOTHING`,
    )
      .bind(TENANT, JSON.stringify(rows.slice(i, i + 500)))
      .run();
  }
  return rows.length;
}

describe("the analysis at scale", () => {
  it("reads rollup rows in proportion to units × keys, never to the cases or the days", async () => {
    const stored = await seed();
    const scopes = units.map((u) => `t:${u}`);
    const quarter = { from: "2025-10-01", to: "2025-12-31" };
    const assessment = await readScopeSums(scope, [
      { label: "sums", scopes, keys: ASSESSMENT_KEYS, ranges: grainRanges(quarter) },
      {
        label: "open",
        scopes,
        keys: ASSESSMENT_OPEN_KEYS,
        ranges: grainRanges(quarter),
        dim: "open",
      },
    ]);
    const one = (m: string) => [{ grain: "m" as const, from: m, to: m }];
    const hot = await readScopeSums(scope, [
      { label: "now", scopes: ["t:root"], keys: HOT_ISSUE_KEYS, ranges: one("2025-12") },
      { label: "lastMonth", scopes: ["t:root"], keys: HOT_ISSUE_KEYS, ranges: one("2025-11") },
      { label: "lastYear", scopes: ["t:root"], keys: HOT_ISSUE_KEYS, ranges: one("2024-12") },
      { label: "places", scopes, keys: PLACE_KEYS, ranges: one("2025-12") },
    ]);
    // 30 units × 12 key/dims (the assessment keys) × 3 months, and the open counts.
    const assessmentRows = 30 * 12 * 3 + 30 * 2 * 3;
    const hotRows = (1 + 16 + 60 + 1 + 16) * 1 + 30 * 2;
    console.info(
      `analysis cost: a quarter's scorecard of 30 units read ${assessment.rowsRead} rows (${assessmentRows} summed); a month's 研判 read ${hot.rowsRead} rows (${hotRows} summed); ${stored} rollup rows stored`,
    );
    // D1 also counts the json_each rows of the scope and key lists and index steps.
    expect(assessment.rowsRead).toBeLessThanOrEqual(assessmentRows * 2 + 500);
    expect(hot.rowsRead).toBeLessThanOrEqual(hotRows * 2 + 300);
    expect(assessment.sets.get("sums")?.length).toBe(30 * 12);
  });
});
