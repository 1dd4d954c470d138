import { base64, hmac } from "./encoding.ts";
import { callProvider, isFailure, robotOutcome } from "./http.ts";
import { markdownUrl } from "./markdown.ts";
import type { DeliveryOutcome, OutgoingMessage } from "./types.ts";

/** 钉钉自定义机器人 with 加签 (the "SEC…" secret shown when the robot is created). */
export interface DingTalkConfig {
  /** https://oapi.dingtalk.com/robot/send?access_token=… */
  webhookUrl: string;
  secret: string;
}

export const DINGTALK_HOST = "oapi.dingtalk.com";

/**
 * -1 is "系统繁忙"; 130101 and 410100 are the robot's 20-messages-a-minute limit. Signature,
 * keyword and token errors (310000, 300001, …) fail again on retry.
 */
const RETRYABLE_ERRCODES: ReadonlySet<number> = new Set([-1, 130101, 410100]);

/** base64(HMAC-SHA256(key = secret, data = `${timestamp}\n${secret}`)), not yet URL-encoded. */
export async function dingTalkSign(secret: string, timestamp: number): Promise<string> {
  return base64(await hmac(secret, "SHA-256", `${timestamp}\n${secret}`));
}

/** The webhook URL with `timestamp` and `sign`; DingTalk rejects timestamps over an hour old. */
export async function dingTalkSignedUrl(config: DingTalkConfig, now: number): Promise<string> {
  const sign = await dingTalkSign(config.secret, now);
  const separator = config.webhookUrl.includes("?") ? "&" : "?";
  return `${config.webhookUrl}${separator}timestamp=${now}&sign=${encodeURIComponent(sign)}`;
}

/** Problems with a DingTalk robot configuration, in Chinese; see `validateWeComConfig`. */
export function validateDingTalkConfig(
  config: DingTalkConfig,
  options: { allowAnyHost: boolean },
): string[] {
  const problems: string[] = [];
  if (!config.secret.startsWith("SEC")) {
    problems.push("钉钉机器人需启用“加签”，密钥以 SEC 开头");
  }
  let url: URL;
  try {
    url = new URL(config.webhookUrl);
  } catch {
    return [...problems, "钉钉机器人地址不是有效的网址"];
  }
  if (options.allowAnyHost) {
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      problems.push("钉钉机器人地址必须以 http(s):// 开头");
    }
    return problems;
  }
  if (url.protocol !== "https:") problems.push("钉钉机器人地址必须使用 https");
  if (url.hostname !== DINGTALK_HOST || url.port !== "") {
    problems.push(`钉钉机器人地址的域名必须是 ${DINGTALK_HOST}`);
  }
  if (url.pathname !== "/robot/send") problems.push("钉钉机器人地址的路径应为 /robot/send");
  if (!url.searchParams.get("access_token")) {
    problems.push("钉钉机器人地址缺少 access_token 参数");
  }
  return problems;
}

/** DingTalk's markdown needs a blank line between paragraphs; a single newline is ignored. */
export function dingTalkMarkdown(message: OutgoingMessage): { title: string; text: string } {
  const parts = [`### ${message.title}`, message.body];
  if (message.link) parts.push(`[查看案件](${markdownUrl(message.link)})`);
  return { title: message.title, text: parts.join("\n\n") };
}

export async function sendDingTalk(
  config: DingTalkConfig,
  message: OutgoingMessage,
  fetchFn: typeof fetch = fetch,
  now: number = Date.now(),
): Promise<DeliveryOutcome> {
  const url = await dingTalkSignedUrl(config, now);
  const reply = await callProvider(fetchFn, url, {
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-8" },
    body: JSON.stringify({ msgtype: "markdown", markdown: dingTalkMarkdown(message) }),
  });
  return isFailure(reply) ? reply : robotOutcome(reply, RETRYABLE_ERRCODES);
}
