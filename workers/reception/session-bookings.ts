import type {
  Booking,
  BookingInput,
  BookResult,
  CancelResult,
  HoldResult,
  SessionConfig,
  SlotAvailability,
} from "../../schema/realtime/reception-session.ts";
import { maskName } from "../domain/petitioner/mask.ts";
import { randomCode } from "../domain/petitioner/tracking-code.ts";
import type { BookingCopy } from "../storage/reception.ts";

const HOLD_MS = 5 * 60_000;
const BOOKING_CODE_LENGTH = 8;

export const BOOKING_TABLES = [
  "CREATE TABLE IF NOT EXISTS holds (id TEXT PRIMARY KEY, slot TEXT NOT NULL, expires_at INTEGER NOT NULL)",
  `CREATE TABLE IF NOT EXISTS bookings (code TEXT PRIMARY KEY, slot TEXT NOT NULL, phone_hash TEXT NOT NULL,
    party_sealed TEXT NOT NULL, label TEXT NOT NULL, topic TEXT NOT NULL, headcount INTEGER NOT NULL,
    status TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, synced INTEGER NOT NULL DEFAULT 0)`,
];

type BookingRow = {
  code: string;
  slot: string;
  status: Booking["status"];
  topic: string;
  headcount: number;
  party_sealed: string;
  label: string;
  phone_hash: string;
};

/**
 * A session's bookings and the five-minute holds on slots, in the object's SQLite. Each
 * method checks and writes with synchronous SQL and no `await` in between, so two citizens
 * never get the same last place. `changed` is told of every booking that moves, so the
 * object can copy it to D1.
 */
export class BookingLedger {
  constructor(
    private readonly sql: SqlStorage,
    private readonly ticketOf: (code: string) => number | undefined,
    private readonly changed: () => void,
  ) {
    for (const ddl of BOOKING_TABLES) sql.exec(ddl);
  }

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
  hold(config: SessionConfig, slot: string): HoldResult {
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

  book(config: SessionConfig, input: BookingInput): BookResult {
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
    this.changed();
    return { ok: true, booking: this.find(config, code) as Booking };
  }

  private newBookingCode() {
    for (;;) {
      const code = randomCode(BOOKING_CODE_LENGTH);
      const clash =
        this.sql.exec("SELECT 1 FROM bookings WHERE code = ?", code).toArray().length > 0;
      if (!clash) return code;
    }
  }

  find(config: SessionConfig, code: string): Booking | undefined {
    const row = this.sql
      .exec<BookingRow>("SELECT * FROM bookings WHERE code = ?", code)
      .toArray()[0];
    if (!row) return undefined;
    return {
      ticketNumber: this.ticketOf(code) ?? null,
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

  cancel(config: SessionConfig, code: string, phoneHash: string): CancelResult {
    const booking = this.find(config, code);
    if (!booking || booking.phoneHash !== phoneHash)
      return { ok: false as const, reason: "NOT_FOUND" as const };
    if (booking.status !== "active") return { ok: false as const, reason: "WRONG_STATE" as const };
    this.mark(code, "cancelled");
    return { ok: true as const, booking: this.find(config, code) as Booking };
  }

  /** Moves a booking to another slot of the same session, atomically. */
  reschedule(config: SessionConfig, code: string, phoneHash: string, slot: string): BookResult {
    const booking = this.find(config, code);
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
    this.changed();
    return { ok: true, booking: this.find(config, code) as Booking };
  }

  /** Who is booked, for telling them of a change to the session. */
  active(config: SessionConfig): Booking[] {
    const codes = this.sql
      .exec<{ code: string }>("SELECT code FROM bookings WHERE status = 'active'")
      .toArray();
    return codes.map((c) => this.find(config, c.code)).filter((b): b is Booking => b !== undefined);
  }

  availability(config: SessionConfig): SlotAvailability[] {
    const now = Date.now();
    return config.slots.map((slot) => ({
      slotStart: slot,
      capacity: config.capacityPerSlot,
      free: Math.max(0, config.capacityPerSlot - this.taken(slot, now)),
    }));
  }

  mark(code: string | null, status: Booking["status"]) {
    if (!code) return;
    this.sql.exec(
      "UPDATE bookings SET status = ?, updated_at = ?, synced = 0 WHERE code = ?",
      status,
      Date.now(),
      code,
    );
    this.changed();
  }

  /** Bookings changed since their last copy to D1. */
  unsynced(): (BookingCopy & { stamp: number })[] {
    return this.sql
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
      .toArray()
      .map((r) => ({
        code: r.code,
        slotStart: r.slot,
        phoneHash: r.phone_hash,
        partySealed: r.party_sealed,
        status: r.status,
        createdAt: new Date(r.created_at),
        updatedAt: new Date(r.updated_at),
        stamp: r.updated_at,
      }));
  }

  /** Marks copies done, unless the booking changed again while the copy was on its way. */
  synced(copies: readonly { code: string; stamp: number }[]) {
    for (const c of copies) {
      this.sql.exec(
        "UPDATE bookings SET synced = 1 WHERE code = ? AND updated_at = ?",
        c.code,
        c.stamp,
      );
    }
  }
}
