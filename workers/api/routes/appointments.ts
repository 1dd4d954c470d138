import { createRoute } from "@hono/zod-openapi";
import {
  Appointment,
  AppointmentParam,
  AppointmentTokenBody,
  AppointmentView,
  AskAnotherTimeBody,
  CancelAppointmentBody,
  InviteAppointmentBody,
} from "../../../schema/api/appointments.ts";
import { TenantParam } from "../../../schema/api/common.ts";
import { SessionParam } from "../../../schema/api/reception.ts";
import { cancelAppointment } from "../../domain/reception/appointment-cancel.ts";
import {
  answerAppointment,
  inviteToAppointment,
  openAppointment,
} from "../../domain/reception/appointment-service.ts";
import { caseRequest, countyContext } from "../case-request.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { publicRateLimit } from "../middleware/rate-limit.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";

const citizen = [publicRateLimit, tenantContext];

const inviteRoute = createRoute({
  operationId: "inviteToAppointment",
  method: "post",
  path: "/t/{tenant}/reception/sessions/{sessionId}/appointments",
  tags: ["Reception appointments"],
  summary:
    "约访: invite the petitioner of a case the inviter may see to a slot; the link goes by SMS (quiet hours apply)",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff, requireRole("clerk", "leader", "supervisor")],
  request: {
    params: TenantParam.extend(SessionParam.shape),
    body: jsonBody(InviteAppointmentBody),
  },
  responses: {
    201: jsonContent(Appointment, "Invited: the place is booked and the SMS queued"),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

const cancelRoute = createRoute({
  operationId: "cancelAppointment",
  method: "post",
  path: "/t/{tenant}/reception/sessions/{sessionId}/appointments/{appointmentId}/cancel",
  tags: ["Reception appointments"],
  summary:
    "The office calls an appointment off: its place is given back, the link says 已取消, the petitioner is told by SMS",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff, requireRole("clerk", "leader", "supervisor")],
  request: {
    params: TenantParam.extend(SessionParam.shape).extend(AppointmentParam.shape),
    body: jsonBody(CancelAppointmentBody),
  },
  responses: {
    200: jsonContent(Appointment, "Cancelled"),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const openRoute = createRoute({
  operationId: "openAppointment",
  method: "post",
  path: "/t/{tenant}/public/appointment",
  tags: ["Reception appointments"],
  summary:
    "The appointment a petitioner's link opens: when, where, with whom — nothing of the case",
  middleware: citizen,
  request: { params: TenantParam, body: jsonBody(AppointmentTokenBody) },
  responses: {
    200: jsonContent(AppointmentView, "The appointment"),
    ...errorResponses(400, 404, 429),
  },
});

const confirmRoute = createRoute({
  operationId: "confirmAppointment",
  method: "post",
  path: "/t/{tenant}/public/appointment/confirm",
  tags: ["Reception appointments"],
  summary: "The petitioner confirms they will come",
  middleware: citizen,
  request: { params: TenantParam, body: jsonBody(AppointmentTokenBody) },
  responses: {
    200: jsonContent(AppointmentView, "Confirmed"),
    ...errorResponses(400, 404, 409, 429),
  },
});

const anotherTimeRoute = createRoute({
  operationId: "askAnotherAppointmentTime",
  method: "post",
  path: "/t/{tenant}/public/appointment/another-time",
  tags: ["Reception appointments"],
  summary: "The petitioner asks for another time, with a short note the office reads",
  middleware: citizen,
  request: { params: TenantParam, body: jsonBody(AskAnotherTimeBody) },
  responses: {
    200: jsonContent(AppointmentView, "Asked"),
    ...errorResponses(400, 404, 409, 429),
  },
});

export const appointmentRoutes = newRouter()
  .openapi(inviteRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const { sessionId } = c.req.valid("param");
    const appointment = await inviteToAppointment(c.env, ctx, viewer, c.get("tenant").shard, {
      sessionId,
      ...c.req.valid("json"),
      origin: new URL(c.req.url).origin,
    });
    return c.json(appointment, 201);
  })
  .openapi(cancelRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const { sessionId, appointmentId } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    const shard = c.get("tenant").shard;
    return c.json(
      await cancelAppointment(c.env, ctx, viewer, shard, { sessionId, appointmentId, reason }),
      200,
    );
  })
  .openapi(openRoute, async (c) => {
    const ctx = await countyContext(c);
    const { token } = c.req.valid("json");
    return c.json(await openAppointment(c.env, ctx, c.get("tenant").shard, token), 200);
  })
  .openapi(confirmRoute, async (c) => {
    const ctx = await countyContext(c);
    const { token } = c.req.valid("json");
    const shard = c.get("tenant").shard;
    return c.json(await answerAppointment(c.env, ctx, shard, token, { confirm: true }), 200);
  })
  .openapi(anotherTimeRoute, async (c) => {
    const ctx = await countyContext(c);
    const { token, note } = c.req.valid("json");
    const shard = c.get("tenant").shard;
    return c.json(await answerAppointment(c.env, ctx, shard, token, { note }), 200);
  });
