import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { TenantParam } from "../../../schema/api/common.ts";
import { CreatePetitionBody, Petition } from "../../../schema/api/petitions.ts";
import {
  QueueState,
  SessionParam,
  StaffTicket,
  TicketParam,
} from "../../../schema/api/reception.ts";
import { decryptPii, encryptPii } from "../../domain/crypto/pii.ts";
import { registerPetition } from "../../domain/petitions/intake.ts";
import { presentPetition } from "../../domain/petitions/view.ts";
import { withConfigured } from "../../domain/reception/booking-service.ts";
import { configureSession, sessionStub } from "../../domain/reception/schedule-service.ts";
import type { CaseContext, StaffView } from "../../domain/tenancy/county-context.ts";
import { ApiError, conflict, notFound } from "../../errors.ts";
import type { StaffQueueState, StaffTicket as Ticket } from "../../reception/protocol.ts";
import type { TicketResult } from "../../reception/session-object.ts";
import { listEvents } from "../../storage/petitions.ts";
import { findReceptionSession } from "../../storage/reception.ts";
import { caseRequest, countyContext } from "../case-request.ts";
import type { AppEnv } from "../context.ts";
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

/** The session, if this person works its desk: its own unit's staff or the county office. */
async function deskSession(ctx: CaseContext, viewer: StaffView, sessionId: string) {
  const row = await findReceptionSession(ctx.scope, sessionId);
  if (!row) throw notFound("该接访日");
  if (!viewer.inCountyOffice && !viewer.unitSubtree.includes(row.unitId)) {
    throw new ApiError("FORBIDDEN", "只能操作本单位的接访");
  }
  return row;
}

function ticketOrThrow(result: TicketResult): Ticket {
  if (result.ok) return result.ticket;
  if (result.reason === "NOT_FOUND") throw new ApiError("NOT_FOUND", result.message);
  throw conflict(result.message, { reason: result.reason });
}

async function onTicket(
  c: Context<AppEnv>,
  sessionId: string,
  call: (stub: ReturnType<typeof sessionStub>) => Promise<unknown>,
) {
  const { ctx, viewer } = await caseRequest(c);
  const row = await deskSession(ctx, viewer, sessionId);
  const stub = sessionStub(c.env, ctx.scope.tenant, row.id);
  const result = await withConfigured<TicketResult>(
    () => call(stub),
    () => configureSession(c.env, ctx, row, c.get("tenant").shard),
  );
  return ticketOrThrow(result);
}

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
    body: jsonBody(
      z.union([
        z.object({ bookingCode: z.string().trim().min(4).max(20) }).strict(),
        z
          .object({
            walkIn: z
              .object({
                name: z.string().trim().min(1).max(50),
                phone: z.string().trim().max(30).optional(),
                topic: z.string().trim().max(500).optional(),
                headcount: z.number().int().min(1).max(5).optional(),
              })
              .strict(),
          })
          .strict(),
      ]),
    ),
  },
  responses: ticketResponse,
});

const simpleTicketOps: [
  string,
  string,
  string,
  (stub: ReturnType<typeof sessionStub>, n: number) => Promise<unknown>,
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
  summary: "Call the next citizen (booked by slot, walk-ins interleaved by the county's rule)",
  security: staffSecurity,
  middleware: desk,
  request: { params: SessionParams },
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
    body: jsonBody(
      CreatePetitionBody.omit({ channel: true, receivedAt: true, unitId: true }).partial({
        petitioner: true,
      }),
    ),
  },
  responses: {
    200: jsonContent(
      z.object({ ticket: StaffTicket, petition: Petition }),
      "The ticket and the registered petition",
    ),
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
    body: jsonBody(z.object({ toSessionId: z.string().min(1).max(64) }).strict()),
  },
  responses: {
    200: jsonContent(
      z.object({ from: StaffTicket, to: StaffTicket }),
      "The old and the new ticket",
    ),
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
    200: jsonContent(
      QueueState.extend({
        nowServing: StaffTicket.nullable(),
        waiting: z.array(StaffTicket),
        parked: z.array(StaffTicket),
        done: z.array(StaffTicket),
      }),
      "The queue",
    ),
    ...errorResponses(401, 403, 404),
  },
});

