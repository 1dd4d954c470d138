import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import {
  type CaseFileRow,
  caseFiles,
  type FileStep,
  fileSweeps,
  petitions,
  tenantSettings,
} from "../../schema/tenant/tables.ts";
import { type FilePolicy, resolveFilePolicy } from "../domain/files/policy.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";
import { inList, type Reader, readableBy } from "./visibility.ts";

export async function loadFilePolicy(scope: TenantScope): Promise<FilePolicy> {
  const [row] = await scope.db
    .select({ policy: tenantSettings.filePolicy })
    .from(tenantSettings)
    .where(ofTenant(scope, tenantSettings))
    .limit(1);
  return resolveFilePolicy(row?.policy);
}

/** The county's row if it has none yet, then the file policy on it. */
export function saveFilePolicyStatements(scope: TenantScope, policy: FilePolicy, now: Date) {
  return [
    scope.db
      .insert(tenantSettings)
      .values({ tenantId: scope.tenant, updatedAt: now })
      .onConflictDoNothing({ target: tenantSettings.tenantId }),
    scope.db
      .update(tenantSettings)
      .set({ filePolicy: policy, updatedAt: now })
      .where(ofTenant(scope, tenantSettings)),
  ] as const;
}

/** Files of a case that count against its limit: those not withdrawn. */
const liveCount = (scope: TenantScope, petitionId: string) =>
  sql`(SELECT count(*) FROM ${caseFiles} WHERE ${caseFiles.tenantId} = ${scope.tenant} AND ${caseFiles.petitionId} = ${petitionId} AND ${caseFiles.withdrawnAt} IS NULL)`;

export async function countLiveFiles(scope: TenantScope, petitionId: string): Promise<number> {
  const [row] = await scope.db
    .select({ n: count() })
    .from(caseFiles)
    .where(
      ofTenant(
        scope,
        caseFiles,
        eq(caseFiles.petitionId, petitionId),
        isNull(caseFiles.withdrawnAt),
      ),
    );
  return row?.n ?? 0;
}

export type NewCaseFile = Omit<
  CaseFileRow,
  "withdrawnAt" | "withdrawnBy" | "withdrawReason" | "thumbKey" | "thumbType" | "thumbSize"
>;

/**
 * Inserts the file's row only while the case is under its limit, decided inside the one
 * statement: at the limit `added_at` comes out NULL and the NOT NULL constraint fails the
 * batch (and its audit entry), so two uploads racing for the last place cannot both win.
 */
export function insertFileStatement(scope: TenantScope, file: NewCaseFile, maxFiles: number) {
  // Every column in the table's order: drizzle names them all for INSERT … SELECT.
  return scope.db.insert(caseFiles).select(
    sql`SELECT ${file.id}, ${scope.tenant}, ${file.petitionId}, ${file.r2Key}, ${file.name}, ${file.contentType}, ${file.size}, ${file.sha256}, ${file.step}, ${file.addedBy},
      CASE WHEN ${liveCount(scope, file.petitionId)} < ${maxFiles} THEN ${file.addedAt.getTime()} ELSE NULL END, NULL, NULL, NULL, NULL, NULL, NULL`,
  );
}

/** The files of one case, oldest first, for a reader who may see the case (≤ limit rows). */
export function listCaseFiles(scope: TenantScope, reader: Reader, petitionId: string) {
  return scope.db
    .select()
    .from(caseFiles)
    .where(
      ofTenant(
        scope,
        caseFiles,
        eq(caseFiles.petitionId, petitionId),
        readableBy(scope, reader, caseFiles.petitionId),
      ),
    )
    .orderBy(asc(caseFiles.addedAt))
    .limit(500);
}

/** One file with its case's confidentiality, when the reader may see the case. */
export async function findCaseFile(
  scope: TenantScope,
  reader: Reader,
  petitionId: string,
  fileId: string,
) {
  const [row] = await scope.db
    .select({ file: caseFiles, confidential: petitions.confidential })
    .from(caseFiles)
    .innerJoin(
      petitions,
      and(eq(petitions.id, caseFiles.petitionId), eq(petitions.tenantId, caseFiles.tenantId)),
    )
    .where(
      ofTenant(
        scope,
        caseFiles,
        eq(caseFiles.id, fileId),
        eq(caseFiles.petitionId, petitionId),
        readableBy(scope, reader, caseFiles.petitionId),
      ),
    )
    .limit(1);
  return row;
}

export function withdrawFileStatement(
  scope: TenantScope,
  fileId: string,
  by: string,
  reason: string,
  now: Date,
) {
  return scope.db
    .update(caseFiles)
    .set({ withdrawnAt: now, withdrawnBy: by, withdrawReason: reason })
    .where(ofTenant(scope, caseFiles, eq(caseFiles.id, fileId), isNull(caseFiles.withdrawnAt)));
}

export type { FileStep };

/** Of these files' R2 keys, the ones their rows name (the file's object, its thumbnail). */
export async function keysWithRows(scope: TenantScope, fileIds: readonly string[]) {
  if (fileIds.length === 0) return new Set<string>();
  const rows = await scope.db
    .select({ key: caseFiles.r2Key, thumb: caseFiles.thumbKey })
    .from(caseFiles)
    .where(and(inList(caseFiles.id, fileIds), eq(caseFiles.tenantId, scope.tenant)));
  return new Set(rows.flatMap((r) => (r.thumb ? [r.key, r.thumb] : [r.key])));
}

/** Records an image's thumbnail, once: a file that has one keeps it. */
export function setThumbnailStatement(
  scope: TenantScope,
  fileId: string,
  thumb: { key: string; type: string; size: number },
) {
  return scope.db
    .update(caseFiles)
    .set({ thumbKey: thumb.key, thumbType: thumb.type, thumbSize: thumb.size })
    .where(ofTenant(scope, caseFiles, eq(caseFiles.id, fileId), isNull(caseFiles.thumbKey)));
}

export async function loadFileSweep(scope: TenantScope) {
  const [row] = await scope.db
    .select()
    .from(fileSweeps)
    .where(ofTenant(scope, fileSweeps))
    .limit(1);
  return row;
}

export function saveFileSweepStatement(
  scope: TenantScope,
  sweep: { cursor: string | null; passedAt: Date | null },
) {
  return scope.db
    .insert(fileSweeps)
    .values({ tenantId: scope.tenant, ...sweep })
    .onConflictDoUpdate({ target: fileSweeps.tenantId, set: sweep });
}
