import { exports } from "cloudflare:workers";

export const ADMIN_TOKEN = "test-platform-admin-token-0123456789abcdef";

export interface Call {
  method?: string;
  body?: unknown;
  rawBody?: BodyInit;
  token?: string;
  headers?: Record<string, string>;
  /** Each test file talks from its own address so rate limits do not leak between files. */
  ip?: string;
}

export interface Reply<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the Worker the way a client on the network would. */
export async function call<T = Record<string, unknown>>(
  path: string,
  options: Call = {},
): Promise<Reply<T>> {
  const headers = new Headers(options.headers);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  if (options.ip) headers.set("cf-connecting-ip", options.ip);
  let body = options.rawBody;
  if (options.body !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(options.body);
  }
  const response = await exports.default.fetch(`https://lianxin.test${path}`, {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  const text = await response.text();
  const type = response.headers.get("content-type") ?? "";
  return {
    status: response.status,
    headers: response.headers,
    body: (type.includes("json") && text ? JSON.parse(text) : { text }) as T,
  };
}

let counter = 0;
/** A fresh client address per caller. */
export function freshIp(): string {
  counter += 1;
  return `198.51.100.${counter % 250}`;
}
