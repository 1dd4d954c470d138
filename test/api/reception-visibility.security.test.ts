import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { DoneTickets, StaffQueueState } from "../../schema/realtime/reception-queue.ts";
import { call } from "../support/client.ts";
import { setUpCounty, type TestCounty } from "../support/county.ts";
import { publishedSession, tomorrowCst } from "../support/reception.ts";

/**
 * A township leader's reception day: a visitor accuses the township. The visit is
 * registered, but its accused leader does not become the case's owner, and the desk's
 * feed does not link the ticket to the hidden case.
 */

let county: TestCounty;
let elsewhere: TestCounty;

beforeAll(async () => {
  county = await setUpCounty("431202", "鹤城区");
  elsewhere = await setUpCounty("431281", "洪江市");
});

describe("an accusation made at the accused unit's reception day", () => {
  it("is registered without the accused leader as owner, and unlinked in the feed", async () => {
    const session = await publishedSession(county, { leaderId: county.people.townLeader.id });
    const desk = (path: string, body?: unknown) =>
      call<{ number: number; status: string }>(
        `/api/v1/t/${county.code}/reception/sessions/${session.id}/${path}`,
        { token: county.people.clerk.token, method: "POST", ...(body !== undefined && { body }) },
      );
    const walkIn = await desk("check-in", { walkIn: { name: "来访检举人" } });
    expect(walkIn.status).toBe(200);
    const called = await desk("call-next");
    expect(called.body.number).toBe(walkIn.body.number);
    const done = await call<{
      ticket: { petitionId: string | null };
      petition: { id: string; confidential: boolean; ownerLeaderId: string | null };
    }>(
      `/api/v1/t/${county.code}/reception/sessions/${session.id}/tickets/${walkIn.body.number}/complete`,
      {
        token: county.people.clerk.token,
        body: {
          purpose: "accusation",
          categoryCode: "04.02",
          subjectUnitId: county.township,
          facts: "镇里截留补助资金。",
          demands: "请求查处。",
        },
      },
    );
    expect(done.status).toBe(200);
    expect(done.body.petition.confidential).toBe(true);
    expect(done.body.petition.ownerLeaderId).toBeNull();
    expect(done.body.ticket.petitionId).toBeNull();

    const queue = await call(`/api/v1/t/${county.code}/reception/sessions/${session.id}/desk`, {
      token: county.people.clerk.token,
    });
    expect(queue.status).toBe(200);
    // The ticket stays in the feed, under the masked name the queue object keeps.
    expect(JSON.stringify(queue.body)).toContain("来****");
    expect(JSON.stringify(queue.body)).not.toContain("来访检举人");
    expect(JSON.stringify(queue.body)).not.toContain(done.body.petition.id);
  });
});

/**
 * A joint reception: the county office hosts, the bureau (人社) and a township have desks. A
 * citizen accuses the bureau at the office's desk. The bureau's desk must learn nothing of it:
 * not the name, not the topic, not the case; another county's desk staff not even the session.
 */
