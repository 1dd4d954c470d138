import type { StaffTicket, TicketStatus } from "../../schema/realtime/reception-queue.ts";
import type {
  Arrival,
  SessionConfig,
  TicketDetail,
  TicketResult,
} from "../../schema/realtime/reception-session.ts";
import { maskName } from "../domain/petitioner/mask.ts";
import { chooseNext, type Waiting } from "./queue-rules.ts";
import type { BookingLedger } from "./session-bookings.ts";
import { desksOf, streakName } from "./session-state.ts";
import { isDone, type TicketBook } from "./session-tickets.ts";

const NOT_CONFIGURED = { ok: false, reason: "NOT_CONFIGURED", message: "接访日尚未设置" } as const;
const NO_TICKET = { ok: false, reason: "NOT_FOUND", message: "号码不存在" } as const;
const NO_DESK = { ok: false, reason: "NOT_FOUND", message: "该窗口不存在" } as const;

/**
 * The day's queue: check-in, calling, routing between desks and finishing, on the tickets
 * in memory (written through to SQLite). Each desk calls its own waiting by the documented
 * order (queue-rules.ts) with its own count of booked citizens called in a row. All
 * synchronous: two clerks pressing at once call two different citizens.
 */
export class SessionQueue {
  constructor(
    private readonly tickets: TicketBook,
    private readonly bookings: BookingLedger,
  ) {}

  checkIn(config: SessionConfig | undefined, arrival: Arrival, desk = 1): TicketResult {
    if (!config) return NOT_CONFIGURED;
    if (config.status === "cancelled")
      return { ok: false, reason: "CLOSED", message: "该接访日已取消" };
    if (!hasDesk(config, desk)) return NO_DESK;
    const now = Date.now();
    if ("bookingCode" in arrival) {
      const booking = this.bookings.find(config, arrival.bookingCode);
      if (!booking) return { ok: false, reason: "NOT_FOUND", message: "预约码不存在" };
      if (booking.status !== "active")
        return { ok: false, reason: "WRONG_STATE", message: "该预约已取消或已签到" };
      const ticket = this.tickets.add({
        kind: "booked",
        desk,
        bookingCode: booking.code,
        label: booking.label,
        partySealed: booking.partySealed,
        topic: booking.topic,
        headcount: booking.headcount,
        slot: booking.slotStart,
        status: "waiting",
        calls: 0,
        checkedInAt: now,
        calledAt: null,
        completedAt: null,
        petitionId: null,
      });
      this.bookings.mark(booking.code, "checked_in");
      return this.answer(ticket.number);
    }
    const ticket = this.tickets.add({
      kind: "walk_in",
      desk,
      bookingCode: null,
      label: maskName(arrival.walkIn.label),
      partySealed: arrival.walkIn.partySealed ?? null,
      topic: arrival.walkIn.topic ?? null,
      headcount: arrival.walkIn.headcount ?? 1,
      slot: null,
      status: "waiting",
      calls: 0,
      checkedInAt: now,
      calledAt: null,
      completedAt: null,
      petitionId: null,
    });
    return this.answer(ticket.number);
  }

  /**
   * Calls the desk's next citizen. The one it is serving (if any) is left as it is: the desk
   * completes or parks them.
   */
  callNext(config: SessionConfig | undefined, desk = 1): TicketResult {
    if (!config) return NOT_CONFIGURED;
    if (!hasDesk(config, desk)) return NO_DESK;
    const waiting: Waiting[] = [];
    for (const number of this.tickets.waiting) {
      const t = this.tickets.get(number);
      if (t?.desk === desk)
        waiting.push({ number, kind: t.kind, slotStart: t.slot, checkedInAt: t.checkedInAt });
    }
    const streak = this.tickets.counter(streakName(desk));
    const now = Date.now();
    const next = chooseNext(waiting, streak, {
      walkInEvery: config.walkInEvery,
      date: config.date,
      now,
    });
    if (!next) return { ok: false, reason: "NOT_FOUND", message: "没有等候的群众" };
    const calls = (this.tickets.get(next.number)?.calls ?? 0) + 1;
    this.tickets.update(next.number, { status: "called", calls, calledAt: now });
    this.tickets.setCounter(streakName(desk), next.kind === "walk_in" ? 0 : streak + 1);
    return this.answer(next.number);
  }

