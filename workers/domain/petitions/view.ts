import type {
  PetitionEventRow,
  PetitionFlags,
  PetitionNoticeRow,
  PetitionRow,
} from "../../../schema/tenant/tables.ts";
import { visibleCaseIds } from "../../storage/visibility.ts";
import { decryptPii } from "../crypto/pii.ts";
import { deadlineFor } from "../deadlines/index.ts";
import { maskIdNumber, maskName, maskPhone } from "../petitioner/mask.ts";
import type { CaseContext, StaffView } from "../tenancy/county-context.ts";
import { clockStates } from "./clocks.ts";
import { availableActions } from "./lifecycle.ts";

export interface Person {
  name: string;
  idNumber?: string | undefined;
  phone?: string | undefined;
  address?: string | undefined;
}

/** What is sealed in `petitioner_sealed`. */
export interface SealedParties {
  petitioner: Person | null;
  representatives: Person[];
}

export async function unsealParties(ctx: CaseContext, row: PetitionRow): Promise<SealedParties> {
  if (!row.petitionerSealed) return { petitioner: null, representatives: [] };
  return JSON.parse(await decryptPii(ctx.keys, row.petitionerSealed)) as SealedParties;
}

/**
 * Who sees the petitioner's identity in full: those who must contact them — clerks and
 * handlers of the units that registered or hold the case, the designated handler, the
 * owner leader. Everyone else gets masked values.
 */
export function seesIdentity(viewer: StaffView, row: PetitionRow): boolean {
  if (viewer.staffId === row.handlerId || viewer.staffId === row.ownerLeaderId) return true;
  const involved =
    viewer.unitId === row.registeringUnitId ||
    viewer.unitId === row.responsibleUnitId ||
    viewer.inCountyOffice;
  return involved && viewer.roles.some((role) => role === "clerk" || role === "handler");
}

function presentPerson(person: Person, masked: boolean) {
  if (!masked) return { ...person, masked };
  return {
    name: maskName(person.name),
    ...(person.idNumber && { idNumber: maskIdNumber(person.idNumber) }),
    ...(person.phone && { phone: maskPhone(person.phone) }),
    ...(person.address && { address: "***" }),
    masked,
  };
}

/** The earlier cases a case's flags rest on. */
export function flagRefs(flags: PetitionFlags): string[] {
  return [
    ...(flags.basis ?? []),
    ...(flags.repeat ? [flags.repeat.of] : []),
    ...(flags.inProgressBelow ? [flags.inProgressBelow.of] : []),
    ...(flags.final ? [flags.final.of] : []),
    ...(flags.handledBelow ?? []),
  ];
}

/** Which of these cases' flag references this viewer may see: one query for a whole page. */
export function visibleFlagRefs(ctx: CaseContext, viewer: StaffView, rows: PetitionRow[]) {
  return visibleCaseIds(
    ctx.scope,
    viewer,
    rows.flatMap((row) => flagRefs(row.flags)),
  );
}

/**
 * A case's intake flags as this reader may know them: a repeat or a matter in progress
 * below is told only to those who may see the earlier case, and to everyone else the case
 * reads as a first petition — the same fields and values as if the earlier case did not
 * exist (§30: the accused must not learn of an accusation, nor who made it).
 */
export function presentFlags(flags: PetitionFlags, visible: ReadonlySet<string>) {
  const shown = (id: string) => visible.has(id);
  const basis = flags.basis ?? [];
  // Cases registered before `basis` was recorded: judge by the flag's own reference.
  const seesAnyEarlier =
    basis.length > 0
      ? basis.some(shown)
      : !flags.firstPetition && (flags.repeat ? shown(flags.repeat.of) : true);
  return {
    firstPetition: !seesAnyEarlier,
    ...(flags.repeat &&
      shown(flags.repeat.of) && {
        // Finality rests on the re-reviewed case: told only to those who may see that one.
        repeat: {
          ...flags.repeat,
          afterReReview:
            flags.repeat.afterReReview && flags.final !== undefined && shown(flags.final.of),
        },
      }),
    ...(flags.inProgressBelow &&
      shown(flags.inProgressBelow.of) && { inProgressBelow: flags.inProgressBelow }),
    ...(flags.final && shown(flags.final.of) && { final: flags.final }),
    // 越级 unless an earlier case was handled below: a hidden one does not count.
    ...((flags.skipLevel || (flags.handledBelow && !flags.handledBelow.some(shown))) && {
      skipLevel: true,
    }),
    ...(flags.legalRoute && { legalRoute: flags.legalRoute }),
  };
}

export function evaluationView(ctx: CaseContext, row: PetitionRow) {
  if (row.evaluation) return { status: "done" as const, ...row.evaluation };
  if (!row.repliedOn) return { status: "not_open" as const };
  const closesOn = deadlineFor("evaluation", row.repliedOn, ctx.policy, ctx.calendar).due;
  return { status: ctx.today > closesOn ? ("expired" as const) : ("pending" as const), closesOn };
}

