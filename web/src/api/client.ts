import type { ErrorBody as ServerErrorBody, ValidationIssue } from "../../../schema/api/common.ts";

/** The server's error body, or one made here when no answer came (no request id then). */
type ErrorBody = Omit<ServerErrorBody, "requestId"> & { requestId?: string | undefined };

export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly code: string;
  readonly status: number;
  readonly requestId: string | undefined;
  readonly details: unknown;

  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.status = status;
    this.code = body.code;
    this.requestId = body.requestId;
    this.details = body.details;
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

type UnauthenticatedListener = (err: ApiError) => void;
let unauthenticatedListener: UnauthenticatedListener | null = null;

/**
 * The console registers a listener so that a session expiring mid-use sends the user back to
 * the login page from wherever the 401 happened, instead of every page handling it.
 */
export function setUnauthenticatedListener(listener: UnauthenticatedListener | null): void {
  unauthenticatedListener = listener;
}

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export async function request<T>(
  method: HttpMethod,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const init: RequestInit = {
    method,
    credentials: "same-origin",
    headers: { accept: "application/json" },
  };
  if (signal) init.signal = signal;
  if (body !== undefined) {
    init.headers = { accept: "application/json", "content-type": "application/json" };
    init.body = JSON.stringify(body);
  }

  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, { code: "NETWORK", message: "网络连接失败，请检查网络后重试。" });
  }

  if (res.ok) {
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  const err = new ApiError(res.status, await readErrorBody(res));
  if (err.status === 401 && unauthenticatedListener) unauthenticatedListener(err);
  throw err;
}

async function readErrorBody(res: Response): Promise<ErrorBody> {
  const fallback: ErrorBody = {
    code: res.status >= 500 ? "INTERNAL" : "UNKNOWN",
    message: `服务暂时不可用（HTTP ${res.status}），请稍后重试。`,
  };
  try {
    const data: unknown = await res.json();
    if (isRecord(data) && isRecord(data.error)) {
      const { code, message, requestId, details } = data.error;
      if (typeof code === "string" && typeof message === "string") {
        return {
          code,
          message,
          requestId: typeof requestId === "string" ? requestId : undefined,
          details,
        };
      }
    }
  } catch {
    // A proxy or the platform answered with something other than the JSON envelope.
  }
  return fallback;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** The field-level problems of a VALIDATION_FAILED error; empty for any other error. */
export function validationIssues(err: unknown): ValidationIssue[] {
  if (!isApiError(err) || err.code !== "VALIDATION_FAILED" || !Array.isArray(err.details)) {
    return [];
  }
  const issues: ValidationIssue[] = [];
  for (const item of err.details) {
    if (isRecord(item) && typeof item.message === "string") {
      const path = Array.isArray(item.path) ? item.path.join(".") : String(item.path ?? "");
      issues.push({ path, message: item.message });
    }
  }
  return issues;
}

/** Seconds until a locked or rate-limited request may be retried, if the server said. */
export function retryAfterSeconds(err: unknown): number | null {
  if (!isApiError(err) || !isRecord(err.details)) return null;
  const value = err.details.retryAfterSeconds;
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : null;
}

export const seg = encodeURIComponent;
