import type {
  StaffTicket,
  TicketKind,
  TicketStatus,
} from "../../schema/realtime/reception-queue.ts";

/** The day's tickets as the session object keeps them in SQLite: one row each. */
export const TICKET_TABLES = [
  `CREATE TABLE IF NOT EXISTS tickets (number INTEGER PRIMARY KEY, kind TEXT NOT NULL, booking_code TEXT,
    label TEXT NOT NULL, party_sealed TEXT, topic TEXT, headcount INTEGER NOT NULL, slot TEXT,
    status TEXT NOT NULL, calls INTEGER NOT NULL DEFAULT 0, checked_in_at INTEGER NOT NULL,
    called_at INTEGER, completed_at INTEGER, petition_id TEXT, desk INTEGER NOT NULL DEFAULT 1)`,
  "CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
];

export interface TicketRecord {
  number: number;
  kind: TicketKind;
  desk: number;
  bookingCode: string | null;
  label: string;
  partySealed: string | null;
  topic: string | null;
  headcount: number;
  slot: string | null;
  status: TicketStatus;
  calls: number;
  checkedInAt: number;
  calledAt: number | null;
  completedAt: number | null;
  petitionId: string | null;
}

type Row = {
  number: number;
  kind: TicketKind;
  desk: number;
  booking_code: string | null;
  label: string;
  party_sealed: string | null;
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

const DONE: readonly TicketStatus[] = ["completed", "no_show", "transferred"];
export const isDone = (status: TicketStatus) => DONE.includes(status);

/**
 * The day's tickets held in memory: read from SQLite once when the object wakes, then every
 * change written through to both in the same synchronous step. The state every watcher is
 * sent after a change is computed from here without a query; the lists by status are kept
 * as the tickets move, so an operation costs what the waiting and the finished cost, not
 * every ticket called today.
 */
export class TicketBook {
  readonly #sql: SqlStorage;
  readonly #all = new Map<number, TicketRecord>();
  readonly #views = new Map<number, StaffTicket>();
  readonly #byBooking = new Map<string, number>();
  /** Tickets by status; `done` by number, as the desk's list shows them. */
  readonly waiting = new Set<number>();
  readonly parked = new Set<number>();
  readonly called = new Set<number>();
  readonly done: number[] = [];
  /** Each desk's latest call still open, kept as tickets move (see `serving`). */
  readonly #serving = new Map<number, number>();
  /** Desks whose latest call was finished or moved: found again when next asked. */
  readonly #servingStale = new Set<number>();
  readonly #counters = new Map<string, number>();
  #last = 0;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
    const columns = sql
      .exec<{ name: string }>("PRAGMA table_info(tickets)")
      .toArray()
      .map((c) => c.name);
    // Objects from before joint reception: every ticket they have is at desk 1.
    if (columns.length > 0 && !columns.includes("desk")) {
      sql.exec("ALTER TABLE tickets ADD COLUMN desk INTEGER NOT NULL DEFAULT 1");
    }
    for (const ddl of TICKET_TABLES) sql.exec(ddl);
    for (const c of sql.exec<{ name: string; value: number }>("SELECT name, value FROM counters")) {
      this.#counters.set(c.name, c.value);
    }
    const rows = sql.exec<Row>("SELECT * FROM tickets ORDER BY number").toArray();
    for (const row of rows) this.#put(fromRow(row));
    // The ticket counter predates this book; numbers never go back either way.
    this.#last = Math.max(this.#last, this.#counters.get("ticket") ?? 0);
  }

  get(number: number): TicketRecord | undefined {
    return this.#all.get(number);
  }

  /** The ticket as staff see it, converted once per change of the ticket. */
  view(number: number): StaffTicket | undefined {
    const cached = this.#views.get(number);
    if (cached) return cached;
    const record = this.#all.get(number);
    if (!record) return undefined;
    const view = toView(record);
    this.#views.set(number, view);
    return view;
  }

  numberOfBooking(code: string): number | undefined {
    return this.#byBooking.get(code);
  }

  /** A new ticket with the next number: numbers are drawn only for arrivals known good. */
  add(ticket: Omit<TicketRecord, "number">): TicketRecord {
    const record = { ...ticket, number: this.#last + 1 };
    this.#sql.exec(
      `INSERT INTO tickets (number, kind, desk, booking_code, label, party_sealed, topic, headcount, slot, status, calls, checked_in_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
      record.number,
      record.kind,
      record.desk,
      record.bookingCode,
      record.label,
      record.partySealed,
      record.topic,
      record.headcount,
      record.slot,
      record.status,
      record.checkedInAt,
    );
    this.#put(record);
    return record;
  }

  /** Changes a ticket in memory and in storage together. */
  update(
    number: number,
    change: Partial<
      Pick<TicketRecord, "status" | "calls" | "calledAt" | "completedAt" | "petitionId" | "desk">
    >,
  ): TicketRecord {
    const before = this.#all.get(number);
    if (!before) throw new Error(`no ticket ${number}`);
    const after = { ...before, ...change };
    this.#sql.exec(
      "UPDATE tickets SET status = ?, calls = ?, called_at = ?, completed_at = ?, petition_id = ?, desk = ? WHERE number = ?",
      after.status,
      after.calls,
      after.calledAt,
      after.completedAt,
      after.petitionId,
      after.desk,
      number,
    );
    this.#unfile(before);
    this.#put(after);
    return after;
  }

  counter(name: string): number {
    return this.#counters.get(name) ?? 0;
  }

  /**
   * Each desk's latest call not yet finished: what its screen shows as now serving. Kept as
   * tickets are called, so a change does not read every ticket called today (a desk that
   * leaves its called citizens open would make that grow all day); a desk is searched again
   * only when its latest call is finished or moved.
   */
  serving(): ReadonlyMap<number, number> {
    if (this.#servingStale.size > 0) {
      for (const desk of this.#servingStale) this.#serving.delete(desk);
      for (const number of this.called) {
        const desk = this.#all.get(number)?.desk ?? 1;
        if (this.#servingStale.has(desk) && (this.#serving.get(desk) ?? 0) < number)
          this.#serving.set(desk, number);
      }
      this.#servingStale.clear();
    }
    return this.#serving;
  }

  /** Writes a counter; one already at the value costs no storage write. */
  setCounter(name: string, value: number) {
    if (this.#counters.get(name) === value) return;
    this.#sql.exec(
      "INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
      name,
      value,
    );
    this.#counters.set(name, value);
  }

  #put(record: TicketRecord) {
    this.#all.set(record.number, record);
    this.#views.delete(record.number);
    this.#last = Math.max(this.#last, record.number);
    if (record.bookingCode) this.#byBooking.set(record.bookingCode, record.number);
    if (record.status === "waiting") this.waiting.add(record.number);
    else if (record.status === "parked") this.parked.add(record.number);
    else if (record.status === "called") {
      this.called.add(record.number);
      if ((this.#serving.get(record.desk) ?? 0) < record.number)
        this.#serving.set(record.desk, record.number);
    } else {
      // Usually the newest is the highest number: the search from the end is short.
      let at = this.done.length;
      while (at > 0 && (this.done[at - 1] ?? 0) > record.number) at -= 1;
      this.done.splice(at, 0, record.number);
    }
  }

  #unfile(record: TicketRecord) {
    this.waiting.delete(record.number);
    this.parked.delete(record.number);
    if (this.called.delete(record.number) && this.#serving.get(record.desk) === record.number)
      this.#servingStale.add(record.desk);
    if (isDone(record.status)) {
      const at = this.done.indexOf(record.number);
      if (at >= 0) this.done.splice(at, 1);
    }
  }
}

function fromRow(row: Row): TicketRecord {
  return {
    number: row.number,
    kind: row.kind,
    desk: row.desk ?? 1,
    bookingCode: row.booking_code,
    label: row.label,
    partySealed: row.party_sealed,
    topic: row.topic,
    headcount: row.headcount,
    slot: row.slot,
    status: row.status,
    calls: row.calls,
    checkedInAt: row.checked_in_at,
    calledAt: row.called_at,
    completedAt: row.completed_at,
    petitionId: row.petition_id,
  };
}

function toView(t: TicketRecord): StaffTicket {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    number: t.number,
    kind: t.kind,
    status: t.status,
    slotStart: t.slot,
    calls: t.calls,
    desk: t.desk,
    label: t.label,
    bookingCode: t.bookingCode,
    topic: t.topic,
    headcount: t.headcount,
    checkedInAt: new Date(t.checkedInAt).toISOString(),
    calledAt: iso(t.calledAt),
    completedAt: iso(t.completedAt),
    petitionId: t.petitionId,
  };
}
