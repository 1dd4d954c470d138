import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { runDeadlineScan } from "../../workers/domain/notify/scan.ts";
import { call } from "../support/client.ts";
import { register, setUpCounty, type TestCounty } from "../support/county.ts";

/**
 * A unit's daily digest goes to all its clerks and leaders: an accusation the unit holds,
 * known there only to its designated handler, must not be counted in it.
 */

let county: TestCounty;
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

beforeAll(async () => {
  county = await setUpCounty("431221", "中方县");
  // Both received 40 days ago at the bureau and never accepted: both are overdue there.
  const ordinary = await register(county, county.people.handler.token, {
    receivedAt: daysAgo(40),
    petitioner: { name: "普通人", phone: "13600001111" },
  });
  expect(ordinary.status).toBe(201);
  const accusation = await register(county, county.people.handler.token, {
    purpose: "accusation",
    categoryCode: "04.02",
    receivedAt: daysAgo(40),
    subjectUnitId: county.township,
    petitioner: { name: "检举人丁", phone: "13600002222" },
  });
  expect(accusation.status).toBe(201);
});

describe("the daily digest", () => {
  it("counts for a unit only the cases all its clerks and leaders may see", async () => {
    const tomorrowMorning = new Date(Date.now() + 86_400_000);
    tomorrowMorning.setUTCHours(1, 0, 0, 0); // 09:00 CST
    const report = await runDeadlineScan(env, tomorrowMorning, county.code);
    expect(report.digests).toBeGreaterThan(0);
    const inbox = await call<{ items: { event: string; body: string }[] }>(
      `/api/v1/t/${county.code}/notifications`,
      { token: county.people.bureauLeader.token },
    );
    const digest = inbox.body.items.find((n) => n.event === "digest.daily");
    expect(digest?.body).toContain("已超期 1 件");
  });
});
