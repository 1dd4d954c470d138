import { createRoute } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import {
  CheckInBody,
  CompleteTicketBody,
  DeskQuery,
  RouteTicketBody,
  SessionParam,
  TicketCompleted,
  TicketParam,
  TicketTransferred,
  TransferTicketBody,
} from "../../../schema/api/reception.ts";
import {
  DoneTickets,
  QueueState,
  StaffQueueState,
  StaffTicket,
} from "../../../schema/realtime/reception-queue.ts";
import type { TicketResult } from "../../../schema/realtime/reception-session.ts";
import { presentPetition } from "../../domain/petitions/view.ts";
import {
  checkIn,
  completeTicket,
  deskSession,
  ticketStep,
  transferTicket,
} from "../../domain/reception/desk-service.ts";
import { notFound } from "../../errors.ts";
import { type ReceptionClient, sessionClient } from "../../reception/client.ts";
import { listEvents } from "../../storage/petitions.ts";
import { findReceptionSession } from "../../storage/reception.ts";
import { caseRequest, countyContext } from "../case-request.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { publicRateLimit } from "../middleware/rate-limit.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";

const _scheduler = [
  tenantContext,
  requireStaff,
  requireRole("clerk", "leader", "supervisor", "tenant_admin"),
];
const desk = [tenantContext, requireStaff, requireRole("clerk", "leader", "supervisor")];
const SessionParams = TenantParam.extend(SessionParam.shape);
const TicketParams = TenantParam.extend(TicketParam.shape);

export const receptionDeskRoutes = newRouter();

// ── the day's queue (staff) ─────────────────────────────────────────────────────

const ticketResponse = {
  200: jsonContent(StaffTicket, "The ticket"),
  ...errorResponses(400, 401, 403, 404, 409),
};

const checkInRoute = createRoute({
  operationId: "checkIn",
  method: "post",
  path: "/t/{tenant}/reception/sessions/{sessionId}/check-in",
  tags: ["Reception queue"],
  summary:
    "Check a citizen in by booking code (typed or scanned), or as a walk-in; gives a ticket number",
  security: staffSecurity,
  middleware: desk,
  request: {
    params: SessionParams,
    body: jsonBody(CheckInBody),
  },
  responses: ticketResponse,
});

const simpleTicketOps: [
  string,
  string,
  string,
  (client: ReceptionClient, n: number) => Promise<TicketResult>,
][] = [
  [
    "recallTicket",
    "recall",
    "Call the current citizen again; after 3 unanswered calls they are a no-show",
    (s, n) => s.recall(n),
  ],
  [
    "markNoShow",
    "no-show",
    "Mark a called citizen as not present",
    (s, n) => s.setStatus(n, "no_show"),
  ],
  [
    "parkTicket",
    "park",
    "Set a ticket aside (gone to fetch papers); it keeps its place",
    (s, n) => s.setStatus(n, "parked"),
  ],
  [
    "resumeTicket",
    "resume",
    "Bring a parked ticket back to the queue",
    (s, n) => s.setStatus(n, "waiting"),
  ],
];

const callNextRoute = createRoute({
  operationId: "callNext",
  method: "post",
  path: "/t/{tenant}/reception/sessions/{sessionId}/call-next",
  tags: ["Reception queue"],
  summary:
    "Call the next citizen at a desk (booked by slot, walk-ins interleaved by the county's rule); `desk` at a joint reception",
  security: staffSecurity,
  middleware: desk,
  request: { params: SessionParams, query: DeskQuery },
  responses: ticketResponse,
});

const routeTicketRoute = createRoute({
  operationId: "routeTicket",
  method: "post",
  path: "/t/{tenant}/reception/sessions/{sessionId}/tickets/{number}/route",
  tags: ["Reception queue"],
  summary:
    "Send a citizen to another desk of a joint reception (分流); they keep their arrival time in its order",
  security: staffSecurity,
  middleware: desk,
  request: { params: TicketParams, body: jsonBody(RouteTicketBody) },
  responses: ticketResponse,
});

