import { and, asc, desc, gt, isNotNull, isNull, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { type AuditRow, auditLog } from "../../schema/tenant/tables.ts";
import {
  type AuditEntryFields,
  auditMac,
  type ChainAnchor,
  type ChainLink,
  entryBody,
  GENESIS_HASH,
} from "../audit/chain-object.ts";
import { canonicalJson, deriveAuditKey, sha256Hex } from "../domain/crypto/digest.ts";
import { ofTenant, scopeBinding, type TenantScope } from "./tenant-scope.ts";

export interface AuditEntry {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId?: string | undefined;
  detail?: Record<string, unknown> | undefined;
}

export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return `${error.message} ${error.cause instanceof Error ? error.cause.message : ""}`;
}

/**
 * Runs `statements` and appends one audit entry, in one atomic batch: the write is never
 * recorded without its entry, nor the entry without the write. The entry is sealed before
 * the batch: the county's chain object gives it its place and MAC in one call (no D1 round
 * trip), so concurrent writers never wait on each other's batches and still make one
 * chain. That its row is written is told to the object on this isolate's next call for
 * the county (`written`). A batch that fails gives its place up, on the record.
 */
export async function batchWithAudit(
  scope: TenantScope,
  statements: BatchItem<"sqlite">[],
  entry: AuditEntry,
  now = new Date(),
) {
  const fields: AuditEntryFields = {
    id: crypto.randomUUID(),
    at: now,
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    // As it reads back from the JSON column, so the MAC can be recomputed from the row.
    detail: entry.detail === undefined ? null : JSON.parse(JSON.stringify(entry.detail)),
  };
  const link = await placeInChain(scope, fields);
  const insert = scope.db.insert(auditLog).values({
    ...fields,
    tenantId: scope.tenant,
    detail: fields.detail as Record<string, unknown> | null,
    seq: link.seq,
    prevHash: link.prevHash,
    hash: link.hash,
  });
  let results: unknown[];
  try {
    [, ...results] = await scope.db.batch([insert, ...statements]);
  } catch (error) {
    await scope.audit.chain.abandon(link).catch(() => undefined);
    throw error;
  }
  // From the next call on, a missing row at this place is a deletion, not a write on its way.
  writtenSince(scope).push(link.seq);
  return results;
}

/**
 * Places this isolate has written in each county's chain since it last called the county's
 * object, kept per shard binding (one per deployment's shard, or per test environment).
 */
const unreported = new WeakMap<object, Map<string, number[]>>();
/** Older reports than this many are dropped: they count as written once out of flight. */
const MAX_UNREPORTED = 256;

function writtenSince(scope: TenantScope): number[] {
  let counties = unreported.get(scopeBinding(scope));
  if (!counties) {
    counties = new Map();
    unreported.set(scopeBinding(scope), counties);
  }
  let seqs = counties.get(scope.tenant);
  if (!seqs) {
    seqs = [];
    counties.set(scope.tenant, seqs);
  }
  if (seqs.length >= MAX_UNREPORTED) seqs.splice(0, seqs.length - MAX_UNREPORTED + 1);
  return seqs;
}

/** Takes the places to report on this call; they are put back if the call fails. */
async function reporting<T>(scope: TenantScope, call: (written: number[]) => Promise<T>) {
  const pending = writtenSince(scope);
  const written = pending.splice(0, pending.length);
  try {
    return await call(written);
  } catch (error) {
    pending.unshift(...written);
    throw error;
  }
}

/** An audit entry on its own: a read of confidential data, or a failed login. */
export async function appendAudit(scope: TenantScope, entry: AuditEntry, now = new Date()) {
  await batchWithAudit(scope, [], entry, now);
}

async function placeInChain(scope: TenantScope, fields: AuditEntryFields): Promise<ChainLink> {
  const body = entryBody(fields);
  const link = await reporting(scope, (written) =>
    scope.audit.chain.link(scope.tenant, body, undefined, written),
  );
  if (link) return link;
  // The county's first entry since anchoring began: the keyed chain starts after whatever
  // its log already holds (entries chained by the earlier, unkeyed scheme).
  const [last] = await scope.db
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .where(ofTenant(scope, auditLog, isNotNull(auditLog.seq)))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const base = { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH };
  const placed = await scope.audit.chain.link(scope.tenant, body, base);
  if (!placed) throw new Error("the audit chain could not be anchored");
  return placed;
}

/** Forgets the county's anchor: only with every audit row of the county deleted. */
export async function resetAuditChain(scope: TenantScope) {
  writtenSince(scope).length = 0;
  await scope.audit.chain.reset();
}

