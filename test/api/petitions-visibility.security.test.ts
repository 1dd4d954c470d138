import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { maskIdNumber, maskPhone } from "../../workers/domain/petitioner/mask.ts";
import { call, freshIp } from "../support/client.ts";
import {
  act,
  type PetitionReply,
  register,
  setUpCounty,
  type TestCounty,
} from "../support/county.ts";
import { humanCheck } from "../support/human-check.ts";
import { addStaff } from "../support/tenants.ts";

/**
 * Probes by the accused township's own staff: an accusation against their township exists,
 * and nothing they can call may tell it apart from an accusation that does not exist.
 */

let county: TestCounty;
let townAdmin: { id: string; token: string };
let hidden: PetitionReply;

const accuser = {
  name: "检举人丙",
  phone: "13700005678",
  idNumber: "431223198802140017",
};
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

const accusation = (overrides: Record<string, unknown> = {}) => ({
  purpose: "accusation",
  categoryCode: "04.02",
  petitioner: accuser,
  facts: "镇干部违规收取拆迁补偿款。",
  demands: "请求查处。",
  ...overrides,
});

/** What the accused must never read: the case, its code, and who filed it. */
function secretsIn(text: string): string[] {
  return [
    hidden.id,
    hidden.trackingCode,
    accuser.name,
    accuser.phone,
    accuser.idNumber,
    maskPhone(accuser.phone),
    maskIdNumber(accuser.idNumber),
  ].filter((secret) => text.includes(secret));
}

beforeAll(async () => {
  county = await setUpCounty("431223", "辰溪县");
  townAdmin = await addStaff(county, {
    username: "town-admin",
    roles: ["tenant_admin"],
    unitId: county.township,
  });
  // Received 40 days ago: by the scan its deadlines have passed, so it is supervised and
  // its people are notified: every derived record the accused might reach exists.
  const registered = await register(
    county,
    county.people.clerk.token,
    accusation({ subjectUnitId: county.township, receivedAt: daysAgo(40) }),
  );
  expect(registered.body, JSON.stringify(registered.body)).toHaveProperty("trackingCode");
  hidden = registered.body;
  const scan = await call(`/api/v1/t/${county.code}/deadline-scan`, {
    token: county.adminToken,
    method: "POST",
  });
  expect(scan.status).toBe(200);
  // A message about the case in the delivery log (a Web Push to the county clerk).
  await env.TENANT_DB_1.prepare(
    `INSERT INTO deliveries (id, tenant_id, idempotency_key, channel, event, recipient_label,
       title, body, petition_id, status, attempts, created_at, updated_at)
     VALUES (?, ?, ?, 'web_push', 'deadline.overdue', ?, ?, ?, ?, 'sent', 1, ?, ?)`,
  )
    .bind(
      crypto.randomUUID(),
      county.code,
      `probe:${hidden.id}`,
      "测试clerk",
      `${hidden.trackingCode} 已超期`,
      `查询码 ${hidden.trackingCode}`,
      hidden.id,
      Date.now(),
      Date.now(),
    )
    .run();
});

describe("the county office still sees everything derived from the accusation", () => {
  it("in supervision, the inbox and the delivery log", async () => {
    const supervisions = await call(`/api/v1/t/${county.code}/supervisions`, {
      token: county.people.supervisor.token,
    });
    expect(JSON.stringify(supervisions.body)).toContain(hidden.trackingCode);
    const inbox = await call(`/api/v1/t/${county.code}/notifications`, {
      token: county.people.supervisor.token,
    });
    expect(JSON.stringify(inbox.body)).toContain(hidden.id);
    const log = await call(`/api/v1/t/${county.code}/deliveries`, { token: county.adminToken });
    expect(JSON.stringify(log.body)).toContain(hidden.trackingCode);
  });
});

