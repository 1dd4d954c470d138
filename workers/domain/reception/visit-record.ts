import type { CompleteTicketBody } from "../../../schema/api/reception.ts";
import type { DeskInfo } from "../../../schema/realtime/reception-queue.ts";
import type { PetitionRow, ReceptionSessionRow } from "../../../schema/tenant/tables.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { insertVisitStatement } from "../../storage/reception-visits.ts";
import { encryptPii } from "../crypto/pii.ts";
import type { CaseContext } from "../tenancy/county-context.ts";

/** How much of the registered facts and demands the register keeps as the visit's 事由. */
const SUMMARY_CHARS = 300;

export function visitSummary(facts: string, demands: string): string {
  const text = `${facts.trim()}${demands.trim() ? ` 诉求：${demands.trim()}` : ""}`;
  return text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS - 1)}…` : text;
}

/**
 * Records the visit in the register (领导接访登记), the petitioner sealed as the office
 * recorded them. Written right after the case, before the ticket closes: the register then
 * holds every visit whose case exists.
 */
export async function recordVisit(
  ctx: CaseContext,
  visit: {
    session: ReceptionSessionRow;
    /** At a joint reception, the desk that received them: its leader and unit are on record. */
    desk?: DeskInfo | undefined;
    ticketNumber: number;
    petitioner: { name: string; phone?: string | undefined; idNumber?: string | undefined };
    body: CompleteTicketBody;
    petition: Pick<PetitionRow, "id" | "headcount">;
    actorId: string;
  },
) {
  const { session, body, petition } = visit;
  const receiving = visit.desk ?? session;
  const person = {
    name: visit.petitioner.name,
    ...(visit.petitioner.phone && { phone: visit.petitioner.phone }),
    ...(visit.petitioner.idNumber && { idNumber: visit.petitioner.idNumber }),
  };
  await batchWithAudit(
    ctx.scope,
    [
      insertVisitStatement(ctx.scope, {
        sessionId: session.id,
        ticketNumber: visit.ticketNumber,
        date: session.date,
        unitId: receiving.unitId,
        leaderId: receiving.leaderId,
        leaderName: receiving.leaderName,
        leaderPosition: receiving.leaderPosition,
        petitionerSealed: await encryptPii(ctx.keys, JSON.stringify(person)),
        headcount: petition.headcount,
        purpose: body.purpose,
        categoryCode: body.categoryCode,
        summary: visitSummary(body.facts, body.demands),
        handling: body.handling?.trim() || null,
        petitionId: petition.id,
        recordedBy: visit.actorId,
        recordedAt: ctx.now,
      }),
    ],
    {
      actorId: visit.actorId,
      action: "reception.visit",
      targetType: "reception_session",
      targetId: session.id,
      detail: { ticket: visit.ticketNumber, petitionId: petition.id },
    },
    ctx.now,
  );
}
