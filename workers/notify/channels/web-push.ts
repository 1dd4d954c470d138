import { buildPushPayload } from "@block65/webcrypto-web-push";
import { base64Url } from "./encoding.ts";
import {
  callProvider,
  errorText,
  excerpt,
  isFailure,
  isSuccessStatus,
  statusFailure,
} from "./http.ts";
import type { DeliveryOutcome, OutgoingMessage } from "./types.ts";

export interface VapidKeyPair {
  /** Uncompressed P-256 point (65 bytes), base64url: the browser's applicationServerKey. */
  publicKey: string;
  /** The private scalar d (32 bytes), base64url. */
  privateKey: string;
}

export interface WebPushConfig {
  vapid: VapidKeyPair & {
    /** mailto: or https: contact for the push service operator. */
    subject: string;
  };
}

/** What the browser's PushManager.subscribe() returned, as JSON. */
export interface WebPushSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** The notification data the service worker receives. */
export interface WebPushData {
  id: string;
  title: string;
  body: string;
  link?: string;
}

/**
 * The error of a delivery to a subscription the push service no longer knows (404/410):
 * the caller deletes the subscription instead of retrying.
 */
export const SUBSCRIPTION_GONE = "subscription gone";

/** Deadline reminders older than a day are noise; the push service drops them after this. */
const TTL_SECONDS = 24 * 60 * 60;

export function isSubscriptionGone(outcome: DeliveryOutcome): boolean {
  return !outcome.ok && outcome.error === SUBSCRIPTION_GONE;
}

/** A new VAPID key pair for a tenant (P-256, base64url without padding). */
export async function generateVapidKeys(): Promise<VapidKeyPair> {
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ]);
  if (!("privateKey" in pair)) throw new Error("VAPID key generation returned no key pair");
  const publicRaw = await crypto.subtle.exportKey("raw", pair.publicKey);
  const privateJwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
  if (!(publicRaw instanceof ArrayBuffer)) {
    throw new Error("VAPID public key export failed");
  }
  if (!("d" in privateJwk) || typeof privateJwk.d !== "string") {
    throw new Error("VAPID private key export failed");
  }
  return { publicKey: base64Url(new Uint8Array(publicRaw)), privateKey: privateJwk.d };
}

export async function sendWebPush(
  config: WebPushConfig,
  subscription: WebPushSubscription,
  message: OutgoingMessage,
  fetchFn: typeof fetch = fetch,
): Promise<DeliveryOutcome> {
  const data: WebPushData = { id: message.id, title: message.title, body: message.body };
  if (message.link) data.link = message.link;

  let request: Awaited<ReturnType<typeof buildPushPayload>>;
  try {
    request = await buildPushPayload(
      { data: JSON.stringify(data), options: { ttl: TTL_SECONDS } },
      { endpoint: subscription.endpoint, expirationTime: null, keys: subscription.keys },
      config.vapid,
    );
  } catch (error) {
    // Malformed subscription keys or VAPID keys: retrying cannot fix either.
    return { ok: false, retryable: false, error: `cannot build push request: ${errorText(error)}` };
  }

  const reply = await callProvider(fetchFn, subscription.endpoint, {
    method: "POST",
    headers: request.headers,
    body: request.body,
  });
  if (isFailure(reply)) return reply;
  if (reply.status === 404 || reply.status === 410) {
    return {
      ok: false,
      retryable: false,
      error: SUBSCRIPTION_GONE,
      providerResponse: excerpt(reply.text),
    };
  }
  if (!isSuccessStatus(reply.status)) return statusFailure(reply);
  return { ok: true, providerResponse: `HTTP ${reply.status}` };
}