const completeRoute = createRoute({
  operationId: "completeTicket",
  method: "post",
  path: "/t/{tenant}/reception/sessions/{sessionId}/tickets/{number}/complete",
  tags: ["Reception queue"],
  summary:
    "Finish a visit: registers it as a petition (channel reception) owned by the receiving leader",
  security: staffSecurity,
  middleware: desk,
  request: {
    params: TicketParams,
    body: jsonBody(CompleteTicketBody),
  },
  responses: {
    200: jsonContent(TicketCompleted, "The ticket and the registered petition"),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

const transferRoute = createRoute({
  operationId: "transferTicket",
  method: "post",
  path: "/t/{tenant}/reception/sessions/{sessionId}/tickets/{number}/transfer",
  tags: ["Reception queue"],
  summary: "Hand a citizen to another leader's session the same day",
  security: staffSecurity,
  middleware: desk,
  request: {
    params: TicketParams,
    body: jsonBody(TransferTicketBody),
  },
  responses: {
    200: jsonContent(TicketTransferred, "The old and the new ticket"),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const queueStateRoute = createRoute({
  operationId: "getQueueState",
  method: "get",
  path: "/t/{tenant}/reception/sessions/{sessionId}/queue",
  tags: ["Reception queue"],
  summary:
    "The live queue: now serving, waiting in calling order, served, no-shows (numbers only; public)",
  middleware: [publicRateLimit, tenantContext],
  request: { params: SessionParams },
  responses: { 200: jsonContent(QueueState, "The queue"), ...errorResponses(404, 429) },
});

const staffQueueRoute = createRoute({
  operationId: "getQueueDesk",
  method: "get",
  path: "/t/{tenant}/reception/sessions/{sessionId}/desk",
  tags: ["Reception queue"],
  summary: "The queue with names and bookings, for the leader's and clerk's console",
  security: staffSecurity,
  middleware: desk,
  request: { params: SessionParams },
  responses: {
    200: jsonContent(StaffQueueState, "The queue"),
    ...errorResponses(401, 403, 404),
  },
});

const doneTicketsRoute = createRoute({
  operationId: "listDoneTickets",
  method: "get",
  path: "/t/{tenant}/reception/sessions/{sessionId}/done",
  tags: ["Reception queue"],
  summary:
    "The day's finished visits in full, for the desk's record (the live state carries only the latest)",
  security: staffSecurity,
  middleware: desk,
  request: { params: SessionParams },
  responses: {
    200: jsonContent(DoneTickets, "The finished visits, by number"),
    ...errorResponses(401, 403, 404),
  },
});

receptionDeskRoutes
  .openapi(checkInRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const shard = c.get("tenant").shard;
    const { sessionId } = c.req.valid("param");
    return c.json(await checkIn(c.env, ctx, viewer, shard, sessionId, c.req.valid("json")), 200);
  })
  .openapi(callNextRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const shard = c.get("tenant").shard;
    const { sessionId } = c.req.valid("param");
    const { desk: asked } = c.req.valid("query");
    return c.json(
      await ticketStep(
        c.env,
        ctx,
        viewer,
        shard,
        sessionId,
        (client, desk) => client.callNext(desk),
        { desk: asked },
      ),
      200,
    );
  })
  .openapi(routeTicketRoute, async (c) => {
    const { sessionId, number } = c.req.valid("param");
    const { ctx, viewer } = await caseRequest(c);
    const shard = c.get("tenant").shard;
    const { desk: to } = c.req.valid("json");
    return c.json(
      await ticketStep(c.env, ctx, viewer, shard, sessionId, (client) => client.route(number, to), {
        number,
      }),
      200,
    );
  })
  .openapi(completeRoute, async (c) => {
    const { sessionId, number } = c.req.valid("param");
    const { ctx, viewer } = await caseRequest(c);
    const shard = c.get("tenant").shard;
    const body = c.req.valid("json");
    const { ticket, petition } = await completeTicket(
      c.env,
      ctx,
      viewer,
      shard,
      sessionId,
      number,
      body,
    );
    const events = await listEvents(ctx.scope, "registrant", petition.id);
    return c.json({ ticket, petition: await presentPetition(ctx, viewer, petition, events) }, 200);
  })
  .openapi(transferRoute, async (c) => {
    const { sessionId, number } = c.req.valid("param");
    const { ctx, viewer } = await caseRequest(c);
    const shard = c.get("tenant").shard;
    const { toSessionId } = c.req.valid("json");
    return c.json(
      await transferTicket(c.env, ctx, viewer, shard, sessionId, number, toSessionId),
      200,
    );
  })
  .openapi(queueStateRoute, async (c) => {
    const ctx = await countyContext(c);
    const row = await findReceptionSession(ctx.scope, c.req.valid("param").sessionId);
    if (!row || row.status === "draft") throw notFound("该接访日");
    const state = await sessionClient(c.env, ctx.scope, row, c.get("tenant").shard).publicState();
    return c.json({ ...state, sessionId: row.id }, 200);
  })
  .openapi(staffQueueRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const shard = c.get("tenant").shard;
    const { sessionId } = c.req.valid("param");
    const { row, client, desks } = await deskSession(c.env, ctx, viewer, shard, sessionId);
    // Another unit's desk staff see names only at their own desks.
    const state = await client.staffState(desks);
    return c.json({ ...state, sessionId: row.id }, 200);
  })
  .openapi(doneTicketsRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const shard = c.get("tenant").shard;
    const { sessionId } = c.req.valid("param");
    const { row, client, desks } = await deskSession(c.env, ctx, viewer, shard, sessionId);
    // Another unit's desk staff see only their own desks' visits, as on their socket.
    return c.json({ sessionId: row.id, tickets: await client.doneTickets(desks) }, 200);
  });

for (const [operationId, path, summary, call] of simpleTicketOps) {
  const route = createRoute({
    operationId,
    method: "post",
    path: `/t/{tenant}/reception/sessions/{sessionId}/tickets/{number}/${path}`,
    tags: ["Reception queue"],
    summary,
    security: staffSecurity,
    middleware: desk,
    request: { params: TicketParams },
    responses: ticketResponse,
  });
  receptionDeskRoutes.openapi(route, async (c) => {
    const { sessionId, number } = c.req.valid("param");
    const { ctx, viewer } = await caseRequest(c);
    const shard = c.get("tenant").shard;
    return c.json(
      await ticketStep(c.env, ctx, viewer, shard, sessionId, (client) => call(client, number), {
        number,
      }),
      200,
    );
  });
}
