import { describe, expect, it } from "vitest";
import type { StaffQueueState, StaffTicket } from "../../schema/realtime/reception-queue.ts";
import { expandQueue } from "../../web/src/shared/public-queue.ts";
import {
  deskView,
  publicView,
  staffWire,
  summarize,
  wireView,
} from "../../workers/reception/session-state.ts";

const ticket = (number: number, desk: number, extra: Partial<StaffTicket> = {}): StaffTicket => ({
  number,
  desk,
  kind: "booked",
  status: "waiting",
  slotStart: "09:30",
  calls: 0,
  label: `张*${number}`,
  bookingCode: `CODE${number}`,
  topic: `诉求${number}`,
  headcount: 1,
  checkedInAt: "2026-12-01T01:00:00.000Z",
  calledAt: null,
  completedAt: null,
  petitionId: null,
  ...extra,
});

const desk = (number: number, nowServing: StaffTicket | null, waiting: number) => ({
  number,
  unitId: `unit-${number}`,
  unitName: `单位${number}`,
  leaderId: `leader-${number}`,
  leaderName: `领导${number}`,
  leaderPosition: "",
  nowServing,
  waiting,
});

const serving1 = ticket(1, 1, { status: "called", calls: 1, calledAt: "2026-12-01T01:10:00.000Z" });
const serving2 = ticket(2, 2, { status: "called", calls: 2, calledAt: "2026-12-01T01:20:00.000Z" });
const state: StaffQueueState = {
  sessionId: "s",
  status: "published",
  nowServing: serving2,
  waiting: [ticket(3, 1, { etaMinutes: 0 }), ticket(4, 2, { etaMinutes: 0 })],
  parked: [ticket(5, 2, { status: "parked" })],
  served: 1,
  noShows: 0,
  averageServiceMinutes: 12,
  longestWaitMinutes: 30,
  updatedAt: "2026-12-01T02:00:00.000Z",
  desks: [desk(1, serving1, 1), desk(2, serving2, 1)],
  done: [
    ticket(6, 1, {
      status: "completed",
      petitionId: "case-of-desk-1",
      calledAt: "2026-12-01T01:05:00.000Z",
    }),
  ],
  doneCount: 1,
};

describe("the views of a session's state", () => {
  it("give the public numbers, desks, calls and waits only", () => {
    const seen = publicView(state);
    expect(seen.waiting).toEqual([
      { number: 3, desk: 1, calls: 0, etaMinutes: 0 },
      { number: 4, desk: 2, calls: 0, etaMinutes: 0 },
    ]);
    expect(seen.desks).toEqual([
      { number: 1, nowServing: { number: 1, desk: 1, calls: 1 }, waiting: 1 },
      { number: 2, nowServing: { number: 2, desk: 2, calls: 2 }, waiting: 1 },
    ]);
    const text = JSON.stringify(seen);
    for (const hidden of ["张*", "CODE", "诉求", "09:30", "booked", "case-of-desk-1", "领导"]) {
      expect(text).not.toContain(hidden);
    }
  });

  it("send the public the same view in short form, which boards and phones expand", () => {
    const wire = wireView(state);
    expect(expandQueue(wire, "s")).toEqual(publicView(state));
    // Nothing waits, nobody is served, none parked, no visit done: the optional parts go.
    const quiet = { ...state, nowServing: null, parked: [], averageServiceMinutes: null };
    const { desks: _desks, ...plain } = quiet;
    expect(expandQueue(wireView(plain), "s")).toEqual(publicView(plain));
    expect(wireView(plain)).toEqual({ s: "published", w: wire.w, d: 1, x: 0 });
    const text = JSON.stringify(wire);
    for (const hidden of ["张*", "CODE", "诉求", "09:30", "booked", "case-of-desk-1", "领导"]) {
      expect(text).not.toContain(hidden);
    }
    // Well under half the named form: what every board and phone gets after every change.
    expect(text.length).toBeLessThan(JSON.stringify(publicView(state)).length / 2);
  });

  it("give a desk's staff names at their own desks only, and none of others' finished visits", () => {
    const seen = deskView(state, [2]);
    expect(seen.waiting.map((t) => [t.number, t.label, t.topic])).toEqual([
      [3, "", null],
      [4, "张*4", "诉求4"],
    ]);
    expect(seen.desks?.[0]?.nowServing?.label).toBe("");
    expect(seen.desks?.[1]?.nowServing?.label).toBe("张*2");
    expect(seen.parked[0]?.label).toBe("张*5");
    expect(seen.done).toEqual([]);
    expect(seen.doneCount).toBe(0);
    expect(JSON.stringify(seen)).not.toContain("case-of-desk-1");
  });

  it("send staff only the latest finished visits however long the day's list grows", () => {
    const done = Array.from({ length: 200 }, (_, i) =>
      ticket(100 + i, 1 + (i % 2), {
        status: "completed",
        completedAt: "2026-12-01T03:00:00.000Z",
      }),
    );
    const long = { ...state, done, doneCount: done.length };
    const sent = staffWire(long);
    expect(sent.done.map((t) => t.number)).toEqual([295, 296, 297, 298, 299]);
    expect(sent.doneCount).toBe(200);
    expect(JSON.stringify(sent).length).toBeLessThan(
      JSON.stringify(staffWire(state)).length + 2_000,
    );
    // A desk's staff: their own desk's latest, counted among their own.
    const mine = staffWire(deskView(long, [2]));
    expect(mine.done.map((t) => t.number)).toEqual([291, 293, 295, 297, 299]);
    expect(mine.doneCount).toBe(100);
    // A short list goes as it is.
    expect(staffWire(state)).toBe(state);
  });

  it("sum every desk's serving into the monitor's average wait", () => {
    // Waits: 5 (done), 10 (desk 1 now), 20 (desk 2 now) minutes from check-in to call.
    expect(summarize(state).averageWaitMinutes).toBe(12);
  });
});
