import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/client.ts";
import { onboard, type TestTenant } from "../support/tenants.ts";

let county: TestTenant;
const create = (body: unknown) =>
  call<{ id: string; parentId?: string; kind: string }>(`/api/v1/t/${county.code}/units`, {
    token: county.adminToken,
    body,
  });

beforeAll(async () => {
  county = await onboard("500001");
});

describe("units", () => {
  it("hang townships and bureaus under the county office by default, villages under a township", async () => {
    const bureau = await create({ name: "县人社局", kind: "bureau" });
    expect(bureau.status).toBe(201);
    expect(bureau.body).toMatchObject({ kind: "bureau", parentId: county.countyUnitId });
    const township = await create({ name: "卢峰镇", kind: "township", code: "500001100" });
    expect(township.status).toBe(201);
    const village = await create({ name: "红星村", kind: "village", parentId: township.body.id });
    expect(village.status).toBe(201);
    expect(village.body.parentId).toBe(township.body.id);

    const list = await call<{ units: { id: string }[] }>(`/api/v1/t/${county.code}/units`, {
      token: county.adminToken,
    });
    expect(list.body.units.map((u) => u.id)).toEqual(
      expect.arrayContaining([
        county.countyUnitId,
        bureau.body.id,
        township.body.id,
        village.body.id,
      ]),
    );
  });

  it("refuse a placement that breaks the tree", async () => {
    const bureau = await create({ name: "县民政局", kind: "bureau" });
    const cases = [
      { name: "第二个信访局", kind: "county" },
      { name: "挂错的村", kind: "village", parentId: bureau.body.id },
      { name: "村下无村", kind: "village" },
      { name: "局下的局", kind: "bureau", parentId: bureau.body.id },
      { name: "无上级", kind: "township", parentId: "no-such-unit" },
    ];
    for (const body of cases) {
      const reply = await create(body);
      expect(reply.status, body.name).toBe(422);
      expect(reply.body).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    }
  });

  it("keep division codes unique within the county", async () => {
    expect((await create({ name: "甲镇", kind: "township", code: "500001200" })).status).toBe(201);
    const again = await create({ name: "乙镇", kind: "township", code: "500001200" });
    expect(again.status).toBe(409);
  });

  it("can be renamed", async () => {
    const unit = await create({ name: "县住建局", kind: "bureau" });
    const renamed = await call(`/api/v1/t/${county.code}/units/${unit.body.id}`, {
      method: "PATCH",
      token: county.adminToken,
      body: { name: "县住房和城乡建设局" },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      id: unit.body.id,
      name: "县住房和城乡建设局",
      kind: "bureau",
    });
  });
});
