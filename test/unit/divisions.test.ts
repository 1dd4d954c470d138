import { describe, expect, it } from "vitest";
import { findCounty, townshipsOf } from "../../workers/domain/tenancy/divisions.ts";
import { unitPlacementProblem } from "../../workers/domain/tenancy/unit-tree.ts";

describe("GB/T 2260 divisions", () => {
  it("finds counties by code and nothing for a non-county code", async () => {
    expect(await findCounty("431224")).toEqual({ code: "431224", name: "溆浦县" });
    expect(await findCounty("110101")).toEqual({ code: "110101", name: "东城区" });
    expect(await findCounty("431200")).toBeUndefined();
    expect(await findCounty("4312")).toBeUndefined();
  });

  it("lists a county's townships and streets only", async () => {
    const towns = await townshipsOf("431224");
    expect(towns).toHaveLength(25);
    expect(towns[0]).toEqual({ code: "431224100", name: "卢峰镇" });
    expect(towns.every((t) => t.code.startsWith("431224"))).toBe(true);
    const dongcheng = await townshipsOf("110101");
    expect(dongcheng.map((t) => t.name)).toContain("东华门街道");
  });
});

describe("the unit tree", () => {
  it("allows townships and bureaus under the county office and villages under townships", () => {
    expect(unitPlacementProblem("township", "county")).toBeUndefined();
    expect(unitPlacementProblem("bureau", "county")).toBeUndefined();
    expect(unitPlacementProblem("village", "township")).toBeUndefined();
  });

  it("refuses everything else", () => {
    expect(unitPlacementProblem("county", undefined)).toBeDefined();
    expect(unitPlacementProblem("bureau", "township")).toBeDefined();
    expect(unitPlacementProblem("village", "bureau")).toBeDefined();
    expect(unitPlacementProblem("township", undefined)).toBeDefined();
  });
});
