import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/client.ts";
import { getCase, register, setUpCounty, type TestCounty } from "../support/county.ts";

/**
 * Registration answers the clerk with the flags intake drew from the petitioner's earlier
 * cases. A flag that rests on a case the clerk may not see must read exactly as if that
 * case did not exist — including 越级 (skip-level), whose absence would otherwise say "this
 * person was already handled below".
 */

let county: TestCounty;

const person = (name: string, idNumber: string, phone: string) => ({
  name,
  idNumber,
  phone,
  address: "卢峰镇某村",
});
const accuser = person("检举人甲", "431223198802140017", "13700005678");
const stranger = person("来访人乙", "110101199003070011", "13812345678");
const stepAside = person("来访人丙", "11010519491231002X", "13912340000");

const accusation = (who: ReturnType<typeof person>, overrides: Record<string, unknown> = {}) => ({
  purpose: "accusation",
  categoryCode: "04.02",
  petitioner: who,
  facts: "县信访局工作人员违规收取费用。",
  demands: "请求查处。",
  ...overrides,
});

async function storedFlags(petitionId: string) {
  const row = await env.TENANT_DB_1.prepare("SELECT flags FROM petitions WHERE id = ?")
    .bind(petitionId)
    .first<{ flags: string }>();
  return JSON.parse(row?.flags ?? "null") as Record<string, unknown>;
}

beforeAll(async () => {
  county = await setUpCounty("431223", "辰溪县");
});

describe("the accused county office registering the accuser's next petition", () => {
  it("is told 越级 as for a first petition, while the truth stays stored", async () => {
    // The accuser went to their township first, about the county office itself: the
    // office may not see that case (§30), and the township handles it.
    const earlier = await register(
      county,
      county.people.townClerk.token,
      accusation(accuser, { subjectUnitId: county.office }),
    );
    expect(earlier.status, JSON.stringify(earlier.body)).toBe(201);
    const hiddenFromOffice = await getCase(county, county.people.clerk.token, earlier.body.id);
    expect(hiddenFromOffice.status).toBe(404);

    // Then the accuser comes to the county office about the township: the check before
    // registering answers as for a stranger.
    const check = (who: ReturnType<typeof person>) =>
      call(`/api/v1/t/${county.code}/petitions/check`, {
        token: county.people.clerk.token,
        body: { categoryCode: "04.02", idNumber: who.idNumber, subjectUnitId: county.township },
      });
    expect((await check(accuser)).body).toEqual((await check(stranger)).body);

    const again = await register(
      county,
      county.people.clerk.token,
      accusation(accuser, { subjectUnitId: county.township, facts: "镇里对检举不予处理。" }),
    );
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    // Someone with no history at all, about the same township: the very same answer.
    const control = await register(
      county,
      county.people.clerk.token,
      accusation(stranger, { subjectUnitId: county.township, facts: "镇里对检举不予处理。" }),
    );
    expect(control.body.flags).toEqual({ firstPetition: true, skipLevel: true });
    expect(again.body.flags).toEqual(control.body.flags);
    expect(JSON.stringify(again.body)).not.toContain(earlier.body.id);
    expect(JSON.stringify(again.body)).not.toContain(earlier.body.trackingCode);
    const reread = await getCase(county, county.people.supervisor.token, again.body.id);
    expect(reread.body.flags).toEqual(control.body.flags);

    // Stored whole: the case was handled below, so it is no skip-level petition in counts.
    const stored = await storedFlags(again.body.id);
    expect(stored).toMatchObject({ firstPetition: false, handledBelow: [earlier.body.id] });
    expect(stored).not.toHaveProperty("skipLevel");
  });
});

describe("a clerk who stepped aside (§28) registering the same person again", () => {
  it("is told 越级, and a colleague who may see the earlier case is not", async () => {
    const earlier = await register(county, county.people.townClerk.token, {
      petitioner: stepAside,
      subjectUnitId: county.township,
    });
    expect(earlier.status, JSON.stringify(earlier.body)).toBe(201);
    const recused = await call(`/api/v1/t/${county.code}/petitions/${earlier.body.id}/recusals`, {
      token: county.people.clerk.token,
      body: { reason: "与信访人系亲属" },
    });
    expect(recused.status).toBe(201);

    const again = await register(county, county.people.clerk.token, {
      petitioner: stepAside,
      subjectUnitId: county.township,
    });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.flags).toEqual({ firstPetition: true, skipLevel: true });

    const colleague = await getCase(county, county.people.supervisor.token, again.body.id);
    expect(colleague.body.flags).toMatchObject({
      firstPetition: false,
      repeat: { of: earlier.body.id },
    });
    expect(colleague.body.flags).not.toHaveProperty("skipLevel");
  });
});

describe("the accused township filtering its own cases by repeat", () => {
  it("finds the accuser's next petition among first petitions, as if the complaint about it did not exist", async () => {
    const returning = person("来访人丁", "431223198802140033", "13700006789");
    // A complaint about the township, held by the county office: the township may not see it.
    const hidden = await register(county, county.people.clerk.token, {
      petitioner: returning,
      subjectUnitId: county.township,
    });
    expect(hidden.status, JSON.stringify(hidden.body)).toBe(201);
    expect((await getCase(county, county.people.townClerk.token, hidden.body.id)).status).toBe(404);
    // The same person then comes to the township on the same kind of matter.
    const own = await register(county, county.people.townClerk.token, { petitioner: returning });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(own.body.flags).toEqual({ firstPetition: true });

    const found = async (token: string, repeat: string) => {
      const reply = await call<{ items: { id: string }[] }>(
        `/api/v1/t/${county.code}/search?${new URLSearchParams({ repeat, categoryCode: "06.02" })}`,
        { token },
      );
      expect(reply.status).toBe(200);
      return reply.body.items.map((i) => i.id);
    };
    const town = county.people.townClerk.token;
    expect(await found(town, "repeat")).not.toContain(own.body.id);
    expect(await found(town, "first")).toContain(own.body.id);
    // The county office, which sees the accusation, finds it a repeat.
    expect(await found(county.people.supervisor.token, "repeat")).toContain(own.body.id);
    expect(await found(county.people.supervisor.token, "first")).not.toContain(own.body.id);
  });
});