type StoredEntry = Pick<
  AuditRow,
  "id" | "at" | "actorId" | "action" | "targetType" | "targetId" | "detail"
>;

/** Entries written before the chain was keyed and anchored: SHA-256, `seq` in the body. */
function legacyHash(prevHash: string, row: StoredEntry & { seq: number }) {
  const body = canonicalJson({
    id: row.id,
    seq: row.seq,
    at: row.at.getTime(),
    actorId: row.actorId,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    detail: row.detail,
  });
  return sha256Hex(`${prevHash}\n${body}`);
}

export type ChainProblem = "gap" | "rewritten" | "truncated" | "unanchored";

export type ChainVerdict =
  | { intact: true; entries: number; unsealed: number; headHash: string }
  | {
      intact: false;
      entries: number;
      unsealed: number;
      brokenAt: number;
      problem: ChainProblem;
      /** The first bad entry's id, when it is still in the log. */
      entryId?: string;
      reason: string;
    };

/**
 * Walks the county's chain in order and recomputes every keyed link, then holds the end
 * of the log against the anchor kept outside the database. Reports the first bad entry:
 * a missing one (`gap`), one altered or re-linked (`rewritten`), newest entries removed
 * (`truncated`), or entries beyond the anchored head (`unanchored`).
 */
export async function verifyAuditChain(scope: TenantScope, pageSize = 500): Promise<ChainVerdict> {
  const [anchor, key, unsealedRow] = await Promise.all([
    scope.audit.chain.anchor() as Promise<ChainAnchor | null>,
    deriveAuditKey(scope.audit.masterKey, scope.tenant),
    scope.db
      .select({ n: sql<number>`count(*)` })
      .from(auditLog)
      .where(ofTenant(scope, auditLog, isNull(auditLog.seq))),
  ]);
  const unsealed = unsealedRow[0]?.n ?? 0;
  const base = anchor?.base ?? { seq: Number.MAX_SAFE_INTEGER, hash: "" };
  const skippable = new Map<number, string>();
  for (const v of anchor?.voided ?? []) skippable.set(v.seq, v.hash);
  const inFlight = new Map((anchor?.inFlight ?? []).map((r) => [r.seq, r.hash]));
  let prevHash = GENESIS_HASH;
  let expected = 1;
  const broken = (
    at: number,
    problem: ChainProblem,
    reason: string,
    entryId?: string,
  ): ChainVerdict => ({
    intact: false,
    entries: expected - 1,
    unsealed,
    brokenAt: at,
    problem,
    ...(entryId && { entryId }),
    reason,
  });
  /** Steps over places that hold no row for a good reason; false at a real hole. */
  const skipTo = (seq: number) => {
    while (expected < seq) {
      const hash = skippable.get(expected) ?? inFlight.get(expected);
      if (hash === undefined) return false;
      prevHash = hash;
      expected += 1;
    }
    return true;
  };

  for (;;) {
    const rows = await scope.db
      .select()
      .from(auditLog)
      .where(
        ofTenant(scope, auditLog, and(isNotNull(auditLog.seq), gt(auditLog.seq, expected - 1))),
      )
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    for (const row of rows) {
      const seq = row.seq ?? 0;
      if (!skipTo(seq)) return broken(expected, "gap", `entry ${expected} is missing`);
      if (row.prevHash !== prevHash) {
        return broken(seq, "rewritten", "does not follow the entry before it", row.id);
      }
      const recomputed =
        seq <= base.seq
          ? await legacyHash(prevHash, { ...row, seq })
          : await auditMac(key, prevHash, seq, entryBody(row));
      if (recomputed !== row.hash) {
        return broken(seq, "rewritten", "was altered after it was written", row.id);
      }
      prevHash = row.hash;
      expected += 1;
    }
    if (rows.length < pageSize) break;
  }

  if (!anchor) return { intact: true, entries: expected - 1, unsealed, headHash: prevHash };
  if (expected - 1 > anchor.head.seq) {
    return broken(anchor.head.seq + 1, "unanchored", "was never given a place in the chain");
  }
  const lastRow = expected - 1;
  if (!skipTo(anchor.head.seq + 1)) {
    return broken(
      lastRow + 1,
      "truncated",
      `the newest entries ${lastRow + 1}–${anchor.head.seq} are missing`,
    );
  }
  if (prevHash !== anchor.head.hash) {
    return broken(anchor.head.seq, "rewritten", "the newest entry does not match the anchor");
  }
  return { intact: true, entries: lastRow, unsealed, headHash: prevHash };
}
