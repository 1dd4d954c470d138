// The reception desk on the day: checking citizens in, working the queue, and finishing a
// visit as a petition or handing it to another leader's session.
import type { CheckInBody, CompleteTicketBody } from "../../../schema/api/reception.ts";
import type { StaffTicket } from "../../../schema/realtime/reception-queue.ts";
import type { Arrival, TicketResult } from "../../../schema/realtime/reception-session.ts";
import type { Env } from "../../env.ts";
import { ApiError, conflict, notFound } from "../../errors.ts";
import { type ReceptionClient, sessionClient } from "../../reception/client.ts";
import { findReceptionSession } from "../../storage/reception.ts";
import { decryptPii, encryptPii } from "../crypto/pii.ts";
import { maskName } from "../petitioner/mask.ts";
import { registerPetition } from "../petitions/intake.ts";
import type { CaseContext, StaffView } from "../tenancy/county-context.ts";
import { desksWorkedBy } from "./joint-desks.ts";
import { tellVisitRegistered } from "./visit-outcome.ts";
import { recordVisit } from "./visit-record.ts";

/**
 * The session and its object, if this person works one of its desks: its unit's staff or
 * the county office (every desk), or at a joint reception the staff of a desk's unit
 * (`desks`: theirs only).
 */
export async function deskSession(
  env: Env,
  ctx: CaseContext,
  viewer: StaffView,
  shard: string,
  sessionId: string,
) {
  const row = await findReceptionSession(ctx.scope, sessionId);
  if (!row) throw notFound("该接访日");
  const desks = await desksWorkedBy(ctx, viewer, row);
  if (!desks) throw new ApiError("FORBIDDEN", "只能操作本单位的接访");
  return { row, client: sessionClient(env, ctx.scope, row, shard), desks };
}

/** A desk this person may work: one of theirs; by default their first (desk 1 for the office). */
export function deskOrThrow(desks: "all" | number[], asked: number | undefined): number {
  if (desks === "all") return asked ?? 1;
  const desk = asked ?? desks[0] ?? 1;
  if (!desks.includes(desk)) throw new ApiError("FORBIDDEN", "只能操作本单位的窗口");
  return desk;
}

/**
 * For the staff of some desks only: the ticket must be at one of theirs. Another desk's
 * ticket answers as if it were not there, so its number tells them nothing more.
 */
async function assertTicketAtDesk(
  client: ReceptionClient,
  desks: "all" | number[],
  number: number,
) {
  if (desks === "all") return;
  const detail = await client.ticketDetail(number);
  if (!detail || !desks.includes(detail.ticket.desk)) throw notFound("该号码");
}

export function ticketOrThrow(result: TicketResult): StaffTicket {
  if (result.ok) return result.ticket;
  if (result.reason === "NOT_FOUND") throw new ApiError("NOT_FOUND", result.message);
  throw conflict(result.message, { reason: result.reason });
}

/**
 * One step at a desk of a session this person works (call next, recall, park, route, …):
 * `number`, when the step is on a ticket, must be at one of their desks; `step` is given
 * the desk asked for (or their first).
 */
export async function ticketStep(
  env: Env,
  ctx: CaseContext,
  viewer: StaffView,
  shard: string,
  sessionId: string,
  step: (client: ReceptionClient, desk: number) => Promise<TicketResult>,
  on: { number?: number; desk?: number | undefined } = {},
): Promise<StaffTicket> {
  const { client, desks } = await deskSession(env, ctx, viewer, shard, sessionId);
  const desk = deskOrThrow(desks, on.desk);
  if (on.number !== undefined) await assertTicketAtDesk(client, desks, on.number);
  return ticketOrThrow(await step(client, desk));
}

/** A citizen arrives: by booking code (typed or scanned), or as a walk-in whose details are sealed. */
export async function checkIn(
  env: Env,
  ctx: CaseContext,
  viewer: StaffView,
  shard: string,
  sessionId: string,
  body: CheckInBody,
): Promise<StaffTicket> {
  let arrival: Arrival;
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
  return ticketStep(
    env,
    ctx,
    viewer,
    shard,
    sessionId,
    (client, desk) => client.checkIn(arrival, desk),
    { desk: body.desk },
  );
}

