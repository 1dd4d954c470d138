import { beforeAll, describe, expect, it } from "vitest";
import {
  cstDate,
  dueDate,
  HolidayCalendar,
  OFFICIAL_CALENDAR,
} from "../../workers/domain/deadlines/index.ts";
import { call } from "../support/client.ts";
import { register, setUpCounty, type TestCounty } from "../support/county.ts";

let county: TestCounty;
const calendar = new HolidayCalendar(OFFICIAL_CALENDAR);

beforeAll(async () => {
  county = await setUpCounty("431225", "会同县");
});

describe("createPetition", () => {
  it("registers a visit with a tracking code, the accept and notice deadlines, and a sealed petitioner", async () => {
    const reply = await register(county, county.people.clerk.token);
    expect(reply.status).toBe(201);
    expect(reply.body.trackingCode).toMatch(/^[2-9A-HJKMNP-TV-Z]{10}$/);
    expect(reply.body).toMatchObject({ status: "registered", version: 1, confidential: false });
    const today = cstDate(new Date());
    expect(reply.body.deadlines.accept?.due).toBe(dueDate(today, 15, "calendar", calendar));
    expect(reply.body.deadlines.notice?.due).toBe(dueDate(today, 15, "calendar", calendar));
    expect(reply.body.flags).toMatchObject({ firstPetition: true });
    expect(reply.body.petitioner).toMatchObject({
      name: "王小明",
      phone: "13812345678",
      masked: false,
    });
    expect(reply.body.availableActions).toEqual(
      expect.arrayContaining(["accept", "decline", "forward", "assign"]),
    );
  });

  it("keeps ID numbers and phones out of the database in plain text", async () => {
    const { env } = await import("cloudflare:test");
    const rows = await env.TENANT_DB_1.prepare(
      "SELECT petitioner_sealed, id_hash, phone_hash FROM petitions WHERE tenant_id = ?",
    )
      .bind(county.code)
      .all<{ petitioner_sealed: string; id_hash: string; phone_hash: string }>();
    expect(rows.results.length).toBeGreaterThan(0);
    for (const row of rows.results) {
      expect(row.petitioner_sealed).toMatch(/^v1\./);
      expect(JSON.stringify(row)).not.toContain("13812345678");
      expect(JSON.stringify(row)).not.toContain("110101199003070011");
      expect(row.phone_hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("explains every refused field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ petitioner: { name: "甲", idNumber: "110101199003070012" } }, "petitioner.idNumber"],
      [{ petitioner: { name: "甲", phone: "12345" } }, "petitioner.phone"],
      [{ receivedAt: "2999-01-01" }, "receivedAt"],
      [{ receivedAt: "2020-01-01" }, "receivedAt"],
      [{ categoryCode: "99.99" }, "categoryCode"],
      [{ categoryCode: "06" }, "categoryCode"],
      [{ petitioner: undefined }, "petitioner"],
      [{ subjectUnitId: "nope" }, "subjectUnitId"],
    ];
    for (const [overrides, path] of cases) {
      const reply = await register(county, county.people.clerk.token, overrides);
      expect(reply.status, path).toBe(422);
      expect(reply.body).toMatchObject({
        error: { code: "VALIDATION_FAILED", details: [{ path }] },
      });
    }
    const group = await register(county, county.people.clerk.token, {
      representatives: Array.from({ length: 6 }, (_, i) => ({ name: `代表${i}` })),
    });
    // The number is the county's (default 5, §20): checked against its setting.
    expect(group.status).toBe(422);
  });

  it("accepts anonymous letters, which owe no notice", async () => {
    const reply = await register(county, county.people.clerk.token, {
      channel: "letter",
      anonymous: true,
      petitioner: undefined,
    });
    expect(reply.status).toBe(201);
    expect(reply.body.petitioner).toBeUndefined();
    expect(reply.body.deadlines.notice).toBeUndefined();
    expect(reply.body.deadlines.accept).toBeDefined();
  });

  it("flags a repeat by the same person on the same matter, but never refuses it", async () => {
    const person = { name: "赵四", phone: "13900001111" };
    const first = await register(county, county.people.clerk.token, {
      petitioner: person,
      categoryCode: "13.02",
    });
    const second = await register(county, county.people.clerk.token, {
      petitioner: person,
      categoryCode: "13.02",
    });
    expect(second.status).toBe(201);
    expect(second.body.flags).toMatchObject({
      firstPetition: false,
      repeat: { of: first.body.id, trackingCode: first.body.trackingCode, afterReReview: false },
    });
    const otherMatter = await register(county, county.people.clerk.token, {
      petitioner: person,
      categoryCode: "15.01",
    });
    expect(otherMatter.body.flags).toMatchObject({ firstPetition: true });
    expect(otherMatter.body.flags.repeat).toBeUndefined();
  });

  it("shows the county office that the same matter is in progress at a township (§19)", async () => {
    const person = { name: "钱五", idNumber: "431224198506120034" };
    const below = await register(county, county.people.townClerk.token, {
      petitioner: person,
      categoryCode: "14.02",
    });
    expect(below.body).toMatchObject({
      registeringUnitId: county.township,
      responsibleUnitId: county.township,
    });
    const above = await register(county, county.people.clerk.token, {
      petitioner: person,
      categoryCode: "14.02",
      subjectUnitId: county.township,
    });
    expect(above.status).toBe(201);
    expect(above.body.flags).toMatchObject({
      inProgressBelow: { of: below.body.id, unitId: county.township },
    });
  });

  it("marks a matter that belongs to a legal route", async () => {
    const reply = await register(county, county.people.clerk.token, { categoryCode: "05.02" });
    expect(reply.body.flags.legalRoute).toMatch(/诉讼|仲裁/);
  });

  it("lets a township clerk register only for their own unit", async () => {
    const reply = await register(county, county.people.townClerk.token, { unitId: county.bureau });
    expect(reply.status).toBe(422);
    const viewer = await register(county, county.people.handler.token);
    expect(viewer.status).toBe(201);
  });
});

describe("listPetitions", () => {
  it("orders by the nearest deadline and pages with a cursor", async () => {
    const token = county.people.clerk.token;
    const page1 = await call<{
      items: { id: string; nextDeadline: { due: string } | null }[];
      nextCursor: string | null;
    }>(`/api/v1/t/${county.code}/petitions?limit=3`, { token });
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(3);
    expect(page1.body.nextCursor).not.toBeNull();
    const page2 = await call<{ items: { id: string }[] }>(
      `/api/v1/t/${county.code}/petitions?limit=3&cursor=${encodeURIComponent(page1.body.nextCursor ?? "")}`,
      { token },
    );
    const ids = [...page1.body.items, ...page2.body.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    const dues = page1.body.items.map((i) => i.nextDeadline?.due ?? "9999");
    expect([...dues].sort()).toEqual(dues);
  });

  it("shows a township only its own cases", async () => {
    const town = await call<{ items: { responsibleUnitId: string }[] }>(
      `/api/v1/t/${county.code}/petitions`,
      {
        token: county.people.townLeader.token,
      },
    );
    expect(town.body.items.length).toBeGreaterThan(0);
    expect(town.body.items.every((i) => i.responsibleUnitId === county.township)).toBe(true);
  });

  it("refuses a forged cursor", async () => {
    const reply = await call(`/api/v1/t/${county.code}/petitions?cursor=garbage`, {
      token: county.people.clerk.token,
    });
    expect(reply.status).toBe(422);
  });

  it("masks the petitioner for roles that need not contact them", async () => {
    const list = await call<{ items: { petitionerName: string }[] }>(
      `/api/v1/t/${county.code}/petitions`,
      {
        token: county.people.supervisor.token,
      },
    );
    expect(list.body.items.some((i) => i.petitionerName === "王**")).toBe(true);
    expect(list.body.items.some((i) => i.petitionerName === "王小明")).toBe(false);
  });
});

describe("checkRepeatPetition", () => {
  it("warns of a repeat before saving, and writes nothing", async () => {
    const person = { name: "冯七", phone: "13600007777" };
    const first = await register(county, county.people.clerk.token, {
      petitioner: person,
      categoryCode: "07.06",
    });
    const check = () =>
      call<{ firstPetition: boolean; repeat?: { of?: string } }>(
        `/api/v1/t/${county.code}/petitions/check`,
        {
          token: county.people.clerk.token,
          body: { categoryCode: "07.06", phone: "136 0000 7777" },
        },
      );
    const before = await check();
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      firstPetition: false,
      repeat: { of: first.body.id },
    });
    expect((await check()).body.repeat?.of).toBe(first.body.id);

    const elsewhere = await call<{ repeat?: { of?: string } }>(
      `/api/v1/t/${county.code}/petitions/check`,
      {
        token: county.people.townClerk.token,
        body: { categoryCode: "07.06", phone: "13600007777" },
      },
    );
    // A township clerk who may not see the earlier case hears what a first petition hears.
    expect(elsewhere.body).toEqual({ firstPetition: true });

    const fresh = await call<{ firstPetition: boolean }>(
      `/api/v1/t/${county.code}/petitions/check`,
      {
        token: county.people.clerk.token,
        body: { categoryCode: "07.06", phone: "13600008888" },
      },
    );
    expect(fresh.body).toEqual({ firstPetition: true });
  });
});
