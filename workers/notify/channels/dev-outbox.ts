import type { OutgoingMessage } from "./types.ts";

export interface DevOutboxEntry {
  channel: "sms" | "email";
  to: string;
  subject: string;
  body: string;
}

/** Development sends nothing: the SMS or email is kept as a row a developer can read. */
export function devOutboxEntry(
  channel: "sms" | "email",
  to: string,
  message: OutgoingMessage,
): DevOutboxEntry {
  const body = message.link ? `${message.body}\n${message.link}` : message.body;
  return { channel, to, subject: message.title, body };
}
