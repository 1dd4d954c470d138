import { describe, expect, it } from "vitest";
import { slotInstant } from "../../workers/domain/reception/session.ts";
import {
  callingOrder,
  chooseNext,
  estimateWaitMinutes,
  type QueueRule,
  type Waiting,
} from "../../workers/reception/queue-rules.ts";

const DATE = "2026-03-10";
const at = (hhmm: string) => slotInstant(DATE, hhmm).getTime();
const rule = (now: string, walkInEvery = 3): QueueRule => ({
  walkInEvery,
  date: DATE,
  now: at(now),
});

const booked = (number: number, slotStart: string, arrived: string): Waiting => ({
  number,
  kind: "booked",
  slotStart,
  checkedInAt: at(arrived),
});
const walkIn = (number: number, arrived: string): Waiting => ({
  number,
  kind: "walk_in",
  slotStart: null,
  checkedInAt: at(arrived),
});
const numbers = (order: readonly Waiting[]) => order.map((t) => t.number);

describe("the calling order", () => {
  it("keeps an early booked citizen waiting for the slot, behind walk-ins who came first", () => {
    const waiting = [walkIn(1, "08:40"), walkIn(2, "08:45"), booked(3, "10:00", "08:50")];
    expect(chooseNext(waiting, 0, rule("09:00"))?.number).toBe(1);
    // At ten the booking's time has come: it goes before the second walk-in.
    expect(chooseNext(waiting.slice(1), 0, rule("10:00"))?.number).toBe(3);
  });

  it("calls booked citizens whose time has come by slot time, then number", () => {
    const waiting = [
      booked(1, "09:30", "09:00"),
      booked(2, "08:30", "08:20"),
      booked(3, "08:30", "08:10"),
    ];
    expect(numbers(callingOrder(waiting, 0, rule("10:00"), 0))).toEqual([2, 3, 1]);
  });

  it("lets a late arrival count from arrival, not from the missed slot", () => {
    const late = booked(1, "08:30", "09:40");
    const onTime = booked(2, "09:30", "09:20");
    expect(numbers(callingOrder([late, onTime], 0, rule("09:45"), 0))).toEqual([2, 1]);
  });

  it("interleaves a walk-in after every two booked citizens (walkInEvery 3)", () => {
    const waiting = [
      booked(1, "08:30", "08:00"),
      booked(2, "08:30", "08:01"),
      booked(3, "09:00", "08:02"),
      booked(4, "09:00", "08:03"),
      walkIn(5, "08:04"),
      walkIn(6, "08:05"),
    ];
    expect(numbers(callingOrder(waiting, 0, rule("09:00"), 0))).toEqual([1, 2, 5, 3, 4, 6]);
  });

  it("carries the streak over from earlier calls", () => {
    const waiting = [booked(1, "08:30", "08:00"), walkIn(2, "08:10")];
    expect(chooseNext(waiting, 2, rule("09:00"))?.number).toBe(2);
    expect(chooseNext(waiting, 1, rule("09:00"))?.number).toBe(1);
  });

  it("calls an early arrival rather than idle when nobody else waits, and nobody when nobody waits", () => {
    expect(chooseNext([booked(1, "11:00", "08:00")], 0, rule("08:30"))?.number).toBe(1);
    expect(chooseNext([], 0, rule("08:30"))).toBeUndefined();
  });

  it("projects the order on a clock that moves by the service time, first entry = next call", () => {
    const waiting = [
      walkIn(1, "08:00"),
      walkIn(2, "08:01"),
      walkIn(3, "08:02"),
      booked(4, "08:30", "07:50"),
    ];
    const order = numbers(callingOrder(waiting, 0, rule("08:00"), 15));
    // 08:00 walk-in 1, 08:15 walk-in 2, 08:30 the booking is due, then walk-in 3.
    expect(order).toEqual([1, 2, 4, 3]);
    expect(chooseNext(waiting, 0, rule("08:00"))?.number).toBe(order[0]);
  });
});

describe("waiting time", () => {
  it("follows today's service times, with a default before the first is done", () => {
    expect(estimateWaitMinutes(3, [])).toBe(45);
    expect(estimateWaitMinutes(2, [10, 20])).toBe(30);
    expect(estimateWaitMinutes(0, [10])).toBe(0);
  });
});
