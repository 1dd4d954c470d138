import { describe, expect, it } from "vitest";
import type { ReceptionVisitRow } from "../../schema/tenant/tables.ts";
import { visitSummary } from "../../workers/domain/reception/visit-record.ts";
import {
  leaderLines,
  seesVisitIdentity,
} from "../../workers/domain/statistics/reception-sheets.ts";
import type { StaffView } from "../../workers/domain/tenancy/county-context.ts";

const leader = (id: string, counts: Partial<Record<string, number>>) => ({
  leaderId: id,
  name: id,
  sessions: 0,
  casesOwned: 0,
  visits: 0,
  visitors: 0,
  casesSupervised: 0,
  followUps: 0,
  ...counts,
});

describe("the statistics sheet's lines", () => {
  it("sums every count into 合计 and leaves out leaders with nothing", () => {
    const { lines, total } = leaderLines(
      [
        leader("a", { sessions: 2, visits: 5, visitors: 9, casesOwned: 3, followUps: 1 }),
        leader("b", { sessions: 1, visits: 1, visitors: 1, casesSupervised: 2 }),
        leader("c", {}),
      ],
      new Map([
        ["a", 2],
        ["c", 7],
      ]),
      new Map([["a", "副县长"]]),
    );
    expect(lines.map((l) => [l.leaderId, l.closed, l.position])).toEqual([
      ["a", 2, "副县长"],
      ["b", 0, ""],
    ]);
    expect(total).toMatchObject({
      name: "合计",
      sessions: 3,
      visits: 6,
      visitors: 10,
      casesOwned: 3,
      closed: 2,
      casesSupervised: 2,
      followUps: 1,
    });
  });
});

describe("who reads the petitioner's name on the register", () => {
  const visit = { leaderId: "leader-1", unitId: "town" } as ReceptionVisitRow;
  const view = (over: Partial<StaffView>): StaffView => ({
    staffId: "someone",
    roles: ["clerk"],
    unitId: "town",
    unitSubtree: ["town"],
    inCountyOffice: false,
    ...over,
  });
  it("is the receiving leader and the clerks and handlers of the office or the unit", () => {
    expect(seesVisitIdentity(view({ staffId: "leader-1", roles: ["leader"] }), visit)).toBe(true);
    expect(seesVisitIdentity(view({}), visit)).toBe(true);
    expect(seesVisitIdentity(view({ unitId: "office", inCountyOffice: true }), visit)).toBe(true);
  });
  it("is not a supervisor, a viewer, another leader or another unit's clerk", () => {
    expect(seesVisitIdentity(view({ roles: ["supervisor"], inCountyOffice: true }), visit)).toBe(
      false,
    );
    expect(seesVisitIdentity(view({ roles: ["viewer"] }), visit)).toBe(false);
    expect(seesVisitIdentity(view({ roles: ["leader"] }), visit)).toBe(false);
    expect(seesVisitIdentity(view({ unitId: "other-town" }), visit)).toBe(false);
  });
});

describe("the visit's 事由", () => {
  it("joins facts and demands and cuts a long one at 300 characters", () => {
    expect(visitSummary(" 路坏了。 ", "请修路。")).toBe("路坏了。 诉求：请修路。");
    expect(visitSummary("事实", "  ")).toBe("事实");
    const long = visitSummary("长".repeat(400), "诉求");
    expect(Array.from(long)).toHaveLength(300);
    expect(long.endsWith("…")).toBe(true);
  });
});
