import { createRoute, z } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import {
  BookBody,
  BookingCodeBody,
  BookingLookup,
  BookingView,
  CancelBookingBody,
  CodeSent,
  Hold,
  HoldBody,
  RescheduleBookingBody,
  SessionParam,
} from "../../../schema/api/reception.ts";
import { cstDate } from "../../domain/deadlines/index.ts";
import { requireHumanCheck } from "../../domain/edges/proof-of-work.ts";
import {
  bookingView,
  bookSlot,
  cancelBooking,
  citizenBooking,
  holdSlot,
  registeredFromVisit,
  requestBookingCode,
  rescheduleBooking,
} from "../../domain/reception/booking-service.ts";
import { desksWorkedBy } from "../../domain/reception/joint-desks.ts";
import { staffView } from "../../domain/tenancy/county-context.ts";
import { ApiError, notFound } from "../../errors.ts";
import { sessionClient } from "../../reception/client.ts";
import { MonitorClient } from "../../reception/monitor-client.ts";
import { findReceptionSession } from "../../storage/reception.ts";
import { countyContext } from "../case-request.ts";
import { requireStaff } from "../middleware/auth.ts";
import { sameOriginSocket } from "../middleware/page-security.ts";
import { clientAddress, publicRateLimit } from "../middleware/rate-limit.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";

const citizen = [publicRateLimit, tenantContext];
const CodeParam = TenantParam.extend({
  bookingCode: z
    .string()
    .min(4)
    .max(20)
    .openapi({ param: { name: "bookingCode", in: "path" } }),
});

const requestCodeRoute = createRoute({
  operationId: "requestBookingCode",
  method: "post",
  path: "/t/{tenant}/public/booking-code",
  tags: ["Reception booking"],
  summary: "Send a one-time code by SMS to the phone a citizen books with",
  middleware: citizen,
  request: {
    params: TenantParam,
    body: jsonBody(BookingCodeBody),
  },
  responses: {
    202: jsonContent(CodeSent, "Sent"),
    ...errorResponses(400, 404, 422, 429),
  },
});

const holdRoute = createRoute({
  operationId: "holdReceptionSlot",
  method: "post",
  path: "/t/{tenant}/public/holds",
  tags: ["Reception booking"],
  summary: "Hold a slot for five minutes while the booking form is filled in",
  middleware: citizen,
  request: {
    params: TenantParam,
    body: jsonBody(HoldBody),
  },
  responses: {
    201: jsonContent(Hold, "Held"),
    ...errorResponses(400, 404, 409, 422, 429),
  },
});

const bookRoute = createRoute({
  operationId: "bookReceptionSlot",
  method: "post",
  path: "/t/{tenant}/public/bookings",
  tags: ["Reception booking"],
  summary: "Book a slot; a full slot answers 409 SLOT_FULL with the nearest free slots",
  middleware: citizen,
  request: { params: TenantParam, body: jsonBody(BookBody) },
  responses: {
    201: jsonContent(BookingView, "Booked: keep the booking code"),
    ...errorResponses(400, 404, 409, 422, 429),
  },
});

const getBookingRoute = createRoute({
  operationId: "getBooking",
  method: "get",
  path: "/t/{tenant}/public/bookings/{bookingCode}",
  tags: ["Reception booking"],
  summary: "A citizen's booking, with the last four digits of the phone",
  middleware: citizen,
  request: { params: CodeParam, query: BookingLookup },
  responses: { 200: jsonContent(BookingView, "The booking"), ...errorResponses(400, 404, 429) },
});

const cancelBookingRoute = createRoute({
  operationId: "cancelBooking",
  method: "post",
  path: "/t/{tenant}/public/bookings/{bookingCode}/cancel",
  tags: ["Reception booking"],
  summary: "Cancel a booking and free its place",
  middleware: citizen,
  request: { params: CodeParam, body: jsonBody(CancelBookingBody) },
  responses: { 200: jsonContent(BookingView, "Cancelled"), ...errorResponses(400, 404, 409, 429) },
});

const rescheduleRoute = createRoute({
  operationId: "rescheduleBooking",
  method: "post",
  path: "/t/{tenant}/public/bookings/{bookingCode}/reschedule",
  tags: ["Reception booking"],
  summary: "Move a booking to another slot of the same session",
  middleware: citizen,
  request: { params: CodeParam, body: jsonBody(RescheduleBookingBody) },
  responses: { 200: jsonContent(BookingView, "Moved"), ...errorResponses(400, 404, 409, 429) },
});

