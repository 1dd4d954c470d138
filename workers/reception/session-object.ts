import { DurableObject } from "cloudflare:workers";
import type {
  PublicTicket,
  QueueState,
  ServerMessage,
  SessionSummary,
  StaffQueueState,
  StaffTicket,
  TicketKind,
  TicketStatus,
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
import { maskName } from "../domain/petitioner/mask.ts";
import { randomCode } from "../domain/petitioner/tracking-code.ts";
import type { Env } from "../env.ts";
import { saveBookingCopies } from "../storage/reception.ts";
import { openTenantScope } from "../storage/tenant-scope.ts";
import { callingOrder, chooseNext, estimateWaitMinutes, type Waiting } from "./queue-rules.ts";
import { closeQuietly } from "./sockets.ts";

const HOLD_MS = 5 * 60_000;
/** The county monitor hears from a session at most this often. */
const MONITOR_INTERVAL_MS = 500;
const BOOKING_CODE_LENGTH = 8;

/**
 * One reception session: the single writer of its bookings and its live queue, kept in
 * the object's SQLite storage. Every method checks and writes with synchronous SQL and no
 * `await` in between, so two citizens never get the same last place and two clerks never
 * call the same ticket. Clients watch over hibernating WebSockets and get the whole state
 * after every change, so a reconnect needs nothing more.
 */
export class ReceptionSession extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  /** The stored config, parsed once: this object is its only writer. */
  private configCache: SessionConfig | undefined;
  /** The newest summary not yet given to the county monitor, and whether one is on its way. */
  private monitorPending: { date: string; summary: SessionSummary } | undefined;
  private monitorSending = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    for (const ddl of [
      "CREATE TABLE IF NOT EXISTS config (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL)",
      "CREATE TABLE IF NOT EXISTS holds (id TEXT PRIMARY KEY, slot TEXT NOT NULL, expires_at INTEGER NOT NULL)",
      `CREATE TABLE IF NOT EXISTS bookings (code TEXT PRIMARY KEY, slot TEXT NOT NULL, phone_hash TEXT NOT NULL,
        party_sealed TEXT NOT NULL, label TEXT NOT NULL, topic TEXT NOT NULL, headcount INTEGER NOT NULL,
        status TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, synced INTEGER NOT NULL DEFAULT 0)`,
      `CREATE TABLE IF NOT EXISTS tickets (number INTEGER PRIMARY KEY, kind TEXT NOT NULL, booking_code TEXT,
        label TEXT NOT NULL, party_sealed TEXT, topic TEXT, headcount INTEGER NOT NULL, slot TEXT,
        status TEXT NOT NULL, calls INTEGER NOT NULL DEFAULT 0, checked_in_at INTEGER NOT NULL,
        called_at INTEGER, completed_at INTEGER, petition_id TEXT)`,
      "CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
      // The state after every change reads tickets by status: waiting, the latest called.
      "CREATE INDEX IF NOT EXISTS tickets_status ON tickets (status, number)",
    ]) {
      this.sql.exec(ddl);
    }
  }

  // ── configuration ────────────────────────────────────────────────────────────────

  configure(config: SessionConfig) {
    this.sql.exec(
      "INSERT INTO config (id, json) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json",
      JSON.stringify(config),
    );
    this.configCache = config;
    this.changed();
    return { ok: true as const };
  }

  private config(): SessionConfig | undefined {
    if (this.configCache) return this.configCache;
    const row = this.sql
      .exec<{ json: string }>("SELECT json FROM config WHERE id = 1")
      .toArray()[0];
    this.configCache = row ? (JSON.parse(row.json) as SessionConfig) : undefined;
    return this.configCache;
  }

  // ── booking ──────────────────────────────────────────────────────────────────────

  private taken(slot: string, now: number, exceptHold?: string) {
    const booked = this.sql
      .exec<{ n: number }>(
        "SELECT count(*) AS n FROM bookings WHERE slot = ? AND status <> 'cancelled'",
        slot,
      )
      .one().n;
    const held = this.sql
      .exec<{ n: number }>(
        "SELECT count(*) AS n FROM holds WHERE slot = ? AND expires_at > ? AND id <> ?",
        slot,
        now,
        exceptHold ?? "",
      )
      .one().n;
    return booked + held;
  }

  private nearestFree(config: SessionConfig, slot: string, now: number) {
    const index = config.slots.indexOf(slot);
    return config.slots
      .map((s, i) => ({ s, distance: Math.abs(i - index) }))
      .filter(({ s }) => s !== slot && this.taken(s, now) < config.capacityPerSlot)
      .sort((a, b) => a.distance - b.distance)
      .slice(0, 3)
      .map(({ s }) => s)
      .sort();
  }

  /** Holds a place for five minutes while the citizen fills in the form. */
  hold(slot: string): HoldResult {
    const config = this.config();
    if (!config) return { ok: false, reason: "NOT_CONFIGURED" };
    if (config.status !== "published") return { ok: false, reason: "CLOSED" };
    if (!config.slots.includes(slot)) return { ok: false, reason: "NO_SUCH_SLOT" };
    const now = Date.now();
    this.sql.exec("DELETE FROM holds WHERE expires_at <= ?", now);
    if (this.taken(slot, now) >= config.capacityPerSlot) {
      return { ok: false, reason: "SLOT_FULL", nearestFree: this.nearestFree(config, slot, now) };
    }
    const holdId = crypto.randomUUID();
    this.sql.exec(
      "INSERT INTO holds (id, slot, expires_at) VALUES (?, ?, ?)",
      holdId,
      slot,
      now + HOLD_MS,
    );
    return { ok: true, holdId, expiresAt: now + HOLD_MS };
  }

  book(input: BookingInput): BookResult {
    const config = this.config();
    if (!config) return { ok: false, reason: "NOT_CONFIGURED" };
    if (config.status !== "published") return { ok: false, reason: "CLOSED" };
    if (!config.slots.includes(input.slotStart)) return { ok: false, reason: "NO_SUCH_SLOT" };
    const now = Date.now();
    const active = this.sql
      .exec<{ n: number }>(
        "SELECT count(*) AS n FROM bookings WHERE phone_hash = ? AND status IN ('active', 'checked_in')",
        input.phoneHash,
      )
      .one().n;
    if (active > 0) return { ok: false, reason: "ALREADY_BOOKED" };
    if (this.taken(input.slotStart, now, input.holdId) >= config.capacityPerSlot) {
      return {
        ok: false,
        reason: "SLOT_FULL",
        nearestFree: this.nearestFree(config, input.slotStart, now),
      };
    }
    const code = this.newBookingCode();
    this.sql.exec(
      `INSERT INTO bookings (code, slot, phone_hash, party_sealed, label, topic, headcount, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)`,
      code,
      input.slotStart,
      input.phoneHash,
      input.partySealed,
      // Only the masked name is kept here: the full name lives sealed in party_sealed.
      maskName(input.label),
      input.topic,
      input.headcount,
      now,
      now,
    );
    if (input.holdId) this.sql.exec("DELETE FROM holds WHERE id = ?", input.holdId);
    this.bookingsChanged();
    return { ok: true, booking: this.booking(code) as Booking };
  }

  private newBookingCode() {
    for (;;) {
      const code = randomCode(BOOKING_CODE_LENGTH);
      const clash =
        this.sql.exec("SELECT 1 FROM bookings WHERE code = ?", code).toArray().length > 0;
      if (!clash) return code;
    }
  }

  booking(code: string): Booking | undefined {
    const config = this.config();
    const row = this.sql
      .exec<{
        code: string;
        slot: string;
        status: Booking["status"];
        topic: string;
        headcount: number;
        party_sealed: string;
        label: string;
        phone_hash: string;
      }>("SELECT * FROM bookings WHERE code = ?", code)
      .toArray()[0];
    if (!row || !config) return undefined;
    const ticket = this.sql
      .exec<{ number: number }>(
        "SELECT number FROM tickets WHERE booking_code = ? ORDER BY number DESC LIMIT 1",
        code,
      )
      .toArray()[0];
    return {
      ticketNumber: ticket?.number ?? null,
      code: row.code,
      sessionId: config.sessionId,
      slotStart: row.slot,
      status: row.status,
      topic: row.topic,
      headcount: row.headcount,
      partySealed: row.party_sealed,
      label: row.label,
      phoneHash: row.phone_hash,
    };
  }

  cancelBooking(code: string, phoneHash: string): CancelResult {
    const booking = this.booking(code);
    if (!booking || booking.phoneHash !== phoneHash)
      return { ok: false as const, reason: "NOT_FOUND" as const };
    if (booking.status !== "active") return { ok: false as const, reason: "WRONG_STATE" as const };
    this.sql.exec(
      "UPDATE bookings SET status = 'cancelled', updated_at = ?, synced = 0 WHERE code = ?",
      Date.now(),
      code,
    );
    this.bookingsChanged();
    return { ok: true as const, booking: this.booking(code) as Booking };
  }

  /** Moves a booking to another slot of the same session, atomically. */
  reschedule(code: string, phoneHash: string, slot: string): BookResult {
    const config = this.config();
    if (!config) return { ok: false, reason: "NOT_CONFIGURED" };
    const booking = this.booking(code);
    if (!booking || booking.phoneHash !== phoneHash || booking.status !== "active") {
      return { ok: false, reason: "NO_SUCH_SLOT" };
    }
    if (!config.slots.includes(slot)) return { ok: false, reason: "NO_SUCH_SLOT" };
    if (slot !== booking.slotStart && this.taken(slot, Date.now()) >= config.capacityPerSlot) {
      return {
        ok: false,
        reason: "SLOT_FULL",
        nearestFree: this.nearestFree(config, slot, Date.now()),
      };
    }
    this.sql.exec(
      "UPDATE bookings SET slot = ?, updated_at = ?, synced = 0 WHERE code = ?",
      slot,
      Date.now(),
      code,
    );
    this.bookingsChanged();
    return { ok: true, booking: this.booking(code) as Booking };
  }

  /** Who is booked, for telling them of a change to the session. */
  activeBookings(): Booking[] {
    const codes = this.sql
      .exec<{ code: string }>("SELECT code FROM bookings WHERE status = 'active'")
      .toArray();
    return codes.map((c) => this.booking(c.code)).filter((b): b is Booking => b !== undefined);
  }

  slotAvailability(): SlotAvailability[] {
    const config = this.config();
    if (!config) return [];
    const now = Date.now();
    return config.slots.map((slot) => ({
      slotStart: slot,
      capacity: config.capacityPerSlot,
      free: Math.max(0, config.capacityPerSlot - this.taken(slot, now)),
    }));
  }

  // ── the queue on the day ─────────────────────────────────────────────────────────

  checkIn(arrival: Arrival): TicketResult {
    const config = this.config();
    if (!config) return { ok: false, reason: "NOT_CONFIGURED", message: "接访日尚未设置" };
    if (config.status === "cancelled")
      return { ok: false, reason: "CLOSED", message: "该接访日已取消" };
    const now = Date.now();
    if ("bookingCode" in arrival) {
      const booking = this.booking(arrival.bookingCode);
      if (!booking) return { ok: false, reason: "NOT_FOUND", message: "预约码不存在" };
      if (booking.status !== "active")
        return { ok: false, reason: "WRONG_STATE", message: "该预约已取消或已签到" };
      // A number is drawn only once the arrival is known good, so a mistyped code leaves
      // no gap in the day's numbers.
      const number = this.nextNumber();
      this.sql.exec(
        `INSERT INTO tickets (number, kind, booking_code, label, party_sealed, topic, headcount, slot, status, checked_in_at)
         VALUES (?, 'booked', ?, ?, ?, ?, ?, ?, 'waiting', ?)`,
        number,
        booking.code,
        booking.label,
        booking.partySealed,
        booking.topic,
        booking.headcount,
        booking.slotStart,
        now,
      );
      this.sql.exec(
        "UPDATE bookings SET status = 'checked_in', updated_at = ?, synced = 0 WHERE code = ?",
        now,
        booking.code,
      );
      this.bookingsChanged();
      this.changed();
      return { ok: true, ticket: this.ticket(number) as StaffTicket };
    }
    const number = this.nextNumber();
    this.sql.exec(
      `INSERT INTO tickets (number, kind, label, party_sealed, topic, headcount, status, checked_in_at)
       VALUES (?, 'walk_in', ?, ?, ?, ?, 'waiting', ?)`,
      number,
      maskName(arrival.walkIn.label),
      arrival.walkIn.partySealed ?? null,
      arrival.walkIn.topic ?? null,
      arrival.walkIn.headcount ?? 1,
      now,
    );
    this.changed();
    return { ok: true, ticket: this.ticket(number) as StaffTicket };
  }

  private nextNumber() {
    const row = this.sql
      .exec<{ value: number }>(
        "INSERT INTO counters (name, value) VALUES ('ticket', 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value",
      )
      .one();
    return row.value;
  }

  /**
   * Calls the next citizen. The one being served (if any) is left as it is: a clerk
   * completes or parks them. Two clerks pressing at once call two different citizens.
   */
  callNext(): TicketResult {
    const config = this.config();
    if (!config) return { ok: false, reason: "NOT_CONFIGURED", message: "接访日尚未设置" };
    const waiting = this.sql
      .exec<{ number: number; kind: TicketKind; slot: string | null; checked_in_at: number }>(
        "SELECT number, kind, slot, checked_in_at FROM tickets WHERE status = 'waiting'",
      )
      .toArray()
      .map(
        (t): Waiting => ({
          number: t.number,
          kind: t.kind,
          slotStart: t.slot,
          checkedInAt: t.checked_in_at,
        }),
      );
    const next = chooseNext(waiting, this.counter("bookedSinceWalkIn"), config.walkInEvery);
    if (!next) return { ok: false, reason: "NOT_FOUND", message: "没有等候的群众" };
    this.sql.exec(
      "UPDATE tickets SET status = 'called', calls = calls + 1, called_at = ? WHERE number = ?",
      Date.now(),
      next.number,
    );
    this.setCounter(
      "bookedSinceWalkIn",
      next.kind === "walk_in" ? 0 : this.counter("bookedSinceWalkIn") + 1,
    );
    this.changed();
    return { ok: true, ticket: this.ticket(next.number) as StaffTicket };
  }

  /** Calls a called ticket again; after `maxCalls` unanswered calls it is a no-show. */
  recall(number: number): TicketResult {
    const config = this.config();
    const ticket = this.ticket(number);
    if (!config || !ticket) return { ok: false, reason: "NOT_FOUND", message: "号码不存在" };
    if (ticket.status !== "called")
      return { ok: false, reason: "WRONG_STATE", message: "只能重呼已叫号的群众" };
    const calls = ticket.calls + 1;
    const status: TicketStatus = calls >= config.maxCalls ? "no_show" : "called";
    this.sql.exec(
      "UPDATE tickets SET calls = ?, status = ?, called_at = ? WHERE number = ?",
      calls,
      status,
      Date.now(),
      number,
    );
    if (status === "no_show") this.markBooking(ticket.bookingCode, "no_show");
    this.changed();
    return { ok: true, ticket: this.ticket(number) as StaffTicket };
  }

  setStatus(number: number, to: "no_show" | "parked" | "waiting"): TicketResult {
    const ticket = this.ticket(number);
    if (!ticket) return { ok: false, reason: "NOT_FOUND", message: "号码不存在" };
    const allowed: Record<typeof to, TicketStatus[]> = {
      no_show: ["called", "waiting"],
      parked: ["called", "waiting"],
      waiting: ["parked"],
    };
    if (!allowed[to].includes(ticket.status)) {
      return { ok: false, reason: "WRONG_STATE", message: "当前状态下不能这样操作" };
    }
    this.sql.exec("UPDATE tickets SET status = ? WHERE number = ?", to, number);
    if (to === "no_show") this.markBooking(ticket.bookingCode, "no_show");
    this.changed();
    return { ok: true, ticket: this.ticket(number) as StaffTicket };
  }

  complete(number: number, petitionId: string | null): TicketResult {
    const ticket = this.ticket(number);
    if (!ticket) return { ok: false, reason: "NOT_FOUND", message: "号码不存在" };
    if (ticket.status !== "called")
      return { ok: false, reason: "WRONG_STATE", message: "只能办结正在接待的群众" };
    this.sql.exec(
      "UPDATE tickets SET status = 'completed', completed_at = ?, petition_id = ? WHERE number = ?",
      Date.now(),
      petitionId,
      number,
    );
    this.markBooking(ticket.bookingCode, "completed");
    this.changed();
    return { ok: true, ticket: this.ticket(number) as StaffTicket };
  }

  /** Hands a ticket to another session: this side marks it transferred. */
  transferOut(number: number): TicketResult & { partySealed?: string | null } {
    const ticket = this.ticket(number);
    if (!ticket) return { ok: false, reason: "NOT_FOUND", message: "号码不存在" };
    if (ticket.status === "completed" || ticket.status === "transferred") {
      return { ok: false, reason: "WRONG_STATE", message: "该号码已办结或已转接" };
    }
    const party = this.sql
      .exec<{ party_sealed: string | null }>(
        "SELECT party_sealed FROM tickets WHERE number = ?",
        number,
      )
      .one().party_sealed;
    this.sql.exec(
      "UPDATE tickets SET status = 'transferred', completed_at = ? WHERE number = ?",
      Date.now(),
      number,
    );
    this.changed();
    return { ok: true, ticket: this.ticket(number) as StaffTicket, partySealed: party };
  }

  /** What the Worker needs to register the visit as a petition. */
  ticketDetail(number: number): TicketDetail | undefined {
    const ticket = this.ticket(number);
    if (!ticket) return undefined;
    const party = this.sql
      .exec<{ party_sealed: string | null }>(
        "SELECT party_sealed FROM tickets WHERE number = ?",
        number,
      )
      .one().party_sealed;
    return { ticket, partySealed: party };
  }

  private markBooking(code: string | null, status: Booking["status"]) {
    if (!code) return;
    this.sql.exec(
      "UPDATE bookings SET status = ?, updated_at = ?, synced = 0 WHERE code = ?",
      status,
      Date.now(),
      code,
    );
    this.bookingsChanged();
  }

  private counter(name: string) {
    return (
      this.sql
        .exec<{ value: number }>("SELECT value FROM counters WHERE name = ?", name)
        .toArray()[0]?.value ?? 0
    );
  }

  private setCounter(name: string, value: number) {
    this.sql.exec(
      "INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
      name,
      value,
    );
  }

  private ticket(number: number): StaffTicket | undefined {
    const row = this.sql
      .exec<TicketRow>("SELECT * FROM tickets WHERE number = ?", number)
      .toArray()[0];
    return row ? toTicket(row) : undefined;
  }

  // ── state and watching ───────────────────────────────────────────────────────────

  staffState(): StaffQueueState {
    const config = this.config();
    // One read of the day's tickets, once per change for every watcher. Of the tickets
    // still `called`, only the latest is shown (as now serving): the others are not read.
    const all = this.sql
      .exec<TicketRow>(
        `SELECT * FROM tickets WHERE status <> 'called'
           OR number = (SELECT max(number) FROM tickets WHERE status = 'called')
         ORDER BY number`,
      )
      .toArray()
      .map(toTicket);
    const now = Date.now();
    const served = all.filter((t) => t.status === "completed");
    const durations = served
      .filter((t) => t.calledAt && t.completedAt)
      .map(
        (t) => (Date.parse(t.completedAt as string) - Date.parse(t.calledAt as string)) / 60_000,
      );
    const waiting = all.filter((t) => t.status === "waiting");
    const byNumber = new Map(waiting.map((t) => [t.number, t]));
    const order = callingOrder(
      waiting.map((t) => ({
        number: t.number,
        kind: t.kind,
        slotStart: t.slotStart,
        checkedInAt: Date.parse(t.checkedInAt),
      })),
      this.counter("bookedSinceWalkIn"),
      config?.walkInEvery ?? 3,
    ).flatMap((w, position) => {
      const ticket = byNumber.get(w.number);
      // Waiting times follow today's observed service times (15 minutes until one is done).
      return ticket ? [{ ...ticket, etaMinutes: estimateWaitMinutes(position, durations) }] : [];
    });
    return {
      sessionId: config?.sessionId ?? "",
      status: config?.status ?? "draft",
      nowServing: [...all].reverse().find((t) => t.status === "called") ?? null,
      waiting: order,
      parked: all.filter((t) => t.status === "parked"),
      served: served.length,
      noShows: all.filter((t) => t.status === "no_show").length,
      averageServiceMinutes: durations.length
        ? Math.round(durations.reduce((a, b) => a + b, 0) / durations.length)
        : null,
      longestWaitMinutes: waiting.reduce(
        (m, t) => Math.max(m, Math.round((now - Date.parse(t.checkedInAt)) / 60_000)),
        0,
      ),
      updatedAt: new Date(now).toISOString(),
      done: all.filter((t) => ["completed", "no_show", "transferred"].includes(t.status)),
    };
  }

  /** What a public board and a citizen's phone see: numbers, never names. */
  publicState(): QueueState {
    return publicView(this.staffState());
  }

  summary(): SessionSummary {
    return summarize(this.staffState());
  }

  /** WebSocket upgrade, already authenticated by the Worker, which says who is watching. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return new Response("expected a WebSocket upgrade", { status: 426 });
    }
    const audience = request.headers.get("x-lianxin-audience") === "staff" ? "staff" : "public";
    const pair = new WebSocketPair();
    const [client, server] = Object.values(pair) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server, [audience]);
    server.send(JSON.stringify(this.message(audience)));
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    // Clients only ask for the state again (after waking a phone, say).
    if (message === "state") {
      const [audience] = this.ctx.getTags(ws);
      ws.send(JSON.stringify(this.message(audience === "staff" ? "staff" : "public")));
    }
  }

  override async webSocketClose(ws: WebSocket) {
    closeQuietly(ws);
  }

  private message(audience: "staff" | "public"): ServerMessage {
    return audience === "staff"
      ? { type: "staffState", state: this.staffState() }
      : { type: "state", state: this.publicState() };
  }

  /**
   * After every change: the state is computed once, and each audience's message is
   * serialised once for all of its sockets.
   */
  private changed() {
    const state = this.staffState();
    const messages: Record<"public" | "staff", () => ServerMessage> = {
      public: () => ({ type: "state", state: publicView(state) }),
      staff: () => ({ type: "staffState", state }),
    };
    for (const audience of ["public", "staff"] as const) {
      const sockets = this.ctx.getWebSockets(audience);
      if (sockets.length === 0) continue;
      const text = JSON.stringify(messages[audience]());
      for (const ws of sockets) {
        try {
          ws.send(text);
        } catch {
          // A socket closing as we send; it will be gone next time.
        }
      }
    }
    const config = this.config();
    if (config && this.env.TENANT_MONITOR) {
      this.monitorPending = { date: config.date, summary: summarize(state) };
      if (!this.monitorSending) {
        this.monitorSending = true;
        this.ctx.waitUntil(this.reportToMonitor(config.tenant));
      }
    }
  }

  /**
   * The county monitor gets the newest summary at once, then at most one per interval:
   * changes in between are folded into the next report, so a busy desk costs the county's
   * single monitor object a write every half second rather than one per operation.
   */
  private async reportToMonitor(tenant: string) {
    try {
      const monitor = this.env.TENANT_MONITOR.get(this.env.TENANT_MONITOR.idFromName(tenant));
      for (let next = this.monitorPending; next; next = this.monitorPending) {
        this.monitorPending = undefined;
        await monitor.report(next.date, next.summary);
        await new Promise((resolve) => setTimeout(resolve, MONITOR_INTERVAL_MS));
      }
    } catch (error) {
      console.error("reception: the county monitor missed a summary", error);
    } finally {
      this.monitorSending = false;
    }
  }

  // ── the D1 copy of bookings ──────────────────────────────────────────────────────

  private bookingsChanged() {
    this.ctx.waitUntil(this.syncBookings());
  }

  /** Copies changed bookings to D1; an alarm tries again until the copy is complete. */
  async syncBookings() {
    const config = this.config();
    if (!config) return;
    const rows = this.sql
      .exec<{
        code: string;
        slot: string;
        phone_hash: string;
        party_sealed: string;
        status: string;
        created_at: number;
        updated_at: number;
      }>(
        "SELECT code, slot, phone_hash, party_sealed, status, created_at, updated_at FROM bookings WHERE synced = 0",
      )
      .toArray();
    if (rows.length === 0) return;
    try {
      const scope = openTenantScope(this.env, { code: config.tenant, shard: config.shard });
      await saveBookingCopies(
        scope,
        { id: config.sessionId, date: config.date },
        rows.map((r) => ({
          code: r.code,
          slotStart: r.slot,
          phoneHash: r.phone_hash,
          partySealed: r.party_sealed,
          status: r.status,
          createdAt: new Date(r.created_at),
          updatedAt: new Date(r.updated_at),
        })),
      );
      for (const r of rows) {
        this.sql.exec(
          "UPDATE bookings SET synced = 1 WHERE code = ? AND updated_at = ?",
          r.code,
          r.updated_at,
        );
      }
    } catch (error) {
      console.error(`reception ${config.sessionId}: booking copy failed, retrying`, error);
      await this.ctx.storage.setAlarm(Date.now() + 30_000);
    }
  }

  override async alarm() {
    await this.syncBookings();
  }
}

