import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { ApiError } from "../../errors.ts";
import type { AppEnv } from "../context.ts";

export function clientAddress(c: Context<AppEnv>): string {
  return c.req.header("cf-connecting-ip") ?? "unknown";
}

/** Spends one unit of `limiter` for `key`, or answers 429. */
export async function spendRateLimit(limiter: RateLimit, key: string) {
  const { success } = await limiter.limit({ key });
  if (!success) {
    throw new ApiError("RATE_LIMITED", "请求过于频繁，请稍后再试", {
      headers: { "Retry-After": "60" },
    });
  }
}

/** Public routes are limited per client address. */
export const publicRateLimit = createMiddleware<AppEnv>(async function publicRateLimit(c, next) {
  await spendRateLimit(c.env.PUBLIC_LIMITER, `public:${clientAddress(c)}`);
  await next();
});
