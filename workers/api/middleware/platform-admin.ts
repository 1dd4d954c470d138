import { createMiddleware } from "hono/factory";
import { timingSafeEqual } from "../../domain/auth/password.ts";
import { ApiError } from "../../errors.ts";
import type { AppEnv } from "../context.ts";

/** The platform operator, who onboards counties, holds the PLATFORM_ADMIN_TOKEN secret. */
export const requirePlatformAdmin = createMiddleware<AppEnv>(
  async function requirePlatformAdmin(c, next) {
    const presented = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
    if (!presented) throw new ApiError("UNAUTHENTICATED", "需要平台管理员令牌");
    const encoder = new TextEncoder();
    const [a, b] = await Promise.all([
      crypto.subtle.digest("SHA-256", encoder.encode(presented)),
      crypto.subtle.digest("SHA-256", encoder.encode(c.env.PLATFORM_ADMIN_TOKEN)),
    ]);
    if (!timingSafeEqual(new Uint8Array(a), new Uint8Array(b))) {
      throw new ApiError("FORBIDDEN", "平台管理员令牌无效");
    }
    await next();
  },
);
