import { callProvider, isFailure, robotOutcome } from "./http.ts";
import { markdownUrl } from "./markdown.ts";
import type { DeliveryOutcome, OutgoingMessage } from "./types.ts";

/** 企业微信群机器人. */
export interface WeComConfig {
  /** https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… */
  webhookUrl: string;
}

export const WECOM_HOST = "qyapi.weixin.qq.com";

/**
 * -1 is "系统繁忙"; 45009 is the robot's 20-messages-a-minute limit; 45033 is too many
 * concurrent calls. Everything else (bad key, content too long, …) fails again on retry.
 */
const RETRYABLE_ERRCODES: ReadonlySet<number> = new Set([-1, 45009, 45033]);

/**
 * Problems with a WeCom robot configuration, in Chinese for the settings page; empty when
 * it is usable. Production only posts to Tencent's robot endpoint, so a leaked tenant
 * admin account cannot turn case notifications into a feed to an arbitrary server;
 * `allowAnyHost` lets development and tests point at a local stub.
 */
export function validateWeComConfig(
  config: WeComConfig,
  options: { allowAnyHost: boolean },
): string[] {
  let url: URL;
  try {
    url = new URL(config.webhookUrl);
  } catch {
    return ["企业微信机器人地址不是有效的网址"];
  }
  if (options.allowAnyHost) {
    return url.protocol === "https:" || url.protocol === "http:"
      ? []
      : ["企业微信机器人地址必须以 http(s):// 开头"];
  }
  const problems: string[] = [];
  if (url.protocol !== "https:") problems.push("企业微信机器人地址必须使用 https");
  if (url.hostname !== WECOM_HOST || url.port !== "") {
    problems.push(`企业微信机器人地址的域名必须是 ${WECOM_HOST}`);
  }
  if (url.pathname !== "/cgi-bin/webhook/send") {
    problems.push("企业微信机器人地址的路径应为 /cgi-bin/webhook/send");
  }
  if (!url.searchParams.get("key")) problems.push("企业微信机器人地址缺少 key 参数");
  return problems;
}

export function weComMarkdown(message: OutgoingMessage): string {
  const lines = [`**${message.title}**`, message.body];
  if (message.link) lines.push(`[查看案件](${markdownUrl(message.link)})`);
  return lines.join("\n");
}

export async function sendWeCom(
  config: WeComConfig,
  message: OutgoingMessage,
  fetchFn: typeof fetch = fetch,
): Promise<DeliveryOutcome> {
  const reply = await callProvider(fetchFn, config.webhookUrl, {
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-8" },
    body: JSON.stringify({ msgtype: "markdown", markdown: { content: weComMarkdown(message) } }),
  });
  return isFailure(reply) ? reply : robotOutcome(reply, RETRYABLE_ERRCODES);
}
