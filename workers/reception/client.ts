import type {
  QueueState,
  StaffQueueState,
  StaffTicket,
} from "../../schema/realtime/reception-queue.ts";
import type {
  Arrival,
  Booking,
  BookingInput,
  BookResult,
  CancelResult,
  DeskConfig,
  HoldResult,
  SessionConfig,
  SlotAvailability,
  TicketDetail,
  TicketResult,
} from "../../schema/realtime/reception-session.ts";
import type { ReceptionSessionRow } from "../../schema/tenant/tables.ts";
import { resolveReceptionPolicy } from "../domain/reception/booking-policy.ts";
import { slotStarts } from "../domain/reception/session.ts";
import type { Env } from "../env.ts";
import { loadReceptionPolicyRow } from "../storage/reception.ts";
import { listSessionDesks } from "../storage/reception-desks.ts";
import type { TenantScope } from "../storage/tenant-scope.ts";
import { listUnits } from "../storage/units.ts";
import type { ReceptionSession } from "./session-object.ts";

type SessionStub = DurableObjectStub<ReceptionSession>;

/**
 * The one way the Worker talks to a reception session's Durable Object. It names the
 * object, sets it up on demand (an object never configured, or whose storage was reset,
 * answers NOT_CONFIGURED and is configured once, then asked again), and gives the answers
 * their types from schema/realtime.
 */
export class ReceptionClient {
  readonly #stub: SessionStub;

