import { and, asc, desc, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { type AuditRow, auditLog } from "../../schema/tenant/tables.ts";
import { sha256Hex } from "../domain/auth/tokens.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";

export interface AuditEntry {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId?: string | undefined;
  detail?: Record<string, unknown> | undefined;
}

/** The hash before the first entry of every tenant's chain. */
export const GENESIS_HASH = "0".repeat(64);
/** Entries sealed per pass; each pass is one batch. */
const SEAL_PAGE = 50;

/** JSON with keys in a fixed order, so a hash can be recomputed from the stored row. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function entryHash(
  prevHash: string,
  row: Pick<AuditRow, "id" | "at" | "actorId" | "action" | "targetType" | "targetId" | "detail"> & {
    seq: number;
  },
): Promise<string> {
  const body = canonical({
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

export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return `${error.message} ${error.cause instanceof Error ? error.cause.message : ""}`;
}

function auditInsert(scope: TenantScope, entry: AuditEntry, now: Date) {
  return scope.db.insert(auditLog).values({
    id: crypto.randomUUID(),
    tenantId: scope.tenant,
    at: now,
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    detail: entry.detail ?? null,
  });
}

/**
 * Runs `statements` and appends one audit entry, in one atomic batch: the write is never
 * recorded without its entry, nor the entry without the write. The entry joins the hash
 * chain when it is sealed, right after, so concurrent writers never wait on each other.
 */
export async function batchWithAudit(
  scope: TenantScope,
  statements: BatchItem<"sqlite">[],
  entry: AuditEntry,
  now = new Date(),
) {
  const [, ...results] = await scope.db.batch([auditInsert(scope, entry, now), ...statements]);
  await sealQuietly(scope);
  return results as unknown[];
}

/** An audit entry on its own: a read of confidential data, or a failed login. */
export async function appendAudit(scope: TenantScope, entry: AuditEntry, now = new Date()) {
  await batchWithAudit(scope, [], entry, now);
}

/** Sealing is best effort after a write: another writer sealing at the same moment wins. */
async function sealQuietly(scope: TenantScope) {
  try {
    await sealAuditChain(scope);
  } catch (error) {
    if (!/UNIQUE constraint failed: audit_log/.test(errorText(error))) throw error;
  }
}

async function chainHead(scope: TenantScope) {
  const [row] = await scope.db
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .where(ofTenant(scope, auditLog, isNotNull(auditLog.seq)))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  return { seq: row?.seq ?? 0, hash: row?.hash ?? GENESIS_HASH };
}

/**
 * Gives unsealed entries their places in the chain, in the order they were written. Two
 * sealers racing produce the same `seq` for different entries; the unique index fails one
 * batch whole, and it is simply tried again later. Returns how many entries were sealed.
 */
export async function sealAuditChain(scope: TenantScope): Promise<number> {
  let sealed = 0;
  for (;;) {
    const pending = await scope.db
      .select()
      .from(auditLog)
      .where(ofTenant(scope, auditLog, isNull(auditLog.seq)))
      .orderBy(asc(auditLog.at), asc(auditLog.id))
      .limit(SEAL_PAGE);
    if (pending.length === 0) return sealed;
    let { seq, hash } = await chainHead(scope);
    const updates = [];
    for (const row of pending) {
      seq += 1;
      const next = await entryHash(hash, { ...row, seq });
      updates.push(
        scope.db
          .update(auditLog)
          .set({ seq, prevHash: hash, hash: next })
          .where(ofTenant(scope, auditLog, eq(auditLog.id, row.id), isNull(auditLog.seq))),
      );
      hash = next;
    }
    const [first, ...rest] = updates;
    if (first) await scope.db.batch([first, ...rest]);
    sealed += pending.length;
    if (pending.length < SEAL_PAGE) return sealed;
  }
}

export type ChainVerdict =
  | { intact: true; entries: number; unsealed: number; headHash: string }
  | { intact: false; entries: number; unsealed: number; brokenAt: number; reason: string };

/** Seals what is pending, then walks the tenant's chain in order and recomputes every link. */
export async function verifyAuditChain(scope: TenantScope, pageSize = 500): Promise<ChainVerdict> {
  await sealQuietly(scope);
  const [unsealedRow] = await scope.db
    .select({ n: sql<number>`count(*)` })
    .from(auditLog)
    .where(ofTenant(scope, auditLog, isNull(auditLog.seq)));
  const unsealed = unsealedRow?.n ?? 0;
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (;;) {
    const rows = await scope.db
      .select()
      .from(auditLog)
      .where(
        ofTenant(scope, auditLog, and(isNotNull(auditLog.seq), gt(auditLog.seq, expectedSeq - 1))),
      )
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    for (const row of rows) {
      const seq = row.seq ?? 0;
      const broken = (reason: string): ChainVerdict => ({
        intact: false,
        entries: expectedSeq - 1,
        unsealed,
        brokenAt: seq,
        reason,
      });
      if (seq !== expectedSeq) return broken(`entry ${expectedSeq} is missing`);
      if (row.prevHash !== prevHash) return broken("does not follow the entry before it");
      if ((await entryHash(prevHash, { ...row, seq })) !== row.hash) {
        return broken("was altered after it was written");
      }
      prevHash = row.hash ?? "";
      expectedSeq += 1;
    }
    if (rows.length < pageSize) {
      return { intact: true, entries: expectedSeq - 1, unsealed, headHash: prevHash };
    }
  }
}