export function presentEvent(event: PetitionEventRow) {
  return {
    version: event.version,
    at: event.at.toISOString(),
    action: event.action,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    actorId: event.actorId,
    actorUnitId: event.actorUnitId,
    note: event.note,
    detail: event.detail,
  };
}

/** A case as this staff member may see it, with exactly the actions they can take now. */
export async function presentPetition(
  ctx: CaseContext,
  viewer: StaffView,
  row: PetitionRow,
  events?: PetitionEventRow[],
  breaches?: { deadlineKey: string; due: string; at: Date }[],
  notices?: PetitionNoticeRow[],
  /** Which of the flags' earlier cases the viewer may see, when the caller knows already. */
  shownRefs?: ReadonlySet<string>,
) {
  const [parties, refs] = await Promise.all([
    unsealParties(ctx, row),
    shownRefs ?? visibleFlagRefs(ctx, viewer, [row]),
  ]);
  const masked = !seesIdentity(viewer, row);
  const next = Object.entries(row.deadlines).find(([key]) => key === row.nextDeadlineKey);
  return {
    id: row.id,
    trackingCode: row.trackingCode,
    version: row.version,
    status: row.status,
    channel: row.channel,
    purpose: row.purpose,
    categoryCode: row.categoryCode,
    categoryName: ctx.taxonomy.name(row.categoryCode),
    confidential: row.confidential,
    receivedOn: row.receivedOn,
    registeredAt: row.registeredAt.toISOString(),
    registeringUnitId: row.registeringUnitId,
    responsibleUnitId: row.responsibleUnitId,
    handlerId: row.handlerId,
    ownerLeaderId: row.ownerLeaderId,
    ownerSignedOff: row.ownerSignedOff,
    subjectUnitId: row.subjectUnitId,
    subjectText: row.subjectText,
    headcount: row.headcount,
    anonymous: row.anonymous,
    noticeOwed: row.noticeOwed,
    ...(parties.petitioner && { petitioner: presentPerson(parties.petitioner, masked) }),
    ...(parties.representatives.length > 0 && {
      representatives: parties.representatives.map((p) => presentPerson(p, masked)),
    }),
    material: row.material,
    attachments: row.attachments,
    flags: presentFlags(row.flags, refs),
    routing: row.routing ?? null,
    extensionDays: row.extensionDays,
    extensionRequest: row.extensionRequest ?? null,
    fromAbove: row.sourceLevel
      ? {
          level: row.sourceLevel,
          reference: row.upstreamRef ?? "",
          due: row.upstreamDue,
          reportedOn: row.upstreamReportedOn,
        }
      : null,
    pausedDays: row.pausedDays,
    deadlines: clockStates(row.deadlines, ctx.today, ctx.calendar),
    nextDeadline: next ? { key: next[0], due: next[1].due } : null,
    reply: row.reply ?? null,
    evaluation: evaluationView(ctx, row),
    closure: row.closure ?? null,
    availableActions: availableActions(row.status, viewer, row),
    ...(events && { timeline: events.map(presentEvent) }),
    ...(breaches && {
      breaches: breaches.map((b) => ({
        deadlineKey: b.deadlineKey,
        due: b.due,
        at: b.at.toISOString(),
      })),
    }),
    ...(notices && { notices: notices.map(presentNotice) }),
  };
}

export function presentNotice(notice: PetitionNoticeRow) {
  return {
    kind: notice.kind,
    method: notice.method,
    content: notice.content,
    at: notice.at.toISOString(),
  };
}

export type PetitionView = Awaited<ReturnType<typeof presentPetition>>;

/**
 * A case as a line in a work list: masked unless this person may see who petitioned.
 * `refs` is `visibleFlagRefs` of the page.
 */
export async function presentSummary(
  ctx: CaseContext,
  viewer: StaffView,
  row: PetitionRow,
  refs: ReadonlySet<string>,
) {
  const flags = presentFlags(row.flags, refs);
  const petitioner = (await unsealParties(ctx, row)).petitioner;
  const name = petitioner?.name ?? "匿名";
  const key = row.nextDeadlineKey;
  const stored = key ? row.deadlines[key] : undefined;
  const next =
    key && stored ? clockStates({ [key]: stored }, ctx.today, ctx.calendar)[key] : undefined;
  return {
    id: row.id,
    trackingCode: row.trackingCode,
    status: row.status,
    channel: row.channel,
    purpose: row.purpose,
    categoryCode: row.categoryCode,
    categoryName: ctx.taxonomy.name(row.categoryCode),
    confidential: row.confidential,
    receivedOn: row.receivedOn,
    registeredAt: row.registeredAt.toISOString(),
    responsibleUnitId: row.responsibleUnitId,
    petitionerName: petitioner && !seesIdentity(viewer, row) ? maskName(name) : name,
    headline: row.material.demands.slice(0, 80),
    nextDeadline: key && next ? { key, due: next.due, state: next.state } : null,
    repeat: flags.repeat !== undefined,
    firstPetition: flags.firstPetition,
  };
}