describe("a joint reception, probed by a desk of another unit", () => {
  it("keeps each desk to its own tickets and an accusation out of the accused desk's sight", async () => {
    const session = await publishedSession(county, { date: tomorrowCst(5) });
    const base = `/api/v1/t/${county.code}/reception/sessions/${session.id}`;
    const set = await call(`${base}/desks`, {
      token: county.people.clerk.token,
      method: "PUT",
      body: {
        desks: [
          { unitId: county.bureau, leaderId: county.people.bureauLeader.id },
          { unitId: county.township, leaderId: county.people.townLeader.id },
        ],
      },
    });
    expect(set.status).toBe(200);
    const office = (path: string, body?: unknown) =>
      call<{ number: number; desk: number }>(`${base}/${path}`, {
        token: county.people.clerk.token,
        method: "POST",
        ...(body !== undefined && { body }),
      });
    const bureau = (path: string, body?: unknown) =>
      call<{ error?: { code: string } }>(`${base}/${path}`, {
        token: county.people.bureauLeader.token,
        method: body === undefined && !path.includes("/") ? "GET" : "POST",
        ...(body !== undefined && { body }),
      });

    // The accuser comes to the office's desk; a neighbour is sent to the township's.
    const accuser = await office("check-in", {
      walkIn: { name: "检举人甲", topic: "举报县人社局某科长索贿" },
    });
    const neighbour = await office("check-in", { walkIn: { name: "邻居乙", topic: "宅基地" } });
    expect((await office(`tickets/${neighbour.body.number}/route`, { desk: 3 })).status).toBe(200);

    // The bureau's desk sees both numbers in the queue, and nothing of who or why.
    const seen = await call<StaffQueueState>(`${base}/desk`, {
      token: county.people.bureauLeader.token,
    });
    expect(seen.status).toBe(200);
    const text = JSON.stringify(seen.body);
    for (const secret of ["检举", "索贿", "邻居", "宅基地"]) expect(text).not.toContain(secret);
    expect(seen.body.waiting.map((t) => t.number)).toEqual([
      accuser.body.number,
      neighbour.body.number,
    ]);
    // Nor can it act on them, call them, or pull them to its own desk.
    for (const path of [
      `tickets/${accuser.body.number}/park`,
      `tickets/${accuser.body.number}/no-show`,
    ]) {
      expect((await bureau(path, {})).status, path).toBe(404);
    }
    expect((await bureau(`tickets/${accuser.body.number}/route`, { desk: 2 })).status).toBe(404);
    expect(
      (
        await call(`${base}/call-next?desk=1`, {
          token: county.people.bureauLeader.token,
          method: "POST",
        })
      ).status,
    ).toBe(403);
    // Its live screen is as blind as its page.
    const socket = await exports.default.fetch(`https://lianxin.test${base}/queue/watch`, {
      headers: {
        upgrade: "websocket",
        authorization: `Bearer ${county.people.bureauLeader.token}`,
      },
    });
    const ws = socket.webSocket;
    if (!ws) throw new Error(`no WebSocket: ${socket.status}`);
    const first = new Promise<string>((resolve) =>
      ws.addEventListener("message", (event) => resolve(String(event.data))),
    );
    ws.accept();
    const pushed = await first;
    expect(pushed).toContain(`"number":${accuser.body.number}`);
    for (const secret of ["检举", "索贿", "邻居", "宅基地"]) expect(pushed).not.toContain(secret);
    ws.close();

    // The office registers the accusation: it is confidential and never linked in any feed.
    expect((await office("call-next?desk=1")).body.number).toBe(accuser.body.number);
    const done = await call<{ petition: { id: string; confidential: boolean } }>(
      `${base}/tickets/${accuser.body.number}/complete`,
      {
        token: county.people.clerk.token,
        body: {
          purpose: "accusation",
          categoryCode: "04.02",
          subjectUnitId: county.bureau,
          facts: "县人社局某科长索贿。",
          demands: "请求查处。",
        },
      },
    );
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.petition.confidential).toBe(true);
    const after = await call<StaffQueueState>(`${base}/desk`, {
      token: county.people.bureauLeader.token,
    });
    expect(JSON.stringify(after.body)).not.toContain(done.body.petition.id);
    // The finished visits of other desks are not in the bureau's list at all, nor in the
    // day's whole record read over HTTP; the office's record has the visit, unlinked.
    expect(after.body.done).toEqual([]);
    expect(after.body.doneCount).toBe(0);
    const bureauDone = await call<DoneTickets>(`${base}/done`, {
      token: county.people.bureauLeader.token,
    });
    expect(bureauDone.status).toBe(200);
    expect(bureauDone.body.tickets).toEqual([]);
    const officeDone = await call<DoneTickets>(`${base}/done`, {
      token: county.people.clerk.token,
    });
    expect(officeDone.body.tickets.map((t) => t.number)).toEqual([accuser.body.number]);
    expect(JSON.stringify(officeDone.body)).not.toContain(done.body.petition.id);
    expect(JSON.stringify(officeDone.body)).not.toContain("检举人甲");
    // Nobody signed in, a citizen's phone, gets nothing of it.
    expect((await call(`${base}/done`)).status).toBe(401);

    // A unit with no desk here, and another county's desk staff, are kept out.
    for (const path of [`${base}/desk`, `${base}/done`]) {
      const noDesk = await call(path, { token: county.people.otherHandler.token });
      expect([403, 404], path).toContain(noDesk.status);
    }
    for (const path of [`${base}/desk`, `${base}/desks`, `${base}/done`]) {
      const foreign = await call(path.replace(county.code, elsewhere.code), {
        token: elsewhere.people.bureauLeader.token,
      });
      expect(foreign.status, path).toBe(404);
    }
    const foreignCall = await call(
      `${base.replace(county.code, elsewhere.code)}/call-next?desk=2`,
      { token: elsewhere.people.bureauLeader.token, method: "POST" },
    );
    expect(foreignCall.status).toBe(404);
  });
});

describe("who sits at a joint reception's desks", () => {
  it("is set at creation by the county office, never by a township for another unit", async () => {
    const joint = await publishedSession(county, {
      date: tomorrowCst(6),
      form: "joint",
      desks: [{ unitId: county.bureau, leaderId: county.people.bureauLeader.id }],
    });
    const desks = await call<{ desks: { number: number; unitId: string; leaderId: string }[] }>(
      `/api/v1/t/${county.code}/reception/sessions/${joint.id}/desks`,
    );
    expect(desks.status).toBe(200);
    expect(desks.body.desks.map((d) => [d.number, d.unitId, d.leaderId])).toEqual([
      [1, county.office, county.people.leader.id],
      [2, county.bureau, county.people.bureauLeader.id],
    ]);
    // A township may not seat the bureau at its own session, nor a leader at a unit not theirs.
    const township = await call(`/api/v1/t/${county.code}/reception/sessions`, {
      token: county.people.townClerk.token,
      body: {
        leaderId: county.people.townLeader.id,
        unitId: county.township,
        date: tomorrowCst(6),
        startTime: "14:30",
        endTime: "16:30",
        venue: "镇政府接待室",
        form: "joint",
        slotMinutes: 30,
        capacityPerSlot: 2,
        desks: [{ unitId: county.bureau, leaderId: county.people.bureauLeader.id }],
      },
    });
    expect(township.status).toBe(422);
    expect(JSON.stringify(township.body)).toContain("desks.0.unitId");
    const wrongLeader = await call(
      `/api/v1/t/${county.code}/reception/sessions/${joint.id}/desks`,
      {
        token: county.people.clerk.token,
        method: "PUT",
        body: { desks: [{ unitId: county.bureau, leaderId: county.people.townLeader.id }] },
      },
    );
    expect(wrongLeader.status).toBe(422);
    expect(JSON.stringify(wrongLeader.body)).toContain("desks.0.leaderId");
    // Nothing was half-written: the desks are as they were.
    const after = await call<{ desks: unknown[] }>(
      `/api/v1/t/${county.code}/reception/sessions/${joint.id}/desks`,
    );
    expect(after.body.desks).toHaveLength(2);
  });
});
