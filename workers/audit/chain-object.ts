import { DurableObject } from "cloudflare:workers";
import { canonicalJson, deriveAuditKey, hmacHex } from "../domain/crypto/digest.ts";
import type { Env } from "../env.ts";

/** The link before the first entry of every county's chain. */
export const GENESIS_HASH = "0".repeat(64);
/** A reservation younger than this whose row is not in D1 yet is in flight, not missing. */
export const IN_FLIGHT_MS = 60_000;

/** What an entry's MAC covers besides its place in the chain. */
export interface AuditEntryFields {
  id: string;
  at: Date;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  detail: unknown;
}

export function entryBody(entry: AuditEntryFields): string {
  return canonicalJson({
    id: entry.id,
    at: entry.at.getTime(),
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    detail: entry.detail,
  });
}

/** hash(n) = HMAC(county key, hash(n-1) ‖ n ‖ entry): keyed, so no one without it recomputes. */
export function auditMac(key: CryptoKey, prevHash: string, seq: number, body: string) {
  return hmacHex(key, `${prevHash}\n${seq}\n${body}`);
}

export interface ChainLink {
  seq: number;
  prevHash: string;
  hash: string;
}

export interface ChainAnchor {
  /** The keyed chain starts after this entry (0 for a county that began with it). */
  base: { seq: number; hash: string };
  /** How many entries the chain has had, and the MAC of the newest. */
  head: { seq: number; hash: string };
  /** Places given out whose write then failed: never written, and not missing. */
  voided: { seq: number; hash: string }[];
  /** Places given out in the last minute and not yet confirmed: rows still on their way. */
  inFlight: { seq: number; hash: string }[];
}

/**
 * One per county: the single writer that orders the county's audit chain and the anchor
 * of its head, outside the county's database. Each audited write asks here for its place
 * (`link`) and writes its entry, already sealed, in the same D1 batch as the change; the
 * head moves here in the same step, so deleting the newest rows, or rewriting rows and
 * their links in D1, no longer matches the anchor. One call per audited write: the
 * caller reports the places it has written on its next call.
 */
export class AuditChain extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private tail: Promise<unknown> = Promise.resolve();
  private sinceTrim = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(
      `CREATE TABLE IF NOT EXISTS anchor (k INTEGER PRIMARY KEY CHECK (k = 1), base_seq INTEGER NOT NULL,
         base_hash TEXT NOT NULL, seq INTEGER NOT NULL, hash TEXT NOT NULL);
       CREATE TABLE IF NOT EXISTS voided (seq INTEGER PRIMARY KEY, hash TEXT NOT NULL);
       CREATE TABLE IF NOT EXISTS reserved (seq INTEGER PRIMARY KEY, hash TEXT NOT NULL, at INTEGER NOT NULL);`,
    );
  }

  /**
   * The next place in the chain for this entry. `null` when the chain has no anchor yet
   * and no `base` was given: the caller reads where its log stands and asks again.
   * `written` are places the caller's earlier batches have since written: from now on a
   * missing row at one of them is a deletion. They ride on the next call rather than a
   * call of their own, so an audited write costs one call here; a place never reported
   * counts as in flight for `IN_FLIGHT_MS`, and as written after that.
   */
  link(
    tenant: string,
    body: string,
    base?: { seq: number; hash: string },
    written: readonly number[] = [],
  ): Promise<ChainLink | null> {
    if (written.length > 0) {
      this.sql.exec(
        "DELETE FROM reserved WHERE seq IN (SELECT value FROM json_each(?))",
        JSON.stringify(written),
      );
    }
    return this.serial(async () => {
      let head = this.head();
      if (!head) {
        if (!base) return null;
        this.sql.exec(
          "INSERT INTO anchor (k, base_seq, base_hash, seq, hash) VALUES (1, ?, ?, ?, ?)",
          base.seq,
          base.hash,
          base.seq,
          base.hash,
        );
        head = base;
      }
      const seq = head.seq + 1;
      const key = await deriveAuditKey(this.env.DATA_MASTER_KEY, tenant);
      const hash = await auditMac(key, head.hash, seq, body);
      const now = Date.now();
      this.sql.exec("UPDATE anchor SET seq = ?, hash = ? WHERE k = 1", seq, hash);
      this.sql.exec("INSERT INTO reserved (seq, hash, at) VALUES (?, ?, ?)", seq, hash, now);
      this.sinceTrim += 1;
      if (this.sinceTrim >= 64) {
        this.sinceTrim = 0;
        this.sql.exec("DELETE FROM reserved WHERE at < ?", now - IN_FLIGHT_MS);
      }
      return { seq, prevHash: head.hash, hash };
    });
  }

  /** The write that held this place failed: the place stays empty, on the record. */
  abandon(link: ChainLink) {
    this.sql.exec(
      "INSERT INTO voided (seq, hash) VALUES (?, ?) ON CONFLICT(seq) DO NOTHING",
      link.seq,
      link.hash,
    );
    this.sql.exec("DELETE FROM reserved WHERE seq = ?", link.seq);
  }

  anchor(): ChainAnchor | null {
    const row = this.sql
      .exec<{ base_seq: number; base_hash: string; seq: number; hash: string }>(
        "SELECT base_seq, base_hash, seq, hash FROM anchor WHERE k = 1",
      )
      .toArray()[0];
    if (!row) return null;
    return {
      base: { seq: row.base_seq, hash: row.base_hash },
      head: { seq: row.seq, hash: row.hash },
      voided: this.sql
        .exec<{ seq: number; hash: string }>("SELECT seq, hash FROM voided")
        .toArray(),
      inFlight: this.sql
        .exec<{ seq: number; hash: string }>(
          "SELECT seq, hash FROM reserved WHERE at >= ?",
          Date.now() - IN_FLIGHT_MS,
        )
        .toArray(),
    };
  }

  /** Only for an onboarding that is undone with every row of the county. */
  reset() {
    this.sql.exec("DELETE FROM anchor; DELETE FROM voided; DELETE FROM reserved;");
  }

  private head(): { seq: number; hash: string } | undefined {
    return this.sql
      .exec<{ seq: number; hash: string }>("SELECT seq, hash FROM anchor WHERE k = 1")
      .toArray()[0];
  }

  /** Places are given out one at a time, though signing awaits. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
