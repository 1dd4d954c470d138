import { describe, expect, it } from "vitest";
import {
  callingOrder,
  chooseNext,
  estimateWaitMinutes,
  type Waiting,
} from "../../workers/reception/queue-rules.ts";

const booked = (number: number, slotStart: string, checkedInAt = number): Waiting => ({
  number,
  kind: "booked",
  slotStart,
  checkedInAt,
});
const walkIn = (number: number, checkedInAt = number): Waiting => ({
  number,
  kind: "walk_in",
  slotStart: null,
  checkedInAt,
});

describe("the calling order", () => {
  it("calls booked citizens by slot, then arrival, whatever order they arrived in", () => {
    const order = callingOrder(
      [booked(1, "09:30"), booked(2, "08:30"), booked(3, "08:30", 0)],
      0,
      3,
    );
    expect(order.map((t) => t.number)).toEqual([3, 2, 1]);
  });

  it("interleaves a walk-in after every two booked citizens (walkInEvery 3)", () => {
    const waiting = [
      booked(1, "08:30"),
      booked(2, "08:30"),
      booked(3, "09:00"),
      booked(4, "09:00"),
      walkIn(5),
      walkIn(6),
    ];
    expect(callingOrder(waiting, 0, 3).map((t) => t.number)).toEqual([1, 2, 5, 3, 4, 6]);
  });

  it("carries the streak over from earlier calls", () => {
    expect(chooseNext([booked(1, "08:30"), walkIn(2)], 2, 3)?.number).toBe(2);
    expect(chooseNext([booked(1, "08:30"), walkIn(2)], 1, 3)?.number).toBe(1);
  });

  it("calls walk-ins when no booked citizen waits, and nobody when nobody waits", () => {
    expect(chooseNext([walkIn(7), walkIn(4, 1)], 0, 3)?.number).toBe(4);
    expect(chooseNext([], 0, 3)).toBeUndefined();
  });
});

describe("waiting time", () => {
  it("follows today's service times, with a default before the first is done", () => {
    expect(estimateWaitMinutes(3, [])).toBe(45);
    expect(estimateWaitMinutes(2, [10, 20])).toBe(30);
    expect(estimateWaitMinutes(0, [10])).toBe(0);
  });
});
