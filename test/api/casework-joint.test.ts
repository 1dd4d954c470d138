import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/client.ts";
import { act, getCase, register, setUpCounty, type TestCounty } from "../support/county.ts";

let county: TestCounty;

beforeAll(async () => {
  county = await setUpCounty("431223", "辰溪县");
});

type Joint = {
  leadUnitId: string;
  assistingUnitIds: string[];
  opinions: { unitId: string; text: string }[];
};

describe("joint handling (主办/协办)", () => {
  it("lets an assisting unit see the case and add opinions; the lead unit replies", async () => {
    const { clerk, handler, otherHandler, townClerk } = county.people;
    const created = await register(county, clerk.token);
    const id = created.body.id;
    await act(county, clerk.token, id, "assign", { toUnitId: county.bureau });
    const joint = (token: string, path: string, body?: Record<string, unknown>) =>
      call<Joint>(`/api/v1/t/${county.code}/petitions/${id}/${path}`, {
        token,
        ...(body && { body }),
      });

    // Before: the other bureau cannot tell the case exists.
    expect((await getCase(county, otherHandler.token, id)).status).toBe(404);
    expect((await joint(otherHandler.token, "opinions", { text: "x" })).status).toBe(404);

    const added = await joint(clerk.token, "assisting-units", { unitId: county.otherBureau });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({
      leadUnitId: county.bureau,
      assistingUnitIds: [county.otherBureau],
    });

    // The assisting unit sees it now (through the one rule) and gives its opinion.
    const seen = await getCase(county, otherHandler.token, id);
    expect(seen.status).toBe(200);
    expect(seen.body.availableActions).not.toContain("reply");
    const opinion = await joint(otherHandler.token, "opinions", { text: "民政部门可予临时救助。" });
    expect(opinion.status).toBe(200);
    expect(opinion.body.opinions).toEqual([
      expect.objectContaining({ unitId: county.otherBureau, text: "民政部门可予临时救助。" }),
    ]);
    // The lead unit reads the opinion; a unit with no part in the case still sees nothing.
    expect((await joint(handler.token, "joint-handling")).body.opinions).toHaveLength(1);
    expect((await joint(townClerk.token, "joint-handling")).status).toBe(404);
    // Only assisting units give opinions; only the lead unit or the office adds units.
    expect((await joint(handler.token, "opinions", { text: "x" })).status).toBe(403);
    expect(
      (await joint(otherHandler.token, "assisting-units", { unitId: county.township })).status,
    ).toBe(403);
  });

  it("keeps accusations and the unit a case is about off the case", async () => {
    const { clerk } = county.people;
    const accusation = await register(county, clerk.token, {
      purpose: "accusation",
      subjectUnitId: county.township,
    });
    const onAccusation = await call(
      `/api/v1/t/${county.code}/petitions/${accusation.body.id}/assisting-units`,
      { token: clerk.token, body: { unitId: county.otherBureau } },
    );
    expect(onAccusation.status).toBe(409);

    const complaint = await register(county, clerk.token, { subjectUnitId: county.township });
    const aboutIt = await call(
      `/api/v1/t/${county.code}/petitions/${complaint.body.id}/assisting-units`,
      { token: clerk.token, body: { unitId: county.township } },
    );
    expect(aboutIt.status).toBe(422);
  });
});
