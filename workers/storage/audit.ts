import { asc, desc, gt } from "drizzle-orm";
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
const MAX_ATTEMPTS = 8;

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
  row: Pick<AuditRow, "seq" | "at" | "actorId" | "action" | "targetType" | "targetId" | "detail">,
): Promise<string> {
  const body = canonical({
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

async function chainHead(scope: TenantScope) {
  const [row] = await scope.db
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .where(ofTenant(scope, auditLog))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  return row ?? { seq: 0, hash: GENESIS_HASH };
}

async function nextAuditInsert(scope: TenantScope, entry: AuditEntry, now: Date) {
  const head = await chainHead(scope);
  const row = {
    seq: head.seq + 1,
    at: now,
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    detail: entry.detail ?? null,
  };
  const hash = await entryHash(head.hash, row);
  // Wrapped: a query builder is thenable, so returning it from an async function would run it.
  return {
    statement: scope.db
      .insert(auditLog)
      .values({ ...row, tenantId: scope.tenant, prevHash: head.hash, hash }),
  };
}

const lostTheRace = (error: unknown) =>
  /UNIQUE constraint failed: audit_log|PRIMARY KEY.*audit_log/.test(errorText(error));

export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return `${error.message} ${error.cause instanceof Error ? error.cause.message : ""}`;
}

/**
 * Runs `statements` and appends one audit entry, in one atomic batch. When another writer
 * took the next place in the chain first, the whole batch rolled back and is tried again
 * on the new head, so the chain never forks and the write is never recorded without it.
 */
export async function batchWithAudit(
  scope: TenantScope,
  statements: BatchItem<"sqlite">[],
  entry: AuditEntry,
  now = new Date(),
) {
  for (let attempt = 1; ; attempt += 1) {
    const audit = await nextAuditInsert(scope, entry, now);
    try {
      const [, ...results] = await scope.db.batch([audit.statement, ...statements]);
      return results as unknown[];
    } catch (error) {
      if (!lostTheRace(error) || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

/** An audit entry on its own: a read of confidential data, or a failed login. */
export async function appendAudit(scope: TenantScope, entry: AuditEntry, now = new Date()) {
  await batchWithAudit(scope, [], entry, now);
}

export type ChainVerdict =
  | { intact: true; entries: number; headHash: string }
  | { intact: false; entries: number; brokenAt: number; reason: string };

/** Walks the tenant's chain in order and recomputes every link. */
export async function verifyAuditChain(scope: TenantScope, pageSize = 500): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (;;) {
    const rows = await scope.db
      .select()
      .from(auditLog)
      .where(ofTenant(scope, auditLog, gt(auditLog.seq, expectedSeq - 1)))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    for (const row of rows) {
      const broken = (reason: string): ChainVerdict => ({
        intact: false,
        entries: expectedSeq - 1,
        brokenAt: row.seq,
        reason,
      });
      if (row.seq !== expectedSeq) return broken(`entry ${expectedSeq} is missing`);
      if (row.prevHash !== prevHash) return broken("does not follow the entry before it");
      if ((await entryHash(prevHash, row)) !== row.hash)
        return broken("was altered after it was written");
      prevHash = row.hash;
      expectedSeq += 1;
    }
    if (rows.length < pageSize)
      return { intact: true, entries: expectedSeq - 1, headHash: prevHash };
  }
}
