import { DurableObject } from "cloudflare:workers";
import type {
  CodeIssue,
  GatedBooking,
  GatedResult,
  IssueResult,
} from "../../schema/realtime/phone-gate.ts";
import { secondsToChinaMidnight } from "../domain/edges/limits.ts";
import type { Env } from "../env.ts";
import { gateSessionClient } from "./client.ts";

const CODE_ATTEMPTS = 5;

/**
 * One phone number of one county (named by its keyed hash): the single writer of the
 * phone's one-time code and of its bookings across the county's sessions. A booking
 * checks the code, the monthly cap and books in one step that nothing else for this
 * phone can interleave with, so one code books one booking and the wrong-attempt limit
 * holds however many requests arrive at once.
 */
export class PhoneGate extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    for (const ddl of [
      `CREATE TABLE IF NOT EXISTS code (id INTEGER PRIMARY KEY CHECK (id = 1), code_hash TEXT NOT NULL,
        expires_at INTEGER NOT NULL, attempts INTEGER NOT NULL, sent_at INTEGER NOT NULL,
        sent_today INTEGER NOT NULL, day TEXT NOT NULL)`,
      `CREATE TABLE IF NOT EXISTS bookings (code TEXT PRIMARY KEY, session_id TEXT NOT NULL,
        month TEXT NOT NULL, released INTEGER NOT NULL DEFAULT 0)`,
    ]) {
      this.sql.exec(ddl);
    }
  }

  private code() {
    return this.sql
      .exec<{
        code_hash: string;
        expires_at: number;
        attempts: number;
        sent_at: number;
        sent_today: number;
        day: string;
      }>("SELECT * FROM code WHERE id = 1")
      .toArray()[0];
  }

  /** Stores a new code's hash, unless the phone asked too recently or too often today. */
  issue(request: CodeIssue): IssueResult {
    const now = Date.now();
    const previous = this.code();
    if (previous && now - previous.sent_at < request.resendMs) {
      const wait = Math.ceil((request.resendMs - (now - previous.sent_at)) / 1000);
      return { ok: false, retryAfterSeconds: wait, daily: false };
    }
    const sentToday = previous?.day === request.today ? previous.sent_today : 0;
    if (sentToday >= request.perDay) {
      return {
        ok: false,
        retryAfterSeconds: secondsToChinaMidnight(new Date(now)),
        daily: true,
      };
    }
    this.sql.exec(
      `INSERT INTO code (id, code_hash, expires_at, attempts, sent_at, sent_today, day) VALUES (1, ?, ?, 0, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at,
         attempts = 0, sent_at = excluded.sent_at, sent_today = excluded.sent_today, day = excluded.day`,
      request.codeHash,
      now + request.ttlMs,
      now,
      sentToday + 1,
      request.today,
    );
    return { ok: true };
  }

  /**
   * Checks the code, the monthly cap, books with the session and spends the code, with
   * every other request for this phone held at the door until it is done. A booking the
   * session refuses (a full slot) leaves the code for another try.
   */
  book(request: GatedBooking): Promise<GatedResult> {
    return this.ctx.blockConcurrencyWhile(async () => {
      const stored = this.code();
      const now = Date.now();
      if (!stored || stored.expires_at < now || stored.attempts >= CODE_ATTEMPTS) {
        return { ok: false, reason: "WRONG_CODE" } as const;
      }
      if (stored.code_hash !== request.codeHash) {
        this.sql.exec("UPDATE code SET attempts = attempts + 1 WHERE id = 1");
        return { ok: false, reason: "WRONG_CODE" } as const;
      }
      const held = this.sql
        .exec<{ n: number }>(
          "SELECT count(*) AS n FROM bookings WHERE month = ? AND released = 0",
          request.month,
        )
        .one().n;
      if (held >= request.monthlyCap) return { ok: false, reason: "MONTHLY_CAP" } as const;
      const session = gateSessionClient(this.env, request.tenant, request.sessionId);
      const result = await session.bookAsConfigured(request.booking);
      if (result.ok) {
        this.sql.exec("DELETE FROM code WHERE id = 1");
        this.sql.exec(
          "INSERT INTO bookings (code, session_id, month) VALUES (?, ?, ?)",
          result.booking.code,
          request.sessionId,
          request.month,
        );
      }
      return result;
    });
  }

  /** A booking cancelled: it no longer counts against the month. */
  released(bookingCode: string) {
    this.sql.exec("UPDATE bookings SET released = 1 WHERE code = ?", bookingCode);
    return { ok: true as const };
  }
}