const watchQueueRoute = createRoute({
  operationId: "watchQueue",
  method: "get",
  path: "/t/{tenant}/reception/sessions/{sessionId}/queue/watch",
  tags: ["Reception queue"],
  summary:
    "WebSocket: the queue's full state now and after every change (names only for signed-in staff)",
  middleware: [sameOriginSocket, tenantContext],
  request: { params: TenantParam.extend(SessionParam.shape) },
  responses: { 101: { description: "Switching to WebSocket" }, ...errorResponses(403, 404, 426) },
});

const watchTenantRoute = createRoute({
  operationId: "watchTenantQueues",
  method: "get",
  path: "/t/{tenant}/reception/monitor/watch",
  tags: ["Reception queue"],
  summary: "WebSocket for the county office: every session's numbers today, live",
  security: staffSecurity,
  middleware: [sameOriginSocket, tenantContext, requireStaff],
  request: { params: TenantParam },
  responses: {
    101: { description: "Switching to WebSocket" },
    ...errorResponses(401, 403, 404, 426),
  },
});

const needsUpgrade = (request: Request) => {
  if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
    throw new ApiError("VALIDATION_FAILED", "需要 WebSocket 连接", { status: 426 as never });
  }
};

export const bookingRoutes = newRouter()
  .openapi(requestCodeRoute, async (c) => {
    const { phone, altcha } = c.req.valid("json");
    await requireHumanCheck(c.env, c.get("scope"), altcha);
    const ctx = await countyContext(c);
    return c.json(await requestBookingCode(c.env, ctx, phone, clientAddress(c)), 202);
  })
  .openapi(holdRoute, async (c) => {
    const ctx = await countyContext(c);
    const { sessionId, slotStart } = c.req.valid("json");
    return c.json(await holdSlot(c.env, ctx, c.get("tenant").shard, sessionId, slotStart), 201);
  })
  .openapi(bookRoute, async (c) => {
    const { altcha, ...request } = c.req.valid("json");
    await requireHumanCheck(c.env, c.get("scope"), altcha);
    const ctx = await countyContext(c);
    return c.json(await bookSlot(c.env, ctx, c.get("tenant").shard, request), 201);
  })
  .openapi(getBookingRoute, async (c) => {
    const ctx = await countyContext(c);
    const { session, booking, petitionId } = await citizenBooking(
      c.env,
      ctx,
      c.get("tenant").shard,
      c.req.valid("param").bookingCode,
      c.req.valid("query").phoneLast4,
    );
    const registered = await registeredFromVisit(ctx, petitionId ?? null);
    return c.json(bookingView(ctx, session, booking, registered), 200);
  })
  .openapi(cancelBookingRoute, async (c) => {
    const ctx = await countyContext(c);
    const { bookingCode } = c.req.valid("param");
    const { phoneLast4 } = c.req.valid("json");
    const shard = c.get("tenant").shard;
    return c.json(await cancelBooking(c.env, ctx, shard, bookingCode, phoneLast4), 200);
  })
  .openapi(rescheduleRoute, async (c) => {
    const ctx = await countyContext(c);
    const { bookingCode } = c.req.valid("param");
    const { phoneLast4, slotStart } = c.req.valid("json");
    const shard = c.get("tenant").shard;
    return c.json(
      await rescheduleBooking(c.env, ctx, shard, bookingCode, phoneLast4, slotStart),
      200,
    );
  })
  .openapi(watchQueueRoute, async (c) => {
    needsUpgrade(c.req.raw);
    const scope = c.get("scope");
    const row = await findReceptionSession(scope, c.req.valid("param").sessionId);
    if (!row || row.status === "draft") throw notFound("该接访日");
    // Staff of the session's unit (or the county office) see names; everyone else numbers.
    let audience = "public";
    try {
      await requireStaff(c, async () => {});
      const ctx = await countyContext(c);
      const viewer = staffView(c.get("staff"), ctx.units);
      // A joint reception's other units: names at their own desks only.
      const desks = await desksWorkedBy(ctx, viewer, row);
      if (desks) audience = desks === "all" ? "staff" : `desks:${desks.join(",")}`;
    } catch {
      // Not signed in: the public board or a citizen's phone.
    }
    const request = new Request(c.req.raw, { headers: new Headers(c.req.raw.headers) });
    request.headers.set("x-lianxin-audience", audience);
    return sessionClient(c.env, scope, row, c.get("tenant").shard).watch(request) as never;
  })
  .openapi(watchTenantRoute, async (c) => {
    needsUpgrade(c.req.raw);
    const ctx = await countyContext(c);
    const viewer = staffView(c.get("staff"), ctx.units);
    if (!viewer.inCountyOffice) throw new ApiError("FORBIDDEN", "实时监控仅对县信访局开放");
    const url = new URL(c.req.url);
    url.searchParams.set("date", cstDate(new Date()));
    return new MonitorClient(c.env, ctx.scope.tenant).watch(new Request(url, c.req.raw)) as never;
  });
