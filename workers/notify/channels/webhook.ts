import { hex, hexDecode, hmac, hmacKey, utf8 } from "./encoding.ts";
import { callProvider, excerpt, isFailure, isSuccessStatus, statusFailure } from "./http.ts";
import type { DeliveryOutcome, OutgoingMessage } from "./types.ts";

/** A county's own system, called with a signed JSON POST. */
export interface WebhookConfig {
  url: string;
  secret: string;
}

export interface WebhookPayload {
  event: string;
  tenant: string;
  message: OutgoingMessage;
  data?: unknown;
}

export const WEBHOOK_HEADERS = {
  id: "X-Lianxin-Id",
  event: "X-Lianxin-Event",
  timestamp: "X-Lianxin-Timestamp",
  signature: "X-Lianxin-Signature",
} as const;

export const WEBHOOK_MIN_SECRET_LENGTH = 16;

/**
 * The X-Lianxin-Signature value: `sha256=` + hex HMAC-SHA256(secret, `${timestamp}.${body}`).
 * The timestamp is signed with the body so a captured request cannot be replayed later.
 */
export async function signWebhook(
  secret: string,
  timestamp: number,
  body: string,
): Promise<string> {
  return `sha256=${hex(await hmac(secret, "SHA-256", `${timestamp}.${body}`))}`;
}

/**
 * What a receiver runs on an incoming request: the signature must match the raw body (the
 * bytes as received, before any JSON parsing) and the timestamp must be within
 * `toleranceSeconds` of `now`. The comparison is WebCrypto's verify, which is constant-time.
 */
export async function verifyWebhookSignature(
  secret: string,
  headers: Headers | Record<string, string | undefined>,
  body: string,
  toleranceSeconds = 300,
  now: Date = new Date(),
): Promise<boolean> {
  const header = (name: string) =>
    headers instanceof Headers
      ? headers.get(name)
      : (Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] ??
        null);
  const timestampText = header(WEBHOOK_HEADERS.timestamp);
  const signatureText = header(WEBHOOK_HEADERS.signature);
  if (!timestampText || !signatureText || !/^\d{1,12}$/.test(timestampText)) return false;
  const timestamp = Number(timestampText);
  if (Math.abs(Math.floor(now.getTime() / 1000) - timestamp) > toleranceSeconds) return false;
  const match = /^sha256=([0-9a-f]{64})$/i.exec(signatureText.trim());
  const signature = match?.[1] ? hexDecode(match[1]) : undefined;
  if (!signature) return false;
  const key = await hmacKey(secret, "SHA-256", "verify");
  return crypto.subtle.verify("HMAC", key, signature, utf8(`${timestamp}.${body}`));
}

/** Problems with a county webhook configuration, in Chinese; empty when it is usable. */
export function validateWebhookConfig(
  config: WebhookConfig,
  options: { allowAnyHost: boolean },
): string[] {
  const problems: string[] = [];
  try {
    const url = new URL(config.url);
    const allowed = options.allowAnyHost ? ["https:", "http:"] : ["https:"];
    if (!allowed.includes(url.protocol)) {
      problems.push(
        options.allowAnyHost ? "回调地址必须以 http(s):// 开头" : "回调地址必须使用 https",
      );
    }
    if (url.username || url.password) problems.push("回调地址不能包含用户名或密码");
  } catch {
    problems.push("回调地址不是有效的网址");
  }
  if (config.secret.length < WEBHOOK_MIN_SECRET_LENGTH) {
    problems.push(`签名密钥至少 ${WEBHOOK_MIN_SECRET_LENGTH} 个字符`);
  }
  return problems;
}

export async function sendWebhook(
  config: WebhookConfig,
  payload: WebhookPayload,
  fetchFn: typeof fetch = fetch,
  now: Date = new Date(),
): Promise<DeliveryOutcome> {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(now.getTime() / 1000);
  const reply = await callProvider(fetchFn, config.url, {
    method: "POST",
    headers: {
      "content-type": "application/json; charset=utf-8",
      "user-agent": "Lianxin-Webhook/1",
      [WEBHOOK_HEADERS.id]: payload.message.id,
      [WEBHOOK_HEADERS.event]: payload.event,
      [WEBHOOK_HEADERS.timestamp]: String(timestamp),
      [WEBHOOK_HEADERS.signature]: await signWebhook(config.secret, timestamp, body),
    },
    body,
  });
  if (isFailure(reply)) return reply;
  if (!isSuccessStatus(reply.status)) return statusFailure(reply);
  const answer = excerpt(reply.text);
  return {
    ok: true,
    providerResponse: answer ? `HTTP ${reply.status}: ${answer}` : `HTTP ${reply.status}`,
  };
}