function publicView(state: StaffQueueState): QueueState {
  const { done: _done, ...rest } = state;
  const strip = (t: StaffTicket): PublicTicket => ({
    number: t.number,
    kind: t.kind,
    status: t.status,
    slotStart: t.slotStart,
    calls: t.calls,
    ...(t.etaMinutes !== undefined && { etaMinutes: t.etaMinutes }),
  });
  return {
    ...rest,
    nowServing: rest.nowServing ? strip(rest.nowServing) : null,
    waiting: rest.waiting.map(strip),
    parked: rest.parked.map(strip),
  };
}

function summarize(state: StaffQueueState): SessionSummary {
  const waits = [...state.done, ...(state.nowServing ? [state.nowServing] : [])]
    .filter((t) => t.calledAt)
    .map((t) => (Date.parse(t.calledAt as string) - Date.parse(t.checkedInAt)) / 60_000);
  return {
    sessionId: state.sessionId,
    waiting: state.waiting.length,
    served: state.served,
    noShows: state.noShows,
    nowServing: state.nowServing?.number ?? null,
    averageWaitMinutes: waits.length
      ? Math.round(waits.reduce((a, b) => a + b, 0) / waits.length)
      : null,
    longestWaitMinutes: state.longestWaitMinutes,
    updatedAt: state.updatedAt,
  };
}

type TicketRow = {
  number: number;
  kind: TicketKind;
  booking_code: string | null;
  label: string;
  topic: string | null;
  headcount: number;
  slot: string | null;
  status: TicketStatus;
  calls: number;
  checked_in_at: number;
  called_at: number | null;
  completed_at: number | null;
  petition_id: string | null;
};

function toTicket(row: TicketRow): StaffTicket {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    number: row.number,
    kind: row.kind,
    status: row.status,
    slotStart: row.slot,
    calls: row.calls,
    label: row.label,
    bookingCode: row.booking_code,
    topic: row.topic,
    headcount: row.headcount,
    checkedInAt: new Date(row.checked_in_at).toISOString(),
    calledAt: iso(row.called_at),
    completedAt: iso(row.completed_at),
    petitionId: row.petition_id,
  };
}