  /** Calls a called ticket again; after `maxCalls` unanswered calls it is a no-show. */
  recall(config: SessionConfig | undefined, number: number): TicketResult {
    const ticket = this.tickets.get(number);
    if (!config || !ticket) return NO_TICKET;
    if (ticket.status !== "called")
      return { ok: false, reason: "WRONG_STATE", message: "只能重呼已叫号的群众" };
    const calls = ticket.calls + 1;
    const status: TicketStatus = calls >= config.maxCalls ? "no_show" : "called";
    this.tickets.update(number, { calls, status, calledAt: Date.now() });
    if (status === "no_show") this.bookings.mark(ticket.bookingCode, "no_show");
    return this.answer(number);
  }

  setStatus(number: number, to: "no_show" | "parked" | "waiting"): TicketResult {
    const ticket = this.tickets.get(number);
    if (!ticket) return NO_TICKET;
    const allowed: Record<typeof to, TicketStatus[]> = {
      no_show: ["called", "waiting"],
      parked: ["called", "waiting"],
      waiting: ["parked"],
    };
    if (!allowed[to].includes(ticket.status)) {
      return { ok: false, reason: "WRONG_STATE", message: "当前状态下不能这样操作" };
    }
    this.tickets.update(number, { status: to });
    if (to === "no_show") this.bookings.mark(ticket.bookingCode, "no_show");
    return this.answer(number);
  }

  /**
   * Sends a ticket to another desk of the session (a joint reception's 分流). It keeps its
   * arrival time, so it takes its fair place in the new desk's order; one being served goes
   * back to waiting there.
   */
  route(config: SessionConfig | undefined, number: number, desk: number): TicketResult {
    const ticket = this.tickets.get(number);
    if (!config || !ticket) return NO_TICKET;
    if (!hasDesk(config, desk)) return NO_DESK;
    if (isDone(ticket.status))
      return { ok: false, reason: "WRONG_STATE", message: "该号码已办结，不能再分流" };
    if (ticket.desk === desk)
      return { ok: false, reason: "WRONG_STATE", message: "该号码已在这个窗口" };
    this.tickets.update(number, {
      desk,
      ...(ticket.status === "called" && { status: "waiting" as const }),
    });
    return this.answer(number);
  }

  complete(number: number, petitionId: string | null): TicketResult {
    const ticket = this.tickets.get(number);
    if (!ticket) return NO_TICKET;
    if (ticket.status !== "called")
      return { ok: false, reason: "WRONG_STATE", message: "只能办结正在接待的群众" };
    this.tickets.update(number, { status: "completed", completedAt: Date.now(), petitionId });
    this.bookings.mark(ticket.bookingCode, "completed");
    return this.answer(number);
  }

  /** Hands a ticket to another session: this side marks it transferred. */
  transferOut(number: number): TicketResult & { partySealed?: string | null } {
    const ticket = this.tickets.get(number);
    if (!ticket) return NO_TICKET;
    if (ticket.status === "completed" || ticket.status === "transferred") {
      return { ok: false, reason: "WRONG_STATE", message: "该号码已办结或已转接" };
    }
    this.tickets.update(number, { status: "transferred", completedAt: Date.now() });
    return { ...this.answer(number), partySealed: ticket.partySealed };
  }

  /** What the Worker needs to register the visit as a petition at the ticket's desk. */
  detail(config: SessionConfig | undefined, number: number): TicketDetail | undefined {
    const ticket = this.tickets.get(number);
    const view = this.tickets.view(number);
    if (!ticket || !view) return undefined;
    const desk = desksOf(config).find((d) => d.number === ticket.desk);
    return { ticket: view, partySealed: ticket.partySealed, desk };
  }

  /**
   * After the desks change: tickets waiting at a desk that is gone go back to desk 1,
   * keeping their place, so nobody is left at a desk nobody calls.
   */
  regroup(config: SessionConfig): boolean {
    let moved = false;
    for (const number of [...this.tickets.waiting, ...this.tickets.parked]) {
      const t = this.tickets.get(number);
      if (t && !hasDesk(config, t.desk)) {
        this.tickets.update(number, { desk: 1 });
        moved = true;
      }
    }
    return moved;
  }

  private answer(number: number): { ok: true; ticket: StaffTicket } {
    return { ok: true, ticket: this.tickets.view(number) as StaffTicket };
  }
}

function hasDesk(config: SessionConfig, desk: number): boolean {
  return desksOf(config).some((d) => d.number === desk);
}
