import type { CaseFile, FileKind } from "../../../schema/api/files.ts";
import type { CaseFileRow, FileStep } from "../../../schema/tenant/tables.ts";
import { ApiError, invalid } from "../../errors.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { objectKey, streamToBucket, tooLarge } from "../../storage/file-objects.ts";
import {
  countLiveFiles,
  insertFileStatement,
  loadFilePolicy,
  type NewCaseFile,
} from "../../storage/files.ts";
import type { TenantScope } from "../../storage/tenant-scope.ts";
import { cleanFileName } from "./disposition.ts";

export interface Upload {
  petitionId: string;
  name: string;
  step: FileStep;
  /** Null for the petitioner's own upload with the online petition. */
  addedBy: string | null;
  body: ReadableStream<Uint8Array> | null;
  /** The request's Content-Length: R2 must know the size before the first byte. */
  declaredLength: string | undefined;
  /** Narrows the county's kinds (citizens: photos and PDFs). */
  onlyKinds?: readonly FileKind[];
}

const tooMany = (max: number) =>
  new ApiError("CONFLICT", `本件信访事项的材料已达上限（${max} 个文件），请先撤回不需要的文件`, {
    status: 409,
  });

/**
 * Stores an evidence file of a case the caller may reach (the caller has checked that).
 * Bytes first, to R2 under a fresh key of their own; then the file's row and its audit
 * entry in one D1 batch, which also re-checks the count. If the batch fails the object is
 * deleted again: a failed upload leaves neither bytes nor record.
 */
export async function attachFile(
  bucket: R2Bucket,
  scope: TenantScope,
  upload: Upload,
  now = new Date(),
): Promise<CaseFileRow> {
  const policy = await loadFilePolicy(scope);
  const name = cleanFileName(upload.name);
  if (!name) throw invalid("name", "请提供文件名");
  const length = Number(upload.declaredLength);
  if (upload.declaredLength === undefined || !Number.isSafeInteger(length) || length < 0) {
    throw new ApiError("VALIDATION_FAILED", "上传文件需要声明文件大小（Content-Length）", {
      status: 411,
    });
  }
  if (length === 0 || !upload.body) throw invalid("body", "文件是空的");
  if (length > policy.maxFileBytes) throw tooLarge(policy.maxFileBytes);
  if ((await countLiveFiles(scope, upload.petitionId)) >= policy.maxFilesPerCase) {
    throw tooMany(policy.maxFilesPerCase);
  }
  const kinds = upload.onlyKinds
    ? policy.kinds.filter((k) => upload.onlyKinds?.includes(k))
    : policy.kinds;

  const id = crypto.randomUUID();
  const r2Key = objectKey(scope.tenant, upload.petitionId, id);
  const stored = await streamToBucket(bucket, r2Key, upload.body, length, name, kinds);
  const file: NewCaseFile = {
    id,
    tenantId: scope.tenant,
    petitionId: upload.petitionId,
    r2Key,
    name,
    contentType: stored.contentType,
    size: length,
    sha256: stored.sha256,
    step: upload.step,
    addedBy: upload.addedBy,
    addedAt: now,
  };
  try {
    await batchWithAudit(
      scope,
      [insertFileStatement(scope, file, policy.maxFilesPerCase)],
      {
        actorId: upload.addedBy,
        action: "file.attach",
        targetType: "petition",
        targetId: upload.petitionId,
        // The name can carry personal data; the digest identifies the content.
        detail: { fileId: id, step: file.step, size: length, sha256: file.sha256 },
      },
      now,
    );
  } catch (error) {
    await bucket.delete(r2Key).catch(() => undefined);
    if ((await countLiveFiles(scope, upload.petitionId)) >= policy.maxFilesPerCase) {
      throw tooMany(policy.maxFilesPerCase);
    }
    throw error;
  }
  return {
    ...file,
    withdrawnAt: null,
    withdrawnBy: null,
    withdrawReason: null,
    thumbKey: null,
    thumbType: null,
    thumbSize: null,
  };
}

export function presentFile(row: CaseFileRow): CaseFile {
  return {
    id: row.id,
    petitionId: row.petitionId,
    name: row.name,
    contentType: row.contentType,
    size: row.size,
    sha256: row.sha256,
    step: row.step,
    addedBy: row.addedBy,
    addedAt: row.addedAt.toISOString(),
    withdrawn: row.withdrawnAt
      ? {
          at: row.withdrawnAt.toISOString(),
          by: row.withdrawnBy,
          reason: row.withdrawReason ?? "",
        }
      : null,
    thumbnail: row.thumbKey !== null,
  };
}
