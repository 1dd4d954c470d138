import { describe, expect, it } from "vitest";
import { rankUnits, score } from "../../workers/domain/statistics/assessment.ts";
import { rate } from "../../workers/domain/statistics/figures.ts";

const weights = {
  timelyAcceptance: 20,
  onTimeReply: 25,
  satisfaction: 25,
  firstTimeResolution: 15,
  nonRepeat: 15,
};
const none = rate(0, 0);

describe("the assessment score", () => {
  it("weighs each rate by its points, over the points of the items that counted anything", () => {
    const items = {
      timelyAcceptance: rate(3, 4),
      onTimeReply: rate(1, 2),
      satisfaction: none,
      firstTimeResolution: rate(1, 1),
      nonRepeat: rate(9, 10),
    };
    // (20 × 0.75 + 25 × 0.5 + 15 × 1 + 15 × 0.9) ÷ (20 + 25 + 15 + 15) × 100 = 56 ÷ 75 × 100
    expect(score(items, weights)).toBe(74.67);
  });

  it("gives no score when nothing counted, or when only zero-point items did", () => {
    const items = {
      timelyAcceptance: none,
      onTimeReply: none,
      satisfaction: none,
      firstTimeResolution: none,
      nonRepeat: rate(1, 1),
    };
    expect(score({ ...items, nonRepeat: none }, weights)).toBeNull();
    expect(score(items, { ...weights, nonRepeat: 0 })).toBeNull();
  });

  it("ranks equal scores alike and the unscored last", () => {
    const row = (unitId: string, s: number | null, batches = 1) => ({
      unitId,
      score: s,
      batches,
      persons: batches,
      items: {
        timelyAcceptance: none,
        onTimeReply: none,
        satisfaction: none,
        firstTimeResolution: none,
        nonRepeat: none,
      },
    });
    const ranked = rankUnits([row("c", 80), row("a", 90), row("b", 80, 5), row("d", null, 0)]);
    expect(ranked.map((r) => [r.unitId, r.rank])).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 2],
      ["d", 4],
    ]);
  });
});
