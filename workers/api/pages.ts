import { type Context, Hono } from "hono";
import { findActiveTenant } from "../storage/control.ts";
import type { AppEnv } from "./context.ts";
import { pageHeaders } from "./middleware/page-security.ts";
import { publicRateLimit } from "./middleware/rate-limit.ts";

/**
 * Tenant pages are static builds of web/; the Worker picks the page for a path and
 * answers 404 for a county that does not exist, so the page and its status agree.
 */
export const pageRoutes = new Hono<AppEnv>();

const publicPage = "/public";
const consolePage = "/console";
const citizenPage = "/citizen";
const boardPage = "/board";

for (const [path, page] of [
  ["/t/:tenant", publicPage],
  ["/t/:tenant/", publicPage],
  ["/t/:tenant/petition", citizenPage],
  ["/t/:tenant/track", citizenPage],
  ["/t/:tenant/reception/board/:sessionId", boardPage],
  ["/t/:tenant/reception/hall", boardPage],
  ["/t/:tenant/reception", citizenPage],
  ["/t/:tenant/reception/*", citizenPage],
  ["/t/:tenant/login", consolePage],
  ["/t/:tenant/console", consolePage],
  ["/t/:tenant/console/*", consolePage],
] as const) {
  pageRoutes.get(path, publicRateLimit, async (c) => {
    const code = c.req.param("tenant");
    const exists = /^\d{6}$/.test(code) && (await findActiveTenant(c.env, code)) !== undefined;
    const asset = await c.env.ASSETS.fetch(new URL(page, c.req.url));
    const headers = { ...Object.fromEntries(asset.headers), ...pageHeaders(c) };
    // The HTML names hashed asset files; it must be revalidated so a deploy takes effect.
    headers["cache-control"] = "no-cache";
    return c.newResponse(asset.body, exists ? 200 : 404, headers);
  });
}

/** A page path that matches nothing: a small page in Chinese, not a JSON envelope. */
export function missingPage(c: Context<AppEnv>) {
  // No inline style: the page runs under the same policy as every other.
  return c.html(
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>页面不存在 · 连心桥</title></head><body><main><h1>页面不存在</h1><p>您访问的页面不存在或已移动。</p><p><a href="/">返回连心桥首页</a></p></main></body></html>`,
    404,
    pageHeaders(c),
  );
}