/**
 * Finishes the visit being served: registers it as a petition (channel reception, owned by
 * the receiving leader, the booked citizen as petitioner unless the desk says otherwise),
 * then closes the ticket with the petition's id (none for an accusation).
 */
export async function completeTicket(
  env: Env,
  ctx: CaseContext,
  viewer: StaffView,
  shard: string,
  sessionId: string,
  number: number,
  body: CompleteTicketBody,
) {
  const { row, client, desks } = await deskSession(env, ctx, viewer, shard, sessionId);
  const detail = await client.ticketDetail(number);
  if (!detail || (desks !== "all" && !desks.includes(detail.ticket.desk))) throw notFound("该号码");
  if (detail.ticket.status !== "called") throw conflict("只能办结正在接待的群众");
  const booked = detail.partySealed
    ? (JSON.parse(await decryptPii(ctx.keys, detail.partySealed)) as {
        name: string;
        phone?: string;
        idNumber?: string;
      })
    : undefined;
  // The desk only ever sees the masked name the object keeps; left as shown, it stands for
  // the name sealed with the booking, which the case must carry.
  const keepBookedName = booked !== undefined && body.petitioner?.name === maskName(booked.name);
  const petitioner = {
    ...(booked ?? { name: detail.ticket.label }),
    ...(body.petitioner ?? {}),
    ...(keepBookedName && { name: booked.name }),
  };
  const { handling: _handling, ...intake } = body;
  // The petition first: if the object then fails, the visit is still on record.
  const petition = await registerPetition(
    ctx,
    {
      ...intake,
      petitioner,
      channel: "reception",
      receivedAt: ctx.now.toISOString(),
      // At a joint reception the desk's unit takes the case and its leader receives.
      unitId: detail.desk?.unitId || row.unitId,
      ownerLeaderId: detail.desk?.leaderId || row.leaderId,
      headcount: body.headcount ?? detail.ticket.headcount,
    },
    viewer,
  );
  await recordVisit(ctx, {
    session: row,
    desk: detail.desk,
    ticketNumber: number,
    petitioner,
    body,
    petition,
    actorId: viewer.staffId,
  });
  // The desk's feed goes to every desk of the unit: an accusation is not linked there.
  const linked = petition.confidential ? null : petition.id;
  const ticket = ticketOrThrow(await client.complete(number, linked));
  await tellVisitRegistered(
    env,
    ctx,
    { bookingCode: detail.ticket.bookingCode, phone: petitioner.phone, actorId: viewer.staffId },
    petition,
  );
  return { ticket, petition };
}

/** Hands a citizen to another leader's published session the same day. */
export async function transferTicket(
  env: Env,
  ctx: CaseContext,
  viewer: StaffView,
  shard: string,
  sessionId: string,
  number: number,
  toSessionId: string,
) {
  const from = await deskSession(env, ctx, viewer, shard, sessionId);
  await assertTicketAtDesk(from.client, from.desks, number);
  const to = await findReceptionSession(ctx.scope, toSessionId);
  if (to?.status !== "published" || to.date !== from.row.date || to.id === from.row.id) {
    throw new ApiError("VALIDATION_FAILED", "只能转给同一天另一场已公示的接访", { status: 422 });
  }
  const detail = await from.client.ticketDetail(number);
  if (!detail) throw notFound("该号码");
  if (["completed", "transferred"].includes(detail.ticket.status))
    throw conflict("该号码已办结或已转接");
  // The new ticket first: a citizen is never left without a place in either queue.
  const moved = ticketOrThrow(
    await sessionClient(env, ctx.scope, to, shard).checkIn({
      walkIn: {
        label: detail.ticket.label,
        partySealed: detail.partySealed ?? undefined,
        topic: detail.ticket.topic ?? undefined,
        headcount: detail.ticket.headcount,
      },
    }),
  );
  const fromTicket = ticketOrThrow(await from.client.transferOut(number));
  return { from: fromTicket, to: moved };
}
