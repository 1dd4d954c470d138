import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/client.ts";
import { addStaff, onboard, type TestTenant } from "../support/tenants.ts";

let county: TestTenant;
let clerkToken: string;

beforeAll(async () => {
  county = await onboard("820001", "日历县");
  clerkToken = (await addStaff(county, { username: "cal-clerk", roles: ["clerk"] })).token;
});

const due = (from: string, days: number, kind: string) =>
  call<{ due: string }>(
    `/api/v1/t/${county.code}/calendar/due-date?from=${from}&days=${days}&kind=${kind}`,
    { token: clerkToken },
  );

describe("computeDueDate", () => {
  it("counts from the day after, moves off rest days and counts make-up working days", async () => {
    expect((await due("2026-01-20", 15, "calendar")).body).toEqual({ due: "2026-02-04" });
    // Day 15 from 2026-02-06 is 21 Feb, inside 春节 (15–23 Feb): the next working day.
    expect((await due("2026-02-06", 15, "calendar")).body).toEqual({ due: "2026-02-24" });
    // 14 Feb (Sat) is a make-up working day; 15–23 are off.
    expect((await due("2026-02-13", 5, "working")).body).toEqual({ due: "2026-02-27" });
  });

  it("refuses a malformed query", async () => {
    expect((await due("2026-13-01", 5, "working")).status).toBe(400);
    expect((await due("2026-01-01", -1, "working")).status).toBe(400);
    expect((await due("2026-01-01", 5, "hours")).status).toBe(400);
  });
});

describe("the holiday calendar", () => {
  it("is seeded with the official 2025 and 2026 schedules", async () => {
    const reply = await call<{
      days: { date: string; kind: string; name: string }[];
      years: number[];
    }>(`/api/v1/t/${county.code}/calendar`, { token: clerkToken });
    expect(reply.body.years).toEqual([2025, 2026]);
    expect(reply.body.days).toContainEqual({
      date: "2026-02-14",
      kind: "workday",
      name: expect.stringContaining("春节"),
    });
    expect(reply.body.days).toContainEqual({
      date: "2026-10-01",
      kind: "holiday",
      name: expect.stringContaining("国庆"),
    });
  });

  it("takes next year's notice from the admin and uses it at once", async () => {
    expect((await due("2026-12-30", 2, "calendar")).body).toEqual({ due: "2027-01-01" });
    const days = [
      { date: "2027-01-01", kind: "holiday", name: "元旦" },
      { date: "2027-01-02", kind: "holiday", name: "元旦" },
      { date: "2027-01-03", kind: "holiday", name: "元旦" },
    ];
    const put = await call(`/api/v1/t/${county.code}/calendar`, {
      method: "PUT",
      token: county.adminToken,
      body: { year: 2027, days },
    });
    expect(put.status).toBe(200);
    expect((await due("2026-12-30", 2, "calendar")).body).toEqual({ due: "2027-01-04" });
  });

  it("refuses a make-up day on a weekday, and days of another year", async () => {
    const weekday = await call(`/api/v1/t/${county.code}/calendar`, {
      method: "PUT",
      token: county.adminToken,
      body: { year: 2027, days: [{ date: "2027-03-03", kind: "workday", name: "调休" }] },
    });
    expect(weekday.status).toBe(422);
    const otherYear = await call(`/api/v1/t/${county.code}/calendar`, {
      method: "PUT",
      token: county.adminToken,
      body: { year: 2027, days: [{ date: "2028-01-01", kind: "holiday", name: "元旦" }] },
    });
    expect(otherYear.status).toBe(422);
  });

  it("is edited only by the tenant admin", async () => {
    const reply = await call(`/api/v1/t/${county.code}/calendar`, {
      method: "PUT",
      token: clerkToken,
      body: { year: 2027, days: [] },
    });
    expect(reply.status).toBe(403);
  });
});

describe("the deadline policy", () => {
  it("applies a province's numbers to open cases at once", async () => {
    const created = await call<{
      id: string;
      deadlines: { accept: { due: string; kind: string } };
    }>(`/api/v1/t/${county.code}/petitions`, {
      token: clerkToken,
      body: {
        channel: "letter",
        purpose: "request",
        categoryCode: "06.02",
        receivedAt: new Date().toISOString(),
        anonymous: true,
        facts: "事实",
        demands: "诉求",
      },
    });
    expect(created.body.deadlines.accept.kind).toBe("calendar");
    const put = await call<{
      recomputed: number;
      policy: { accept: { days: number; kind: string } };
    }>(`/api/v1/t/${county.code}/settings/deadline-policy`, {
      method: "PUT",
      token: county.adminToken,
      body: { accept: { days: 5, kind: "working" }, handle: { days: 30 } },
    });
    expect(put.status).toBe(200);
    expect(put.body.policy.accept).toEqual({ days: 5, kind: "working" });
    expect(put.body.recomputed).toBeGreaterThanOrEqual(1);
    const after = await call<{ deadlines: { accept: { days: number; kind: string } } }>(
      `/api/v1/t/${county.code}/petitions/${created.body.id}`,
      { token: clerkToken },
    );
    expect(after.body.deadlines.accept).toMatchObject({ days: 5, kind: "working" });

    const bad = await call(`/api/v1/t/${county.code}/settings/deadline-policy`, {
      method: "PUT",
      token: county.adminToken,
      body: { accept: { days: -1 } },
    });
    expect(bad.status).toBe(400);
  });
});
