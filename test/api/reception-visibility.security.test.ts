import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/client.ts";
import { setUpCounty, type TestCounty } from "../support/county.ts";
import { publishedSession } from "../support/reception.ts";

/**
 * A township leader's reception day: a visitor accuses the township. The visit is
 * registered, but its accused leader does not become the case's owner, and the desk's
 * feed does not link the ticket to the hidden case.
 */

let county: TestCounty;

beforeAll(async () => {
  county = await setUpCounty("431202", "鹤城区");
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
