import type { DeliveryFailure, DeliveryOutcome } from "./types.ts";

/** Providers that have not answered in this long are treated as down for this attempt. */
export const PROVIDER_TIMEOUT_MS = 10_000;

/** Delivery rows keep what the provider said, but a provider's error page can be huge. */
const EXCERPT_LENGTH = 300;

export interface ProviderReply {
  status: number;
  text: string;
}

/**
 * One HTTP exchange with a provider. Network errors and timeouts come back as retryable
 * failures instead of exceptions, so a queue consumer never loses a message to a throw.
 * Redirects are not followed: no provider we call redirects, and following one would
 * send a signed request (or a county's webhook payload) somewhere nobody configured.
 */
export async function callProvider(
  fetchFn: typeof fetch,
  url: string,
  init: RequestInit,
): Promise<ProviderReply | DeliveryFailure> {
  try {
    const response = await fetchFn(url, {
      ...init,
      redirect: "manual",
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    return networkFailure(error);
  }
}

export function isFailure(reply: ProviderReply | DeliveryFailure): reply is DeliveryFailure {
  return "ok" in reply;
}

export function networkFailure(error: unknown): DeliveryFailure {
  const name = error instanceof Error ? error.name : "";
  if (name === "TimeoutError" || name === "AbortError") {
    return { ok: false, retryable: true, error: `timeout after ${PROVIDER_TIMEOUT_MS / 1000} s` };
  }
  return { ok: false, retryable: true, error: `network error: ${errorText(error)}` };
}

export function isSuccessStatus(status: number): boolean {
  return status >= 200 && status < 300;
}

/** 5xx and 429 may clear up on their own; any other non-2xx will fail again the same way. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429;
}

export function statusFailure(reply: ProviderReply, detail?: string): DeliveryFailure {
  const redirect = reply.status >= 300 && reply.status < 400 ? " (redirects are not followed)" : "";
  return {
    ok: false,
    retryable: isRetryableStatus(reply.status),
    error: `HTTP ${reply.status}${redirect}${detail ? `: ${detail}` : ""}`,
    providerResponse: excerpt(reply.text),
  };
}

export function excerpt(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > EXCERPT_LENGTH ? `${trimmed.slice(0, EXCERPT_LENGTH)}…` : trimmed;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The chat robots (WeCom, DingTalk) answer HTTP 200 with `{errcode, errmsg}`; only
 * errcode 0 means the message was posted.
 */
export function robotOutcome(
  reply: ProviderReply,
  retryableCodes: ReadonlySet<number>,
): DeliveryOutcome {
  if (!isSuccessStatus(reply.status)) return statusFailure(reply);
  const json = parseJsonObject(reply.text);
  const code = json?.errcode;
  if (typeof code !== "number") {
    // Not retried: something did answer 200, and the robots do not deduplicate.
    return {
      ok: false,
      retryable: false,
      error: "unexpected response (no errcode)",
      providerResponse: excerpt(reply.text),
    };
  }
  if (code === 0) return { ok: true, providerResponse: excerpt(reply.text) };
  const message = typeof json?.errmsg === "string" ? json.errmsg : "";
  return {
    ok: false,
    retryable: retryableCodes.has(code),
    error: `errcode ${code}${message ? `: ${message}` : ""}`,
    providerResponse: excerpt(reply.text),
  };
}
