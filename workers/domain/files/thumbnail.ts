import type { CaseFileRow } from "../../../schema/tenant/tables.ts";
import { ApiError, conflict, invalid } from "../../errors.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { setThumbnailStatement } from "../../storage/files.ts";
import type { TenantScope } from "../../storage/tenant-scope.ts";
import { sizeText } from "./policy.ts";
import { recognise } from "./sniff.ts";

/** A thumbnail is small: the case page shows it at 120 px or so. */
export const THUMB_MAX_BYTES = 64 * 1024;
const THUMB_TYPES: readonly string[] = ["image/jpeg", "image/webp", "image/png"];

/**
 * Stores the thumbnail the browser made of an image file (workerd has no image codec, the
 * browser's canvas has), as a derived object beside the file's own. The bytes must be a
 * JPEG, WebP or PNG by their content and at most 64 KB; a file has one thumbnail, and a
 * withdrawn or non-image file none. Bytes first, then the row and its audit entry in one
 * batch; if that fails the object is deleted again.
 */
export async function storeThumbnail(
  bucket: R2Bucket,
  scope: TenantScope,
  file: CaseFileRow,
  actorId: string,
  body: ReadableStream<Uint8Array> | null,
  declaredLength: string | undefined,
  now = new Date(),
) {
  if (!file.contentType.startsWith("image/")) throw conflict("只有图片文件才有缩略图");
  if (file.withdrawnAt) throw conflict("该文件已撤回");
  if (file.thumbKey) throw conflict("该文件已有缩略图");
  const length = Number(declaredLength);
  if (declaredLength === undefined || !Number.isSafeInteger(length) || length < 0) {
    throw new ApiError("VALIDATION_FAILED", "上传文件需要声明文件大小（Content-Length）", {
      status: 411,
    });
  }
  if (length > THUMB_MAX_BYTES) throw tooLarge();
  if (length === 0 || !body) throw invalid("body", "缩略图是空的");
  const bytes = await readAtMost(body, THUMB_MAX_BYTES);
  if (bytes.byteLength !== length) {
    throw new ApiError("VALIDATION_FAILED", "缩略图上传未完成，请重新上传");
  }
  const type = recognise(bytes.subarray(0, 64), "thumbnail")?.contentType;
  if (!type || !THUMB_TYPES.includes(type)) {
    throw new ApiError("UNSUPPORTED_MEDIA_TYPE", "缩略图须为 JPEG、WebP 或 PNG 图片");
  }
  const key = `${file.r2Key}.thumb`;
  await bucket.put(key, bytes, { httpMetadata: { contentType: type } });
  try {
    await batchWithAudit(
      scope,
      [setThumbnailStatement(scope, file.id, { key, type, size: length })],
      {
        actorId,
        action: "file.thumbnail",
        targetType: "petition",
        targetId: file.petitionId,
        detail: { fileId: file.id, size: length, type },
      },
      now,
    );
  } catch (error) {
    await bucket.delete(key).catch(() => undefined);
    throw error;
  }
  return { ...file, thumbKey: key, thumbType: type, thumbSize: length };
}

const tooLarge = () =>
  new ApiError("PAYLOAD_TOO_LARGE", `缩略图超过大小上限（不超过 ${sizeText(THUMB_MAX_BYTES)}）`);

/** Reads a small body whole, refusing one that runs past `max` whatever it declared. */
async function readAtMost(body: ReadableStream<Uint8Array>, max: number) {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > max) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError("VALIDATION_FAILED", "缩略图上传未完成，请重新上传");
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