describe("the accused township's staff", () => {
  it("registering the accuser again learn nothing of the earlier accusation", async () => {
    const again = await register(
      county,
      county.people.townClerk.token,
      accusation({ subjectUnitId: county.otherTownship }),
    );
    expect(again.status).toBe(201);
    expect(again.body.flags).toEqual({ firstPetition: true });
    // The accuser's name and phone are what the clerk typed; the earlier case is absent.
    expect(JSON.stringify(again.body)).not.toContain(hidden.id);
    expect(JSON.stringify(again.body)).not.toContain(hidden.trackingCode);

    // The county office, which may see the earlier case, is told it is a repeat.
    const seen = await call<PetitionReply>(`/api/v1/t/${county.code}/petitions/${again.body.id}`, {
      token: county.people.clerk.token,
    });
    expect(seen.body.flags).toMatchObject({
      firstPetition: false,
      repeat: { of: hidden.id, trackingCode: hidden.trackingCode },
    });
  });

  it("get the repeat check's first-petition answer, whatever they ask", async () => {
    const check = (token: string, body: Record<string, unknown>) =>
      call(`/api/v1/t/${county.code}/petitions/check`, {
        token,
        body: { categoryCode: "04.02", ...body },
      });
    const nobody = await check(county.people.townClerk.token, { phone: "13900000001" });
    expect(nobody.body).toEqual({ firstPetition: true });
    for (const probe of [
      { phone: accuser.phone },
      { idNumber: accuser.idNumber },
      { phone: accuser.phone, idNumber: accuser.idNumber, subjectUnitId: county.township },
    ]) {
      for (const person of [county.people.townClerk, county.people.townLeader]) {
        const answer = await check(person.token, probe);
        expect(answer.status).toBe(200);
        expect(answer.body).toEqual(nobody.body);
      }
    }
    // The county office is told.
    const office = await check(county.people.clerk.token, { phone: accuser.phone });
    expect(office.body).toMatchObject({ firstPetition: false, repeat: { of: expect.any(String) } });
  });

  it("cannot open, update or count its supervision", async () => {
    const list = await call<{ items: { petitionId: string }[] }>(
      `/api/v1/t/${county.code}/supervisions`,
      { token: county.people.townLeader.token },
    );
    expect(list.status).toBe(200);
    expect(list.body.items.map((s) => s.petitionId)).not.toContain(hidden.id);
    const supervisionId = `${hidden.id}:accept:${(hidden.deadlines.accept as { due: string }).due}`;
    const forged = await call(
      `/api/v1/t/${county.code}/supervisions/${encodeURIComponent(supervisionId)}`,
      { token: townAdmin.token, method: "PATCH", body: { note: "已阅" } },
    );
    expect([403, 404]).toContain(forged.status);
  });

  it("never read it in any GET of the API, with any documented filter", async () => {
    const doc = (
      await call<{
        paths: Record<
          string,
          Record<
            string,
            {
              parameters?: {
                name: string;
                in: string;
                schema?: { enum?: string[]; type?: string; maximum?: number; format?: string };
              }[];
            }
          >
        >;
      }>("/api/v1/openapi.json")
    ).body;
    const candidates = [
      hidden.id,
      hidden.trackingCode,
      county.township,
      county.office,
      accuser.phone,
      `${hidden.id}:accept:${(hidden.deadlines.accept as { due: string }).due}`,
    ];
    const valuesFor = (schema: {
      enum?: string[];
      type?: string;
      maximum?: number;
      format?: string;
    }) => {
      if (schema.enum) return schema.enum;
      if (schema.type === "integer" || schema.type === "number")
        return [String(schema.maximum ?? 100)];
      if (schema.format === "date") return ["2020-01-01", "2099-12-31"];
      return candidates;
    };
    const people = {
      clerk: county.people.townClerk,
      leader: county.people.townLeader,
      admin: townAdmin,
    };
    const leaks: string[] = [];
    let routes = 0;
    let requests = 0;
    const statuses: Record<number, number> = {};
    // Answers of the routes that take no path parameter (lists, searches, figures): whatever
    // the filter, these reach their handlers, so they must mostly answer with a page.
    const lists: Record<number, number> = {};
    const listRoutes = new Set<string>();
    const answered = new Set<string>();
    for (const [template, operations] of Object.entries(doc.paths)) {
      const get = operations.get;
      if (!get) continue;
      routes += 1;
      const params = get.parameters ?? [];
      const pathParams = params.filter((p) => p.in === "path" && p.name !== "tenant");
      const queryParams = params.filter((p) => p.in === "query");
      // Every combination of candidate values for the path, then each filter on its own.
      let paths = [template.replace("{tenant}", county.code)];
      for (const p of pathParams) {
        paths = paths.flatMap((path) =>
          valuesFor(p.schema ?? {}).map((v) => path.replace(`{${p.name}}`, encodeURIComponent(v))),
        );
      }
      const urls = paths.flatMap((path) => [
        path,
        ...queryParams.flatMap((q) =>
          valuesFor(q.schema ?? {}).map((v) => `${path}?${q.name}=${encodeURIComponent(v)}`),
        ),
      ]);
      for (const url of urls) {
        for (const [who, person] of Object.entries(people)) {
          requests += 1;
          const reply = await call(url, { token: person.token, ip: freshIp() });
          statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
          if (pathParams.length === 0) {
            lists[reply.status] = (lists[reply.status] ?? 0) + 1;
            listRoutes.add(template);
            if (reply.status === 200) answered.add(template);
          }
          const found = secretsIn(JSON.stringify(reply.body));
          if (found.length > 0) leaks.push(`${who} GET ${url} → ${found.join(", ")}`);
        }
      }
    }
    console.info(
      `visibility sweep: ${routes} GET routes, ${requests} requests, ${leaks.length} leaks`,
      JSON.stringify(statuses),
      JSON.stringify(lists),
    );
    expect(routes).toBeGreaterThan(10);
    // The sweep reached the handlers: every list answered someone with a page, but those
    // that need what no probe sends (a date to count from, a session's day, a WebSocket
    // upgrade) and the annual report, the county office's alone.
    expect([...listRoutes].filter((r) => !answered.has(r)).sort()).toEqual([
      "/api/v1/t/{tenant}/calendar/due-date",
      "/api/v1/t/{tenant}/reception/monitor/watch",
      "/api/v1/t/{tenant}/reception/schedule",
      "/api/v1/t/{tenant}/statistics/annual-report",
    ]);
    expect(lists[200] ?? 0).toBeGreaterThan(requests / 4);
    expect(leaks).toEqual([]);
  }, 120_000);
});

