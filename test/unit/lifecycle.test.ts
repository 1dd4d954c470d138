import { describe, expect, it } from "vitest";
import { petitionActions } from "../../schema/reference/petition-actions.ts";
import { petitionStatuses } from "../../schema/tenant/tables.ts";
import {
  availableActions,
  type CaseActor,
  closeBlockers,
  isPossible,
  mayTake,
  nextStatus,
  possibleActions,
} from "../../workers/domain/petitions/lifecycle.ts";

const holders = { responsibleUnitId: "bureau", handlerId: "h1", ownerLeaderId: "l1" };
const actor = (overrides: Partial<CaseActor>): CaseActor => ({
  staffId: "s",
  roles: [],
  unitId: "elsewhere",
  inCountyOffice: false,
  ...overrides,
});

describe("the petition state machine", () => {
  it("routes a registered case and nothing else", () => {
    expect(possibleActions("registered").sort()).toEqual(
      [
        "accept",
        "assign",
        "assignOwner",
        "decline",
        "designateHandler",
        "forward",
        "recordNotice",
        "signOff",
      ].sort(),
    );
  });

  it("ends declined cases and allows only follow-ups and notices on closed ones", () => {
    // A decline is still owed its written notice (§23), by letter or on the spot.
    expect(possibleActions("declined")).toEqual(["recordNotice"]);
    expect(possibleActions("closed")).toEqual(["recordFollowUp", "recordNotice", "reportUpward"]);
  });

  it("leads a reply to the stage it answers", () => {
    expect(nextStatus("reply", "assigned")).toBe("replied");
    expect(nextStatus("reply", "under_review")).toBe("reviewed");
    expect(nextStatus("reply", "under_re_review")).toBe("re_reviewed");
  });

  it("allows review only after a reply and re-review only after a review (§35, §36)", () => {
    expect(isPossible("requestReview", "replied")).toBe(true);
    expect(isPossible("requestReview", "accepted")).toBe(false);
    expect(isPossible("requestReReview", "reviewed")).toBe(true);
    expect(isPossible("requestReReview", "replied")).toBe(false);
    expect(isPossible("recordHearing", "under_re_review")).toBe(true);
    expect(isPossible("recordHearing", "under_review")).toBe(false);
  });

  it("keeps the state for actions that only record something", () => {
    for (const action of [
      "extend",
      "recordHearing",
      "assignOwner",
      "designateHandler",
      "signOff",
      "recordFollowUp",
    ] as const) {
      for (const status of petitionStatuses) {
        if (isPossible(action, status))
          expect(nextStatus(action, status), `${action} ${status}`).toBe(status);
      }
    }
  });

  it("never leads an action to a state where nothing more can happen but closing", () => {
    for (const status of petitionStatuses) {
      for (const action of petitionActions) {
        if (!isPossible(action, status)) continue;
        const next = nextStatus(action, status);
        expect(
          next === "declined" || possibleActions(next).length > 0,
          `${status} --${action}--> ${next}`,
        ).toBe(true);
      }
    }
  });
});

describe("who may act", () => {
  it("lets the unit that holds the case and the county office route it", () => {
    expect(mayTake("forward", actor({ unitId: "bureau", roles: ["clerk"] }), holders)).toBe(true);
    expect(
      mayTake("forward", actor({ inCountyOffice: true, roles: ["supervisor"] }), holders),
    ).toBe(true);
    expect(mayTake("forward", actor({ roles: ["clerk"] }), holders)).toBe(false);
    expect(mayTake("forward", actor({ unitId: "bureau", roles: ["viewer"] }), holders)).toBe(false);
  });

  it("lets only the receiving unit object, not the county office", () => {
    expect(mayTake("object", actor({ unitId: "bureau", roles: ["handler"] }), holders)).toBe(true);
    expect(
      mayTake(
        "object",
        actor({ unitId: "bureau", roles: ["handler"], inCountyOffice: true }),
        holders,
      ),
    ).toBe(false);
  });

  it("lets a leader approve extensions (§34) and only the owner leader sign off", () => {
    expect(mayTake("extend", actor({ unitId: "bureau", roles: ["handler"] }), holders)).toBe(false);
    expect(mayTake("extend", actor({ unitId: "bureau", roles: ["leader"] }), holders)).toBe(true);
    expect(mayTake("signOff", actor({ staffId: "l1", roles: ["leader"] }), holders)).toBe(true);
    expect(
      mayTake(
        "signOff",
        actor({ staffId: "l2", roles: ["leader"], inCountyOffice: true }),
        holders,
      ),
    ).toBe(false);
  });

  it("lets the designated handler answer from anywhere", () => {
    expect(mayTake("reply", actor({ staffId: "h1" }), holders)).toBe(true);
    expect(mayTake("reply", actor({ inCountyOffice: true, roles: ["supervisor"] }), holders)).toBe(
      false,
    );
  });

  it("offers a viewer nothing", () => {
    for (const status of petitionStatuses) {
      expect(
        availableActions(status, actor({ unitId: "bureau", roles: ["viewer"] }), holders),
      ).toEqual([]);
    }
  });
});

describe("closing", () => {
  it("names every one of the five conditions that holds", () => {
    expect(
      closeBlockers({
        factsClear: false,
        handled: true,
        ownerSignedOff: false,
        petitionerOpinionRecorded: true,
        fileComplete: false,
      }),
    ).toEqual(["factsClear", "ownerSignedOff", "fileComplete"]);
    expect(
      closeBlockers({
        factsClear: true,
        handled: true,
        ownerSignedOff: true,
        petitionerOpinionRecorded: true,
        fileComplete: true,
      }),
    ).toEqual([]);
  });
});
