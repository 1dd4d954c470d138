/** A rendered message ready to go out on one channel. */
export interface OutgoingMessage {
  /** Delivery id; also the idempotency key receivers can use. */
  id: string;
  /** Chinese. */
  title: string;
  /** Chinese, plain text. */
  body: string;
  /** Absolute URL to open (case page), optional. */
  link?: string;
}

export type DeliveryOutcome =
  /** `providerResponse` is a short text of what the provider answered. */
  | { ok: true; providerResponse: string }
  | { ok: false; retryable: boolean; error: string; providerResponse?: string };

export type DeliveryFailure = Extract<DeliveryOutcome, { ok: false }>;
