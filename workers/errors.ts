import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The stable, machine-readable error codes of the public API, with their HTTP status. */
export const errorStatus = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  /** A reception slot has no place left; `details.nearestFree` offers others. */
  SLOT_FULL: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  BAD_ENVIRONMENT: 500,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldProblem {
  path: string;
  message: string;
}

/** The one error type. Handlers throw it; `onError` turns it into the envelope. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: ContentfulStatusCode;
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      status?: ContentfulStatusCode;
      details?: unknown;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = options.status ?? errorStatus[code];
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}

export const notFound = (what = "资源") => new ApiError("NOT_FOUND", `${what}不存在`);

/** A semantically invalid body (well-formed JSON that breaks a rule) answers 422. */
export const invalid = (path: string, message: string) =>
  new ApiError("VALIDATION_FAILED", message, { status: 422, details: [{ path, message }] });

export const conflict = (message: string, details?: unknown) =>
  new ApiError("CONFLICT", message, { details });
