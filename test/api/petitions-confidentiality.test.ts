import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/client.ts";
import { act, getCase, register, setUpCounty, type TestCounty } from "../support/county.ts";

let county: TestCounty;
let accusationId: string;

const accusation = () => ({
  purpose: "accusation",
  categoryCode: "04.02",
  petitioner: { name: "举报人甲", phone: "13700001234", idNumber: "431224198506120034" },
  facts: "镇干部滥用职权强拆。",
  demands: "请求查处。",
});

const listIds = async (token: string) =>
  (
    await call<{ items: { id: string }[] }>(`/api/v1/t/${county.code}/petitions?limit=100`, {
      token,
    })
  ).body.items.map((i) => i.id);

beforeAll(async () => {
  county = await setUpCounty("431227", "新晃侗族自治县");
  const created = await register(county, county.people.clerk.token, {
    ...accusation(),
    subjectUnitId: county.township,
  });
  accusationId = created.body.id;
});

describe("an accusation (§30, §46)", () => {
  it("is confidential from registration", async () => {
    const reply = await getCase(county, county.people.clerk.token, accusationId);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ confidential: true });
    expect(reply.body.petitioner).toMatchObject({ name: "举报人甲", masked: false });
  });

  it("is invisible to the accused unit, in lists and by id", async () => {
    for (const person of [county.people.townClerk, county.people.townLeader]) {
      expect((await getCase(county, person.token, accusationId)).status).toBe(404);
      expect(await listIds(person.token)).not.toContain(accusationId);
    }
  });

  it("cannot be forwarded or assigned to the accused unit", async () => {
    const reply = await act(county, county.people.clerk.token, accusationId, "forward", {
      toUnitId: county.township,
    });
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ error: { details: [{ path: "toUnitId" }] } });
  });

  it("reaches only the designated handler in the receiving unit", async () => {
    const assigned = await act(county, county.people.clerk.token, accusationId, "assign", {
      toUnitId: county.bureau,
    });
    expect(assigned.status).toBe(200);
    // Assigned to the bureau, but no one there is designated yet: nobody there sees it.
    expect((await getCase(county, county.people.handler.token, accusationId)).status).toBe(404);
    expect((await getCase(county, county.people.bureauLeader.token, accusationId)).status).toBe(
      404,
    );

    const designated = await act(county, county.people.clerk.token, accusationId, "handler", {
      handlerId: county.people.handler.id,
    });
    expect(designated.status).toBe(200);
    expect((await getCase(county, county.people.handler.token, accusationId)).status).toBe(200);
    expect(await listIds(county.people.handler.token)).toContain(accusationId);
    // Other staff of the same bureau still do not.
    expect((await getCase(county, county.people.bureauLeader.token, accusationId)).status).toBe(
      404,
    );
    expect((await getCase(county, county.people.otherHandler.token, accusationId)).status).toBe(
      404,
    );
  });

  it("cannot have a handler or owner from the accused unit", async () => {
    const handler = await act(county, county.people.clerk.token, accusationId, "handler", {
      handlerId: county.people.townClerk.id,
    });
    expect(handler.status).toBe(422);
    const owner = await act(county, county.people.supervisor.token, accusationId, "owner", {
      leaderId: county.people.townLeader.id,
    });
    expect(owner.status).toBe(422);
  });

  it("leaves an audit entry for every read", async () => {
    const count = async () =>
      (
        await env.TENANT_DB_1.prepare(
          "SELECT count(*) AS n FROM audit_log WHERE tenant_id = ? AND action = 'petition.read_confidential' AND target_id = ?",
        )
          .bind(county.code, accusationId)
          .first<{ n: number }>()
      )?.n ?? 0;
    const before = await count();
    await getCase(county, county.people.supervisor.token, accusationId);
    expect(await count()).toBe(before + 1);
  });
});

describe("recusal (§28)", () => {
  it("hides the case from whoever steps aside, and keeps them from being designated", async () => {
    const created = await register(county, county.people.clerk.token);
    const id = created.body.id;
    const declared = await call(`/api/v1/t/${county.code}/petitions/${id}/recusals`, {
      token: county.people.supervisor.token,
      body: { reason: "信访人系本人亲属" },
    });
    expect(declared.status).toBe(201);
    expect((await getCase(county, county.people.supervisor.token, id)).status).toBe(404);
    expect(await listIds(county.people.supervisor.token)).not.toContain(id);

    await act(county, county.people.clerk.token, id, "assign", { toUnitId: county.bureau });
    const marked = await call(`/api/v1/t/${county.code}/petitions/${id}/recusals`, {
      token: county.adminToken,
      body: { staffId: county.people.handler.id, reason: "与被反映公司有利害关系" },
    });
    expect(marked.status).toBe(201);
    const designate = await act(county, county.people.bureauLeader.token, id, "handler", {
      handlerId: county.people.handler.id,
    });
    expect(designate.status).toBe(422);
    expect((await getCase(county, county.people.handler.token, id)).status).toBe(404);
  });

  it("may be marked for someone else only by an admin or supervisor", async () => {
    const created = await register(county, county.people.clerk.token);
    const reply = await call(`/api/v1/t/${county.code}/petitions/${created.body.id}/recusals`, {
      token: county.people.clerk.token,
      body: { staffId: county.people.leader.id, reason: "x" },
    });
    expect(reply.status).toBe(403);
  });
});
