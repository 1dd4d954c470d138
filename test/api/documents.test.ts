import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/client.ts";
import { register, setUpCounty, type TestCounty } from "../support/county.ts";

let county: TestCounty;

beforeAll(async () => {
  county = await setUpCounty("431230", "通道侗族自治县");
});

const issue = (token: string, petitionId: string, kind: string) =>
  call<{ number: string; seq: number; year: number; issuedOn: string }>(
    `/api/v1/t/${county.code}/petitions/${petitionId}/documents`,
    { token, body: { kind } },
  );

describe("issueDocument", () => {
  it("numbers documents from the county's yearly sequence; a reprint keeps its number", async () => {
    const { clerk } = county.people;
    const a = (
      await register(county, clerk.token, { petitioner: { name: "甲", phone: "13700000001" } })
    ).body.id;
    const b = (
      await register(county, clerk.token, { petitioner: { name: "乙", phone: "13700000002" } })
    ).body.id;
    const first = await issue(clerk.token, a, "acceptance_notice");
    expect(first.status).toBe(200);
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    expect(first.body).toMatchObject({
      seq: 1,
      year,
      number: `通道侗族自治县信访局〔${year}〕1号`,
    });
    // Two at once get two numbers, never one.
    const [x, y] = await Promise.all([
      issue(clerk.token, b, "acceptance_notice"),
      issue(clerk.token, a, "register_form"),
    ]);
    expect([x.body.seq, y.body.seq].sort()).toEqual([2, 3]);
    const again = await issue(clerk.token, a, "acceptance_notice");
    expect(again.body.seq).toBe(1);
  });

  it("is not found for a case the person may not see, and refuses unknown kinds", async () => {
    const { clerk, handler } = county.people;
    const hidden = (
      await register(county, clerk.token, { petitioner: { name: "丙", phone: "13700000003" } })
    ).body.id;
    expect((await issue(handler.token, hidden, "acceptance_notice")).status).toBe(404);
    expect((await issue(clerk.token, hidden, "summons")).status).toBe(400);
  });
});
