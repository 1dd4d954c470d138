import { DurableObject } from "cloudflare:workers";
import type {
  QueueState,
  ServerMessage,
  SessionSummary,
  StaffQueueState,
  StaffTicket,
} from "../../schema/realtime/reception-queue.ts";
import type {
  Arrival,
  Booking,
  BookingInput,
  BookResult,
  CancelResult,
  HoldResult,
  SessionConfig,
  SlotAvailability,
  TicketDetail,
  TicketResult,
} from "../../schema/realtime/reception-session.ts";
import { slotInstant } from "../domain/reception/session.ts";
import type { Env } from "../env.ts";
import { saveBookingCopies } from "../storage/reception.ts";
import { openTenantScope } from "../storage/tenant-scope.ts";
import { MonitorClient } from "./monitor-client.ts";
import { BookingLedger } from "./session-bookings.ts";
import { SessionQueue } from "./session-queue.ts";
import {
  computeState,
  deskView,
  publicView,
  staffWire,
  summarize,
  wireView,
} from "./session-state.ts";
import { TicketBook } from "./session-tickets.ts";
import { closeQuietly } from "./sockets.ts";

/** The county monitor hears from a session at most this often. */
const MONITOR_INTERVAL_MS = 500;
/** How long a change's broadcast waits for a second change to ride along. */
const BROADCAST_WINDOW_MS = 8;
const NOT_CONFIGURED = { ok: false, reason: "NOT_CONFIGURED" } as const;
/**
 * The sockets go without permessage-deflate, which every browser offers and the runtime
 * otherwise accepts: the messages are a few hundred bytes (the public's short form, the
 * staff's without the day's finished visits), deflate saves little on them, and compressing
 * each for every socket cost about half of what an operation with 100 watchers took (S4).
 * The runtime agrees only to an extension it can parse from this header, so naming none it
 * knows leaves the 101 answer without the header: a plain socket, as RFC 6455 allows.
 */
const UNCOMPRESSED = { "Sec-WebSocket-Extensions": "lianxin-none" };

/** Who a socket is: staff of the whole session, staff of some desks only, or the public. */
type Audience = "staff" | "public" | `desks:${string}`;

/**
 * One reception session: the single writer of its bookings (session-bookings.ts) and its
 * live queue (session-queue.ts), kept in the object's SQLite. The tickets are read once per
 * wake and written through (session-tickets.ts); after every change the state is computed
 * once (session-state.ts) and each audience's message serialised once for all its sockets.
 * Clients watch over hibernating WebSockets and get the whole state every time, so a
 * reconnect needs nothing more; the public gets it in short form (WireQueue), staff without
 * the day's earlier finished visits, which they read over HTTP (doneTickets).
 */
