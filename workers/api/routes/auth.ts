import { createRoute } from "@hono/zod-openapi";
import { deleteCookie, setCookie } from "hono/cookie";
import { ChangePasswordBody, LoginBody, LoginResult, Me } from "../../../schema/api/auth.ts";
import { changeOwnPassword } from "../../domain/auth/change-password.ts";
import { secondsUntil } from "../../domain/auth/lockout.ts";
import { login } from "../../domain/auth/login.ts";
import { ApiError, notFound } from "../../errors.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { revokeSessionStatement } from "../../storage/sessions.ts";
import { countyContext } from "../case-request.ts";
import { requireStaff, SESSION_COOKIE } from "../middleware/auth.ts";
import { clientAddress, publicRateLimit, spendRateLimit } from "../middleware/rate-limit.ts";
import { presentStaff, presentUnit } from "../present.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";

const loginRoute = createRoute({
  operationId: "login",
  method: "post",
  path: "/auth/login",
  tags: ["Auth"],
  summary: "Sign in a staff member; returns a bearer token and sets the session cookie",
  middleware: [publicRateLimit],
  request: { body: jsonBody(LoginBody) },
  responses: {
    200: jsonContent(LoginResult, "Signed in"),
    ...errorResponses(400, 401, 423, 429),
  },
});

const logoutRoute = createRoute({
  operationId: "logout",
  method: "post",
  path: "/auth/logout",
  tags: ["Auth"],
  summary: "End the current session; the token stops working at once",
  security: staffSecurity,
  middleware: [requireStaff],
  responses: { 204: { description: "Signed out" }, ...errorResponses(401) },
});

const getMeRoute = createRoute({
  operationId: "getMe",
  method: "get",
  path: "/auth/me",
  tags: ["Auth"],
  summary: "Who is signed in, in which county and unit",
  security: staffSecurity,
  middleware: [requireStaff],
  responses: { 200: jsonContent(Me, "The signed-in staff member"), ...errorResponses(401) },
});

const changePasswordRoute = createRoute({
  operationId: "changePassword",
  method: "post",
  path: "/auth/password",
  tags: ["Auth"],
  summary: "Change one's own password; every other session of the account is signed out",
  security: staffSecurity,
  middleware: [requireStaff],
  request: { body: jsonBody(ChangePasswordBody) },
  responses: {
    204: { description: "Changed; this session stays signed in" },
    ...errorResponses(400, 401, 422, 429),
  },
});

export const authRoutes = newRouter()
  .openapi(loginRoute, async (c) => {
    const input = c.req.valid("json");
    await spendRateLimit(
      c.env.LOGIN_LIMITER,
      `login:${clientAddress(c)}:${input.tenant}:${input.username}`,
    );
    const now = new Date();
    const outcome = await login(c.env, { ...input, address: clientAddress(c) }, now);
    if (outcome.kind === "invalid") throw new ApiError("UNAUTHENTICATED", "用户名或密码错误");
    if (outcome.kind === "locked") {
      const retryAfterSeconds = secondsUntil(outcome.until, now);
      throw new ApiError(
        "ACCOUNT_LOCKED",
        `连续登录失败次数过多，账号已锁定，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`,
        {
          details: { lockedUntil: outcome.until.toISOString(), retryAfterSeconds },
          headers: { "Retry-After": String(retryAfterSeconds) },
        },
      );
    }
    setCookie(c, SESSION_COOKIE, outcome.token, {
      httpOnly: true,
      secure: true,
      sameSite: "Lax",
      path: "/",
      expires: outcome.expiresAt,
    });
    return c.json(
      {
        token: outcome.token,
        expiresAt: outcome.expiresAt.toISOString(),
        staff: presentStaff(outcome.staff),
      },
      200,
    );
  })
  .openapi(logoutRoute, async (c) => {
    const now = new Date();
    const staff = c.get("staff");
    await batchWithAudit(
      c.get("scope"),
      [revokeSessionStatement(c.get("scope"), c.get("sessionTokenHash"), now)],
      { actorId: staff.id, action: "auth.logout", targetType: "staff", targetId: staff.id },
      now,
    );
    deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
    return c.body(null, 204);
  })
  .openapi(changePasswordRoute, async (c) => {
    const staff = c.get("staff");
    // Guessing the old password from a stolen session is slowed like guessing at login.
    await spendRateLimit(c.env.LOGIN_LIMITER, `password:${c.get("tenant").code}:${staff.id}`);
    await changeOwnPassword(c.get("scope"), staff, c.get("sessionTokenHash"), c.req.valid("json"));
    return c.body(null, 204);
  })
  .openapi(getMeRoute, async (c) => {
    const staff = c.get("staff");
    const tenant = c.get("tenant");
    const unit = (await countyContext(c)).units.find((u) => u.id === staff.unitId);
    if (!unit) throw notFound("所在单位");
    return c.json(
      {
        staff: presentStaff(staff),
        tenant: { code: tenant.code, name: tenant.name },
        unit: presentUnit(unit),
      },
      200,
    );
  });
