import { base64, hmac } from "./encoding.ts";
import {
  callProvider,
  excerpt,
  isFailure,
  isSuccessStatus,
  parseJsonObject,
  statusFailure,
} from "./http.ts";
import type { DeliveryOutcome } from "./types.ts";

/** Aliyun SMS (dysmsapi 2017-05-25), RPC style with signature version 1.0. */
export interface AliyunSmsConfig {
  accessKeyId: string;
  accessKeySecret: string;
  /** The approved 短信签名, e.g. 连心桥; Aliyun prefixes it as 【连心桥】. */
  signName: string;
  /** The approved template, e.g. SMS_123456789; its text lives at Aliyun. */
  templateCode: string;
  endpoint?: string;
  regionId?: "cn-hangzhou";
}

export const ALIYUN_SMS_ENDPOINT = "https://dysmsapi.aliyuncs.com/";

/** Flow control: these clear up on their own, so the queue retries them. */
const THROTTLING_CODES: ReadonlySet<string> = new Set([
  "isv.BUSINESS_LIMIT_CONTROL",
  "Throttling.User",
  "Throttling",
]);

/**
 * Aliyun's percent-encoding: RFC 3986, where only A–Z a–z 0–9 - _ . ~ stay as they are.
 * Aliyun documents it as Java's URLEncoder followed by `+`→`%20`, `*`→`%2A`, `%7E`→`~`;
 * from encodeURIComponent the same result needs `! ' ( ) *` encoded too.
 */
export function aliyunPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `k=v&…` with keys sorted and both sides percent-encoded: what is signed and sent. */
export function aliyunCanonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((key) => `${aliyunPercentEncode(key)}=${aliyunPercentEncode(params[key] ?? "")}`)
    .join("&");
}

/** base64(HMAC-SHA1(key = secret + "&", "GET&%2F&" + percentEncode(canonical query))). */
export async function aliyunSignature(
  params: Record<string, string>,
  accessKeySecret: string,
): Promise<string> {
  const stringToSign = `GET&${aliyunPercentEncode("/")}&${aliyunPercentEncode(aliyunCanonicalQuery(params))}`;
  return base64(await hmac(`${accessKeySecret}&`, "SHA-1", stringToSign));
}

/** ISO 8601 UTC to the second, the only form Aliyun accepts (2026-11-22T08:00:00Z). */
export function aliyunTimestamp(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * The SendSms parameters before signing. The delivery id is the OutId, so it comes back
 * on delivery receipts, and with the attempt number the SignatureNonce: a retry after
 * throttling (which uses up the nonce) can go out, while the same attempt sent twice is
 * refused by Aliyun instead of texting the citizen twice.
 */
export function aliyunSmsParams(
  config: AliyunSmsConfig,
  phone: string,
  templateParams: Record<string, string>,
  messageId: string,
  now: Date,
  attempt = 1,
): Record<string, string> {
  return {
    AccessKeyId: config.accessKeyId,
    Action: "SendSms",
    Format: "JSON",
    OutId: messageId,
    PhoneNumbers: phone,
    RegionId: config.regionId ?? "cn-hangzhou",
    SignName: config.signName,
    SignatureMethod: "HMAC-SHA1",
    SignatureNonce: attempt > 1 ? `${messageId}.${attempt}` : messageId,
    SignatureVersion: "1.0",
    TemplateCode: config.templateCode,
    TemplateParam: JSON.stringify(templateParams),
    Timestamp: aliyunTimestamp(now),
    Version: "2017-05-25",
  };
}

export async function aliyunSmsUrl(
  config: AliyunSmsConfig,
  phone: string,
  templateParams: Record<string, string>,
  messageId: string,
  now: Date,
  attempt = 1,
): Promise<string> {
  const params = aliyunSmsParams(config, phone, templateParams, messageId, now, attempt);
  const signature = await aliyunSignature(params, config.accessKeySecret);
  const endpoint = config.endpoint ?? ALIYUN_SMS_ENDPOINT;
  return `${endpoint}?Signature=${aliyunPercentEncode(signature)}&${aliyunCanonicalQuery(params)}`;
}

export async function sendAliyunSms(
  config: AliyunSmsConfig,
  phone: string,
  templateParams: Record<string, string>,
  messageId: string,
  fetchFn: typeof fetch = fetch,
  now: Date = new Date(),
  attempt = 1,
): Promise<DeliveryOutcome> {
  const url = await aliyunSmsUrl(config, phone, templateParams, messageId, now, attempt);
  const reply = await callProvider(fetchFn, url, { method: "GET" });
  if (isFailure(reply)) return reply;

  const json = parseJsonObject(reply.text);
  const code = typeof json?.Code === "string" ? json.Code : undefined;
  const detail = code
    ? `${code}${typeof json?.Message === "string" ? `: ${json.Message}` : ""}`
    : "";
  if (code === "OK" && isSuccessStatus(reply.status)) {
    return { ok: true, providerResponse: excerpt(reply.text) };
  }
  // Aliyun reports flow control with HTTP 200 (isv.*) or 400 (Throttling.*) alike.
  if (code && THROTTLING_CODES.has(code)) {
    return { ok: false, retryable: true, error: detail, providerResponse: excerpt(reply.text) };
  }
  if (code === "SignatureNonceUsed") {
    // This very attempt already reached Aliyun; sending it again is refused
    // by design, and whether that attempt was sent is only visible in Aliyun's receipts.
    return {
      ok: false,
      retryable: false,
      error: `${detail} (an earlier attempt with this id reached Aliyun)`,
      providerResponse: excerpt(reply.text),
    };
  }
  if (!isSuccessStatus(reply.status)) return statusFailure(reply, detail || undefined);
  return {
    ok: false,
    retryable: false,
    error: detail || "unexpected response (no Code)",
    providerResponse: excerpt(reply.text),
  };
}