export class ReceptionSession extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private readonly tickets: TicketBook;
  private readonly bookings: BookingLedger;
  private readonly queue: SessionQueue;
  /** The stored config, parsed once: this object is its only writer. */
  private configCache: SessionConfig | undefined;
  /** The state after the latest change, for the monitor's next report. */
  private latest: StaffQueueState | undefined;
  private monitorDue = false;
  /** A broadcast waiting for the next change to ride along, if it comes at once. */
  private pendingBroadcast: ReturnType<typeof setTimeout> | undefined;
  private monitorSending = false;
  /** The alarm as last set or read, so a change costs no storage call when it stands. */
  private alarmAt: number | null | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(
      "CREATE TABLE IF NOT EXISTS config (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL)",
    );
    this.tickets = new TicketBook(this.sql);
    this.bookings = new BookingLedger(
      this.sql,
      (code) => this.tickets.numberOfBooking(code),
      () => this.ctx.waitUntil(this.syncBookings()),
    );
    this.queue = new SessionQueue(this.tickets, this.bookings);
    const row = this.sql
      .exec<{ json: string }>("SELECT json FROM config WHERE id = 1")
      .toArray()[0];
    this.configCache = row ? (JSON.parse(row.json) as SessionConfig) : undefined;
  }

  // ── configuration ────────────────────────────────────────────────────────────────

  configure(config: SessionConfig) {
    this.sql.exec(
      "INSERT INTO config (id, json) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json",
      JSON.stringify(config),
    );
    this.configCache = config;
    this.queue.regroup(config);
    this.changed();
    return { ok: true as const };
  }

  private config(): SessionConfig | undefined {
    return this.configCache;
  }

  // ── booking ──────────────────────────────────────────────────────────────────────

  hold(slot: string): HoldResult {
    const config = this.config();
    return config ? this.bookings.hold(config, slot) : NOT_CONFIGURED;
  }

  book(input: BookingInput): BookResult {
    const config = this.config();
    return config ? this.bookings.book(config, input) : NOT_CONFIGURED;
  }

  booking(code: string): Booking | undefined {
    const config = this.config();
    return config ? this.bookings.find(config, code) : undefined;
  }

  cancelBooking(code: string, phoneHash: string): CancelResult {
    const config = this.config();
    if (!config) return { ok: false, reason: "NOT_FOUND" };
    return this.bookings.cancel(config, code, phoneHash);
  }

  /** Moves a booking to another slot of the same session, atomically. */
  reschedule(code: string, phoneHash: string, slot: string): BookResult {
    const config = this.config();
    return config ? this.bookings.reschedule(config, code, phoneHash, slot) : NOT_CONFIGURED;
  }

  /** Who is booked, for telling them of a change to the session. */
  activeBookings(): Booking[] {
    const config = this.config();
    return config ? this.bookings.active(config) : [];
  }

  slotAvailability(): SlotAvailability[] {
    const config = this.config();
    return config ? this.bookings.availability(config) : [];
  }

  // ── the queue on the day ─────────────────────────────────────────────────────────

  checkIn(arrival: Arrival, desk?: number): TicketResult {
    return this.afterChange(this.queue.checkIn(this.config(), arrival, desk));
  }

  callNext(desk?: number): TicketResult {
    return this.afterChange(this.queue.callNext(this.config(), desk));
  }

  recall(number: number): TicketResult {
    return this.afterChange(this.queue.recall(this.config(), number));
  }

  setStatus(number: number, to: "no_show" | "parked" | "waiting"): TicketResult {
    return this.afterChange(this.queue.setStatus(number, to));
  }

  /** Sends a ticket to another desk of this session. */
  route(number: number, desk: number): TicketResult {
    return this.afterChange(this.queue.route(this.config(), number, desk));
  }

  complete(number: number, petitionId: string | null): TicketResult {
    return this.afterChange(this.queue.complete(number, petitionId));
  }

  /** Hands a ticket to another session: this side marks it transferred. */
  transferOut(number: number): TicketResult & { partySealed?: string | null } {
    return this.afterChange(this.queue.transferOut(number));
  }

  /** What the Worker needs to register the visit as a petition. */
  ticketDetail(number: number): TicketDetail | undefined {
    return this.queue.detail(this.config(), number);
  }

  private afterChange<T extends { ok: boolean }>(result: T): T {
    if (result.ok) this.changed();
    return result;
  }

  // ── state and watching ───────────────────────────────────────────────────────────

  /** The whole state, finished visits and all: for this object and its summaries. */
  private fullState(): StaffQueueState {
    return computeState(this.tickets, this.config(), Date.now());
  }

  /**
   * What a staff screen reads over HTTP when its socket is down: the socket's message for
   * staff of the whole session ("all") or of some desks.
   */
  staffState(desks: "all" | number[] = "all"): StaffQueueState {
    const state = this.fullState();
    return staffWire(desks === "all" ? state : deskView(state, desks));
  }

  /** The day's finished visits in full, of the given desks only when not "all". */
  doneTickets(desks: "all" | number[] = "all"): StaffTicket[] {
    const done: StaffTicket[] = [];
    for (const number of this.tickets.done) {
      const view = this.tickets.view(number);
      if (view && (desks === "all" || desks.includes(view.desk))) done.push(view);
    }
    return done;
  }

  /** What a public board and a citizen's phone see: numbers, never names. */
  publicState(): QueueState {
    return publicView(this.fullState());
  }

  summary(): SessionSummary {
    return summarize(this.fullState());
  }

  /** WebSocket upgrade, already authenticated by the Worker, which says who is watching. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return new Response("expected a WebSocket upgrade", { status: 426 });
    }
    const audience = audienceOf(request.headers.get("x-lianxin-audience"));
    const pair = new WebSocketPair();
    const [client, server] = Object.values(pair) as [WebSocket, WebSocket];
    // Desk staff carry a second tag, so a change finds them without reading every socket's.
    this.ctx.acceptWebSocket(
      server,
      audience.startsWith("desks:") ? [audience, "desks"] : [audience],
    );
    server.send(JSON.stringify(message(this.fullState(), audience)));
    return new Response(null, { status: 101, webSocket: client, headers: UNCOMPRESSED });
  }

  override async webSocketMessage(ws: WebSocket, text: string | ArrayBuffer) {
    // Clients only ask for the state again (after waking a phone, say).
    if (text === "state") {
      const [tag] = this.ctx.getTags(ws);
      ws.send(JSON.stringify(message(this.fullState(), audienceOf(tag ?? null))));
    }
  }

  override async webSocketClose(ws: WebSocket) {
    closeQuietly(ws);
  }

  /**
   * After every change. The broadcast waits a few milliseconds for the next change, so two
   * operations in a burst (clerks at several desks, a check-in beside a call) send each
   * watcher one message with the newer state: framing and sending a message to every
   * socket is most of what an operation costs. A second change sends at
   * once, so no screen is ever more than one operation behind, and a lone change goes out
   * within the window, far below what anyone watching a board can notice.
   */
  private changed() {
    if (this.pendingBroadcast !== undefined) {
      clearTimeout(this.pendingBroadcast);
      this.pendingBroadcast = undefined;
      this.broadcast();
      return;
    }
    this.pendingBroadcast = setTimeout(() => {
      this.pendingBroadcast = undefined;
      this.broadcast();
    }, BROADCAST_WINDOW_MS);
  }

  /**
   * The state is computed once, each audience's message serialised once and sent to all of
   * its sockets; the county monitor gets a coalesced summary.
   */
  private broadcast() {
    const state = computeState(this.tickets, this.config(), Date.now());
    this.latest = state;
    send(this.ctx.getWebSockets("public"), () => message(state, "public"));
    send(this.ctx.getWebSockets("staff"), () => message(state, "staff"));
    const deskSockets = this.ctx.getWebSockets("desks");
    if (deskSockets.length > 0) {
      const byAudience = new Map<Audience, WebSocket[]>();
      for (const ws of deskSockets) {
        const audience = audienceOf(this.ctx.getTags(ws)[0] ?? null);
        byAudience.set(audience, [...(byAudience.get(audience) ?? []), ws]);
      }
      for (const [audience, sockets] of byAudience) send(sockets, () => message(state, audience));
    }
    const config = this.config();
    if (!config) return;
    this.wakeWhenDue(config.date, state);
    if (this.env.TENANT_MONITOR) {
      this.monitorDue = true;
      if (!this.monitorSending) {
        this.monitorSending = true;
        this.ctx.waitUntil(this.reportToMonitor(config.tenant, config.date));
      }
    }
  }

  /**
   * The county monitor gets the newest summary at once, then at most one per interval:
   * changes in between are folded into the next report (the summary is made only when it
   * is sent), so a busy desk costs the county's single monitor object a write every half
   * second rather than one per operation.
   */
  private async reportToMonitor(tenant: string, date: string) {
    try {
      const monitor = new MonitorClient(this.env, tenant);
      while (this.monitorDue && this.latest) {
        this.monitorDue = false;
        await monitor.report(date, summarize(this.latest));
        await new Promise((resolve) => setTimeout(resolve, MONITOR_INTERVAL_MS));
      }
    } catch (error) {
      console.error("reception: the county monitor missed a summary", error);
    } finally {
      this.monitorSending = false;
    }
  }

  // ── the D1 copy of bookings ──────────────────────────────────────────────────────

  /** Copies changed bookings to D1; an alarm tries again until the copy is complete. */
  async syncBookings() {
    const config = this.config();
    if (!config) return;
    const copies = this.bookings.unsynced();
    if (copies.length === 0) return;
    try {
      const scope = openTenantScope(this.env, { code: config.tenant, shard: config.shard });
      await saveBookingCopies(
        scope,
        { id: config.sessionId, date: config.date },
        copies.map(({ stamp: _stamp, ...copy }) => copy),
      );
      this.bookings.synced(copies);
    } catch (error) {
      console.error(`reception ${config.sessionId}: booking copy failed, retrying`, error);
      await this.alarmBy(Date.now() + 30_000);
    }
  }

  /**
   * The calling order changes when an early arrival's slot time comes, with nobody touching
   * the desk: an alarm then sends every screen the new order, so what they show is what
   * "call next" does.
   */
  private wakeWhenDue(date: string, state: StaffQueueState) {
    const now = Date.now();
    let due = Number.POSITIVE_INFINITY;
    for (const t of state.waiting) {
      if (t.kind !== "booked" || !t.slotStart) continue;
      const at = slotInstant(date, t.slotStart).getTime();
      if (at > now && at < due) due = at;
    }
    // Only a storage call when the alarm standing would not wake us in time.
    if (
      due !== Number.POSITIVE_INFINITY &&
      !(this.alarmAt && this.alarmAt > now && this.alarmAt <= due)
    ) {
      this.ctx.waitUntil(this.alarmBy(due));
    }
  }

  /** One alarm serves both the copy's retries and the order's wake-ups: the earlier wins. */
  private async alarmBy(at: number) {
    if (this.alarmAt === undefined) this.alarmAt = await this.ctx.storage.getAlarm();
    if (this.alarmAt === null || this.alarmAt <= Date.now() || this.alarmAt > at) {
      this.alarmAt = at;
      await this.ctx.storage.setAlarm(at);
    }
  }

  override async alarm() {
    this.alarmAt = null;
    await this.syncBookings();
    // Re-sending the state costs little and sets the next wake-up.
    this.changed();
  }
}

function audienceOf(tag: string | null): Audience {
  if (tag === "staff") return "staff";
  if (tag && /^desks:\d+(,\d+)*$/.test(tag)) return tag as Audience;
  return "public";
}

function message(state: StaffQueueState, audience: Audience): ServerMessage {
  if (audience === "public") return { type: "queue", q: wireView(state) };
  if (audience === "staff") return { type: "staffState", state: staffWire(state) };
  const desks = audience.slice("desks:".length).split(",").map(Number);
  return { type: "staffState", state: staffWire(deskView(state, desks)) };
}

/** One serialisation for all the sockets of an audience; none when nobody listens. */
function send(sockets: WebSocket[], make: () => ServerMessage) {
  if (sockets.length === 0) return;
  const text = JSON.stringify(make());
  for (const ws of sockets) {
    try {
      ws.send(text);
    } catch {
      // A socket closing as we send; it will be gone next time.
    }
  }
}