  constructor(
    env: Env,
    tenant: string,
    sessionId: string,
    /** How to set the object up when it says it was never configured. */
    private readonly config: () => Promise<SessionConfig>,
  ) {
    this.#stub = env.RECEPTION_SESSION.get(
      env.RECEPTION_SESSION.idFromName(receptionObjectName(tenant, sessionId)),
    );
  }

  /** Sends the object its schedule and the county's rules; done again on every change. */
  async configure(): Promise<void> {
    await this.#stub.configure(await this.config());
  }

  hold(slot: string) {
    return this.#configured<HoldResult>(() => this.#stub.hold(slot));
  }

  book(input: BookingInput) {
    return this.#configured<BookResult>(() => this.#stub.book(input));
  }

  /**
   * Books without setting the object up: a NOT_CONFIGURED answer is returned as it is. For
   * the phone's gate, which books inside its own single-writer step and cannot read the
   * county's rules; the Worker configures the session and asks the gate again.
   */
  async bookAsConfigured(input: BookingInput): Promise<BookResult> {
    return answer<BookResult>(await this.#stub.book(input));
  }

  async booking(code: string): Promise<Booking | undefined> {
    return answer<Booking | undefined>(await this.#stub.booking(code));
  }

  async cancelBooking(code: string, phoneHash: string): Promise<CancelResult> {
    return answer<CancelResult>(await this.#stub.cancelBooking(code, phoneHash));
  }

  reschedule(code: string, phoneHash: string, slot: string) {
    return this.#configured<BookResult>(() => this.#stub.reschedule(code, phoneHash, slot));
  }

  async activeBookings(): Promise<Booking[]> {
    return answer<Booking[]>(await this.#stub.activeBookings());
  }

  /** The slots and their free places; configures a published session seen for the first time. */
  async slotAvailability(published: boolean): Promise<SlotAvailability[]> {
    const slots = answer<SlotAvailability[]>(await this.#stub.slotAvailability());
    if (slots.length > 0 || !published) return slots;
    await this.configure();
    return answer<SlotAvailability[]>(await this.#stub.slotAvailability());
  }

  /** Checks a citizen in at a desk (desk 1, the session's own, unless routed on arrival). */
  checkIn(arrival: Arrival, desk?: number) {
    return this.#configured<TicketResult>(() => this.#stub.checkIn(arrival, desk));
  }

  callNext(desk?: number) {
    return this.#configured<TicketResult>(() => this.#stub.callNext(desk));
  }

  /** Sends a ticket to another desk of the session. */
  route(number: number, desk: number) {
    return this.#configured<TicketResult>(() => this.#stub.route(number, desk));
  }

  recall(number: number) {
    return this.#configured<TicketResult>(() => this.#stub.recall(number));
  }

  setStatus(number: number, to: "no_show" | "parked" | "waiting") {
    return this.#configured<TicketResult>(() => this.#stub.setStatus(number, to));
  }

  complete(number: number, petitionId: string | null) {
    return this.#configured<TicketResult>(() => this.#stub.complete(number, petitionId));
  }

  transferOut(number: number) {
    return this.#configured<TicketResult>(() => this.#stub.transferOut(number));
  }

  async ticketDetail(number: number): Promise<TicketDetail | undefined> {
    return answer<TicketDetail | undefined>(await this.#stub.ticketDetail(number));
  }

  async publicState(): Promise<QueueState> {
    return answer<QueueState>(await this.#stub.publicState());
  }

  /** The state as a staff socket gets it, for all desks or some (names only at theirs). */
  async staffState(desks: "all" | number[]): Promise<StaffQueueState> {
    return answer<StaffQueueState>(await this.#stub.staffState(desks));
  }

  /** The day's finished visits in full, of all desks or of some. */
  async doneTickets(desks: "all" | number[]): Promise<StaffTicket[]> {
    return answer<StaffTicket[]>(await this.#stub.doneTickets(desks));
  }

  /** Hands a WebSocket upgrade to the object, which keeps the connection. */
  watch(request: Request): Promise<Response> {
    return this.#stub.fetch(request);
  }

  async #configured<T extends { ok: boolean; reason?: string }>(
    call: () => Promise<unknown>,
  ): Promise<T> {
    const first = answer<T>(await call());
    if (first.ok || first.reason !== "NOT_CONFIGURED") return first;
    await this.configure();
    return answer<T>(await call());
  }
}

/** The client of one session, set up from its row and the county's reception rules. */
export function sessionClient(
  env: Env,
  scope: TenantScope,
  row: ReceptionSessionRow,
  shard: string,
): ReceptionClient {
  return new ReceptionClient(env, scope.tenant, row.id, () => sessionConfig(scope, row, shard));
}

/** The client a phone's gate books through: it never configures (see `bookAsConfigured`). */
export function gateSessionClient(env: Env, tenant: string, sessionId: string): ReceptionClient {
  return new ReceptionClient(env, tenant, sessionId, () =>
    Promise.reject(new Error("a phone's gate cannot configure a session")),
  );
}

async function sessionConfig(
  scope: TenantScope,
  row: ReceptionSessionRow,
  shard: string,
): Promise<SessionConfig> {
  const [policyRow, desks] = await Promise.all([
    loadReceptionPolicyRow(scope),
    listSessionDesks(scope, row.id),
  ]);
  const policy = resolveReceptionPolicy(policyRow);
  return {
    tenant: scope.tenant,
    shard,
    sessionId: row.id,
    date: row.date,
    slots: slotStarts({
      date: row.date,
      start: row.startTime,
      end: row.endTime,
      slotMinutes: row.slotMinutes,
      capacityPerSlot: row.capacityPerSlot,
    }),
    capacityPerSlot: row.capacityPerSlot,
    status: row.status,
    walkInEvery: policy.walkInEvery,
    maxCalls: policy.maxCalls,
    desks: await deskConfigs(scope, row, desks),
  };
}

/** Desk 1 is the session's own leader and unit; a joint reception's others as stored. */
async function deskConfigs(
  scope: TenantScope,
  row: ReceptionSessionRow,
  stored: {
    number: number;
    unitId: string;
    leaderId: string;
    leaderName: string;
    leaderPosition: string;
  }[],
): Promise<DeskConfig[]> {
  const own = {
    number: 1,
    unitId: row.unitId,
    leaderId: row.leaderId,
    leaderName: row.leaderName,
    leaderPosition: row.leaderPosition,
  };
  const desks = stored.length > 0 ? stored : [own];
  const units = await listUnits(scope);
  const nameOf = (id: string) => units.find((u) => u.id === id)?.name ?? "";
  return desks.map((d) => ({
    number: d.number,
    unitId: d.unitId,
    unitName: nameOf(d.unitId),
    leaderId: d.leaderId,
    leaderName: d.leaderName,
    leaderPosition: d.leaderPosition,
  }));
}

/** One object per county and session. */
export function receptionObjectName(tenant: string, sessionId: string): string {
  return `${tenant}:${sessionId}`;
}

/**
 * RPC results arrive wrapped for disposal (Rpc.Result); the data is exactly what the
 * object's method returned, whose type schema/realtime declares.
 */
function answer<T>(result: unknown): T {
  return result as T;
}
