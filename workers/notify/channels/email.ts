import { EmailMessage } from "cloudflare:email";
import { createMimeMessage } from "mimetext/browser";
import { base64, utf8 } from "./encoding.ts";
import { errorText } from "./http.ts";
import type { DeliveryOutcome, OutgoingMessage } from "./types.ts";

/** Sending through Cloudflare's Email binding; `from` must be on a domain set up there. */
export interface EmailConfig {
  from: string;
  fromName?: string;
}

/** RFC 2045 caps base64 lines at 76 characters. */
const BASE64_LINE = 76;

export function emailText(message: OutgoingMessage): string {
  return message.link ? `${message.body}\n\n查看案件：${message.link}\n` : `${message.body}\n`;
}

/**
 * The raw MIME message. The browser build of mimetext is used because it writes CRLF line
 * ends and UTF-8 base64 without Node's Buffer. The body is base64 so Chinese survives any
 * relay that is not 8-bit clean; the Message-ID comes from the delivery id so a resend of
 * the same delivery threads as the same mail.
 */
export function buildEmail(config: EmailConfig, to: string, message: OutgoingMessage): string {
  for (const address of [config.from, to]) {
    if (!isEmailAddress(address)) {
      throw new Error(`invalid email address: ${JSON.stringify(address)}`);
    }
  }
  const mime = createMimeMessage();
  mime.setSender(config.fromName ? { name: config.fromName, addr: config.from } : config.from);
  mime.setRecipient(to);
  mime.setSubject(message.title);
  mime.setHeader("Message-ID", `<${message.id}@${domainOf(config.from)}>`);
  mime.addMessage({
    contentType: "text/plain",
    charset: "UTF-8",
    encoding: "base64",
    data: wrap(base64(utf8(emailText(message).replaceAll(/\r?\n/g, "\r\n")))),
  });
  return mime.asRaw();
}

export async function sendEmail(
  binding: SendEmail,
  config: EmailConfig,
  to: string,
  message: OutgoingMessage,
): Promise<DeliveryOutcome> {
  let raw: string;
  try {
    raw = buildEmail(config, to, message);
  } catch (error) {
    // A malformed address fails the same way every time.
    return { ok: false, retryable: false, error: `cannot build email: ${errorText(error)}` };
  }
  try {
    const result = await binding.send(new EmailMessage(config.from, to, raw));
    return { ok: true, providerResponse: `messageId=${result.messageId}` };
  } catch (error) {
    return { ok: false, retryable: true, error: `email send failed: ${errorText(error)}` };
  }
}

/**
 * Addresses go into headers unencoded, so anything beyond a plain addr-spec (spaces, angle
 * brackets, line breaks that would start a new header) is refused.
 */
export function isEmailAddress(address: string): boolean {
  return /^[^\s@<>"(),;:]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(address);
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1) || "lianxin.invalid";
}

function wrap(text: string): string {
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += BASE64_LINE) lines.push(text.slice(i, i + BASE64_LINE));
  return lines.join("\r\n");
}
