import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/client.ts";
import { act, register, setUpCounty, type TestCounty } from "../support/county.ts";

let county: TestCounty;

beforeAll(async () => {
  county = await setUpCounty("431224", "溆浦县");
});

type Card = {
  petitionId: string;
  deadlineKey: string;
  due: string;
  form: string | null;
  essentials?: { categoryName: string; unitName: string; summary: string; deadline: string | null };
};

describe("supervision before breach (挂牌督办, 批示)", () => {
  it("opens once per case with its own due date, tells the unit, and shows the case essentials", async () => {
    const { clerk, supervisor, leader, bureauLeader, handler, townClerk } = county.people;
    const created = await register(county, clerk.token);
    const id = created.body.id;
    await act(county, clerk.token, id, "assign", { toUnitId: county.bureau });
    const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const open = (token: string, body: Record<string, unknown>) =>
      call(`/api/v1/t/${county.code}/petitions/${id}/supervision`, { token, body });

    // Only the county office's supervisors and leaders; a unit cannot supervise itself.
    expect((await open(bureauLeader.token, { form: "listed", due })).status).toBe(403);
    expect((await open(clerk.token, { form: "listed", due })).status).toBe(403);
    // Someone who may not see the case cannot tell it exists.
    expect((await open(townClerk.token, { form: "listed", due })).status).toBe(404);

    const opened = await open(leader.token, { form: "instruction", due, note: "请限期化解" });
    expect(opened.status).toBe(201);
    expect((await open(supervisor.token, { form: "listed", due })).status).toBe(409);

    const inbox = await call<{ items: { event: string; petitionId: string; body: string }[] }>(
      `/api/v1/t/${county.code}/notifications`,
      { token: bureauLeader.token },
    );
    const note = inbox.body.items.find(
      (n) => n.petitionId === id && n.event === "supervision.opened",
    );
    expect(note?.body).toContain("领导批示督办");

    const list = await call<{ items: Card[] }>(
      `/api/v1/t/${county.code}/supervisions?status=open`,
      {
        token: supervisor.token,
      },
    );
    const card = list.body.items.find((s) => s.petitionId === id);
    expect(card).toMatchObject({
      deadlineKey: "instruction",
      due,
      form: "instruction",
      essentials: {
        categoryName: expect.any(String),
        unitName: "县人力资源和社会保障局",
        summary: "请求责令公司支付拖欠工资。",
      },
    });
    expect(handler.id).toBeTruthy();
  });
});

describe("the holiday calendar watch", () => {
  it("tells the administrators once a day when next year's calendar is missing", async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const next = Number(today.slice(0, 4)) + 1;
    const years = (
      await call<{ years: number[] }>(`/api/v1/t/${county.code}/calendar?year=${next}`, {
        token: county.adminToken,
      })
    ).body.years;
    const expected = today.slice(5) >= "11-01" && !years.includes(next);
    const morning = new Date(Date.now() + 8 * 3_600_000).getUTCHours() >= 8;
    await call(`/api/v1/t/${county.code}/deadline-scan`, {
      method: "POST",
      token: county.adminToken,
    });
    await call(`/api/v1/t/${county.code}/deadline-scan`, {
      method: "POST",
      token: county.adminToken,
    });
    const inbox = await call<{ items: { event: string; body: string }[] }>(
      `/api/v1/t/${county.code}/notifications`,
      { token: county.adminToken },
    );
    const warnings = inbox.body.items.filter((n) => n.event === "calendar.missing");
    expect(warnings).toHaveLength(expected && morning ? 1 : 0);
    if (warnings[0]) expect(warnings[0].body).toContain(`${next} 年的节假日安排尚未录入`);
  });
});