describe("an accusation's subject unit", () => {
  it("is offered to citizens online, and is optional (不清楚)", async () => {
    const units = await call<{ items: { id: string; kind: string }[] }>(
      `/api/v1/t/${county.code}/public/units`,
    );
    expect(units.status).toBe(200);
    expect(units.body.items.map((u) => u.id)).toContain(county.township);
    expect(units.body.items.some((u) => u.kind === "village")).toBe(false);
  });

  it("must be known before the accusation is routed, and is set by the county office", async () => {
    const submitted = await call<{ trackingCode: string }>(
      `/api/v1/t/${county.code}/public/petitions`,
      {
        body: {
          purpose: "accusation",
          categoryCode: "04.02",
          petitioner: { name: "网上检举人", phone: "13700009999" },
          facts: "村干部侵占集体资金。",
          demands: "请求查处。",
          subjectText: "某镇",
          altcha: await humanCheck(county),
        },
      },
    );
    expect(submitted.status).toBe(201);
    const [online] = (
      await call<{ items: { id: string; trackingCode: string }[] }>(
        `/api/v1/t/${county.code}/petitions?limit=100`,
        { token: county.people.clerk.token },
      )
    ).body.items.filter((i) => i.trackingCode === submitted.body.trackingCode);
    if (!online) throw new Error("the online accusation is not in the office's list");

    const office = county.people.clerk.token;
    const leader = county.people.leader.token;
    for (const [token, path, body] of [
      [office, "assign", { toUnitId: county.township }],
      [office, "forward", { toUnitId: county.bureau }],
      [office, "handler", { handlerId: county.people.townClerk.id }],
      [leader, "owner", { leaderId: county.people.townLeader.id }],
    ] as const) {
      const refused = await act(county, token, online.id, path, body);
      expect(refused.status).toBe(422);
      expect(JSON.stringify(refused.body)).toContain("尚未确定被检举控告单位");
    }

    const accepted = await act(county, county.people.clerk.token, online.id, "accept", {
      subjectUnitId: county.township,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.subjectUnitId).toBe(county.township);

    // Now the guard knows whom it protects: never the township, its clerk or its leader.
    const toAccused = await act(county, county.people.clerk.token, online.id, "assign", {
      toUnitId: county.township,
    });
    expect(toAccused.status).toBe(422);
    const accusedHandler = await act(county, county.people.clerk.token, online.id, "handler", {
      handlerId: county.people.townClerk.id,
    });
    expect(accusedHandler.status).toBe(422);
    const accusedOwner = await act(county, leader, online.id, "owner", {
      leaderId: county.people.townLeader.id,
    });
    expect(accusedOwner.status).toBe(422);
    const elsewhere = await act(county, county.people.clerk.token, online.id, "assign", {
      toUnitId: county.bureau,
    });
    expect(elsewhere.status).toBe(200);
    // The township's clerk never reads it.
    const probe = await call(`/api/v1/t/${county.code}/petitions/${online.id}`, {
      token: county.people.townClerk.token,
    });
    expect(probe.status).toBe(404);
  });

  it("is set only by the county office", async () => {
    const ordinary = await register(county, county.people.townClerk.token, {});
    expect(ordinary.status).toBe(201);
    const reply = await act(county, county.people.townClerk.token, ordinary.body.id, "accept", {
      subjectUnitId: county.otherTownship,
    });
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ error: { details: [{ path: "subjectUnitId" }] } });
  });
});

describe("someone who steps aside (§28)", () => {
  it("no longer reads the case's notices, supervision or count", async () => {
    const inbox = () =>
      call<{ items: { petitionId: string | null }[]; unread: number }>(
        `/api/v1/t/${county.code}/notifications`,
        { token: county.people.supervisor.token },
      );
    const before = await inbox();
    const about = before.body.items.filter((n) => n.petitionId === hidden.id).length;
    expect(about).toBeGreaterThan(0);
    const recused = await call(`/api/v1/t/${county.code}/petitions/${hidden.id}/recusals`, {
      token: county.people.supervisor.token,
      body: { reason: "与被检举人系亲属" },
    });
    expect(recused.status).toBe(201);
    const after = await inbox();
    expect(after.body.items.filter((n) => n.petitionId === hidden.id)).toEqual([]);
    expect(after.body.unread).toBe(before.body.unread - about);
    const supervisions = await call(`/api/v1/t/${county.code}/supervisions`, {
      token: county.people.supervisor.token,
    });
    expect(JSON.stringify(supervisions.body)).not.toContain(hidden.id);
  });
});