receptionDeskRoutes
  .openapi(checkInRoute, async (c) => {
    const body = c.req.valid("json");
    const { ctx } = await caseRequest(c);
    let arrival: Parameters<ReturnType<typeof sessionStub>["checkIn"]>[0];
    if ("bookingCode" in body)
      arrival = { bookingCode: body.bookingCode.toUpperCase().replace(/[\s-]/g, "") };
    else {
      const party = {
        name: body.walkIn.name,
        ...(body.walkIn.phone && { phone: body.walkIn.phone }),
      };
      arrival = {
        walkIn: {
          label: body.walkIn.name,
          partySealed: await encryptPii(ctx.keys, JSON.stringify(party)),
          topic: body.walkIn.topic,
          headcount: body.walkIn.headcount,
        },
      };
    }
    return c.json(
      await onTicket(c, c.req.valid("param").sessionId, (stub) => stub.checkIn(arrival)),
      200,
    );
  })
  .openapi(callNextRoute, async (c) =>
    c.json(await onTicket(c, c.req.valid("param").sessionId, (stub) => stub.callNext()), 200),
  )
  .openapi(completeRoute, async (c) => {
    const { sessionId, number } = c.req.valid("param");
    const { ctx, viewer } = await caseRequest(c);
    const row = await deskSession(ctx, viewer, sessionId);
    const stub = sessionStub(c.env, ctx.scope.tenant, row.id);
    const detail = (await stub.ticketDetail(number)) as
      | { ticket: Ticket; partySealed: string | null }
      | undefined;
    if (!detail) throw notFound("该号码");
    if (detail.ticket.status !== "called") throw conflict("只能办结正在接待的群众");
    const booked = detail.partySealed
      ? (JSON.parse(await decryptPii(ctx.keys, detail.partySealed)) as {
          name: string;
          phone?: string;
          idNumber?: string;
        })
      : undefined;
    const body = c.req.valid("json");
    const petitioner = { ...(booked ?? { name: detail.ticket.label }), ...(body.petitioner ?? {}) };
    // The petition first: if the object then fails, the visit is still on record.
    const petition = await registerPetition(
      ctx,
      {
        ...body,
        petitioner,
        channel: "reception",
        receivedAt: ctx.now.toISOString(),
        unitId: row.unitId,
        ownerLeaderId: row.leaderId,
        headcount: body.headcount ?? detail.ticket.headcount,
      },
      viewer,
    );
    const ticket = ticketOrThrow((await stub.complete(number, petition.id)) as TicketResult);
    return c.json(
      {
        ticket,
        petition: await presentPetition(
          ctx,
          viewer,
          petition,
          await listEvents(ctx.scope, petition.id),
        ),
      },
      200,
    );
  })
  .openapi(transferRoute, async (c) => {
    const { sessionId, number } = c.req.valid("param");
    const { ctx, viewer } = await caseRequest(c);
    const from = await deskSession(ctx, viewer, sessionId);
    const to = await findReceptionSession(ctx.scope, c.req.valid("json").toSessionId);
    if (to?.status !== "published" || to.date !== from.date || to.id === from.id) {
      throw new ApiError("VALIDATION_FAILED", "只能转给同一天另一场已公示的接访", { status: 422 });
    }
    const fromStub = sessionStub(c.env, ctx.scope.tenant, from.id);
    const detail = (await fromStub.ticketDetail(number)) as
      | { ticket: Ticket; partySealed: string | null }
      | undefined;
    if (!detail) throw notFound("该号码");
    if (["completed", "transferred"].includes(detail.ticket.status))
      throw conflict("该号码已办结或已转接");
    // The new ticket first: a citizen is never left without a place in either queue.
    const toTicket = await withConfigured<TicketResult>(
      () =>
        sessionStub(c.env, ctx.scope.tenant, to.id).checkIn({
          walkIn: {
            label: detail.ticket.label,
            partySealed: detail.partySealed ?? undefined,
            topic: detail.ticket.topic ?? undefined,
            headcount: detail.ticket.headcount,
          },
        }),
      () => configureSession(c.env, ctx, to, c.get("tenant").shard),
    );
    const moved = ticketOrThrow(toTicket);
    const fromTicket = ticketOrThrow((await fromStub.transferOut(number)) as TicketResult);
    return c.json({ from: fromTicket, to: moved }, 200);
  })
  .openapi(queueStateRoute, async (c) => {
    const ctx = await countyContext(c);
    const row = await findReceptionSession(ctx.scope, c.req.valid("param").sessionId);
    if (!row || row.status === "draft") throw notFound("该接访日");
    const state = (await sessionStub(c.env, ctx.scope.tenant, row.id).publicState()) as z.infer<
      typeof QueueState
    >;
    return c.json({ ...state, sessionId: row.id }, 200);
  })
  .openapi(staffQueueRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const row = await deskSession(ctx, viewer, c.req.valid("param").sessionId);
    const state = (await sessionStub(
      c.env,
      ctx.scope.tenant,
      row.id,
    ).staffState()) as StaffQueueState;
    return c.json({ ...state, sessionId: row.id }, 200);
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
    return c.json(await onTicket(c, sessionId, (stub) => call(stub, number)), 200);
  });
}
