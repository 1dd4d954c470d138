import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ApiError, type ErrorCode } from "../errors.ts";

const codeForStatus: Record<number, ErrorCode> = {
  400: "VALIDATION_FAILED",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  422: "VALIDATION_FAILED",
  429: "RATE_LIMITED",
};

/** Everything that goes wrong leaves as `{error:{code,message,requestId,details?}}`. */
export function errorResponse(err: unknown, c: Context): Response {
  const requestId = (c.get("requestId") as string | undefined) ?? crypto.randomUUID();
  const apiError = toApiError(err);
  if (apiError.status >= 500) console.error(`[${requestId}]`, err);
  const body = {
    error: {
      code: apiError.code,
      message: apiError.message,
      requestId,
      ...(apiError.details !== undefined && { details: apiError.details }),
    },
  };
  return Response.json(body, {
    status: apiError.status,
    headers: { "X-Request-Id": requestId, ...apiError.headers },
  });
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof HTTPException) {
    const code = codeForStatus[err.status];
    if (code) return new ApiError(code, err.message || code, { status: err.status });
  }
  // The date and deadline rules throw RangeError for values outside their domain (a day
  // count past a limit, a date that does not exist): input that validation let through.
  if (err instanceof RangeError) {
    return new ApiError("VALIDATION_FAILED", err.message, { status: 422 });
  }
  return new ApiError("INTERNAL", "服务器内部错误，请稍后再试");
}
