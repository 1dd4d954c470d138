import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { ApiError } from "../../errors.ts";
import type { AppEnv } from "../context.ts";

/**
 * The Content-Security-Policy of every page: scripts and styles only from our own files
 * (no inline script, no CDN), data only from our own API and its WebSockets, and no
 * framing. `web/public/_headers` gives the static files the same policy.
 */
export function pagePolicy(host: string) {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' wss://${host} ws://${host}`,
    // The human check solves its proof of work in Web Workers from our own files.
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers a page answer carries besides its content type. */
export function pageHeaders(c: Context<AppEnv>): Record<string, string> {
  return {
    "content-security-policy": pagePolicy(new URL(c.req.url).host),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
  };
}

/**
 * A WebSocket is opened only from the county's own pages: a page on another site cannot
 * ride a signed-in clerk's cookie into the live queue. Browsers always send Origin on an
 * upgrade; a foreign one is refused before the socket opens.
 */
export const sameOriginSocket = createMiddleware<AppEnv>(async function sameOriginSocket(c, next) {
  const origin = c.req.header("origin");
  if (origin !== undefined && !sameHost(origin, c.req.url)) {
    throw new ApiError("FORBIDDEN", "不允许从其他网站连接");
  }
  await next();
});

function sameHost(origin: string, url: string) {
  try {
    return new URL(origin).host === new URL(url).host;
  } catch {
    return false;
  }
}
