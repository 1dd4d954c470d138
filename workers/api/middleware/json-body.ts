import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { ApiError } from "../../errors.ts";
import type { AppEnv } from "../context.ts";

export const MAX_BODY_BYTES = 1024 * 1024;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** API bodies are JSON of at most 1 MB; anything else is refused before parsing. */
export const jsonBodyOnly = createMiddleware<AppEnv>(async function jsonBodyOnly(c, next) {
  const request = c.req.raw;
  if (hasBody(request) && !JSON_TYPE.test(request.headers.get("content-type") ?? "")) {
    throw new ApiError(
      "UNSUPPORTED_MEDIA_TYPE",
      "请求体必须是 JSON（Content-Type: application/json）",
    );
  }
  await next();
});

export const bodySizeLimit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError("PAYLOAD_TOO_LARGE", "请求体超过 1 MB");
  },
});

/** A POST without a body (logout) may still carry an empty stream; only real bytes count. */
function hasBody(request: Request): boolean {
  if (request.body === null) return false;
  const length = request.headers.get("content-length");
  return length === null ? request.headers.has("transfer-encoding") : Number(length) > 0;
}

const FILE_UPLOAD = /^\/api\/v1\/t\/[^/]+\/(?:public\/)?petitions\/[^/]+\/files$/;

const THUMBNAIL_UPLOAD = /^\/api\/v1\/t\/[^/]+\/petitions\/[^/]+\/files\/[^/]+\/thumbnail$/;

/**
 * An evidence-file upload: a raw body streamed to R2, not JSON, not held in memory; or an
 * image's thumbnail, raw bytes its route holds to 64 KB.
 */
export function isFileUpload(request: Request): boolean {
  const path = new URL(request.url).pathname;
  return (
    (request.method === "POST" && FILE_UPLOAD.test(path)) ||
    (request.method === "PUT" && THUMBNAIL_UPLOAD.test(path))
  );
}
