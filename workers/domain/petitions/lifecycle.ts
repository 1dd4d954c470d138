import {
  type PetitionAction,
  petitionActions,
} from "../../../schema/reference/petition-actions.ts";
import type { StaffRole } from "../../../schema/reference/roles.ts";
import { type PetitionStatus, petitionStatuses } from "../../../schema/tenant/tables.ts";

/**
 * The petition state machine (domain.md "What happens to a petition"). Pure: which action
 * is possible in which state, where it leads, and who may take it. Storage and HTTP ask
 * this module; they never decide on their own.
 */

const OPEN_HANDLING: PetitionStatus[] = ["accepted", "forwarded", "assigned"];
const ROUTABLE: PetitionStatus[] = ["registered", "accepted", "objected"];
/** Every state but the two that end a case. */
const OPEN: PetitionStatus[] = petitionStatuses.filter((s) => s !== "declined" && s !== "closed");

/** In which states each action can be taken. */
const possibleIn: Record<PetitionAction, readonly PetitionStatus[]> = {
  accept: ["registered"],
  decline: ["registered"],
  forward: ROUTABLE,
  assign: ROUTABLE,
  object: ["forwarded", "assigned"],
  reply: [...OPEN_HANDLING, "under_review", "under_re_review"],
  extend: OPEN_HANDLING,
  requestReview: ["replied"],
  requestReReview: ["reviewed"],
  recordHearing: ["under_re_review"],
  assignOwner: OPEN,
  designateHandler: OPEN,
  signOff: OPEN,
  close: ["replied", "reviewed", "re_reviewed"],
  recordFollowUp: ["closed"],
  // A notice by letter or on the spot may be owed at any step, a decline's included.
  recordNotice: [...OPEN, "declined", "closed"],
  requestExtension: OPEN_HANDLING,
  refuseExtension: OPEN_HANDLING,
  // The completion report of a case handed on is reviewed once it is answered.
  acceptReport: ["replied"],
  sendBack: ["replied"],
  // 办结报告 to the office that handed the case down, once it is answered.
  reportUpward: ["replied", "under_review", "reviewed", "under_re_review", "re_reviewed", "closed"],
};

/** Where an action leads from a state. Actions that record something keep the state. */
export function nextStatus(action: PetitionAction, from: PetitionStatus): PetitionStatus {
  switch (action) {
    case "accept":
      return "accepted";
    case "decline":
      return "declined";
    case "forward":
      return "forwarded";
    case "assign":
      return "assigned";
    case "object":
      return "objected";
    case "reply":
      return from === "under_review"
        ? "reviewed"
        : from === "under_re_review"
          ? "re_reviewed"
          : "replied";
    case "requestReview":
      return "under_review";
    case "requestReReview":
      return "under_re_review";
    case "close":
      return "closed";
    case "sendBack":
      return "assigned";
    default:
      return from;
  }
}

export function isPossible(action: PetitionAction, status: PetitionStatus): boolean {
  return possibleIn[action].includes(status);
}

export function possibleActions(status: PetitionStatus): PetitionAction[] {
  return petitionActions.filter((action) => isPossible(action, status));
}

export function isOpen(status: PetitionStatus): boolean {
  return OPEN.includes(status);
}

/** Who is acting, as the rules need to see them. */
export interface CaseActor {
  staffId: string;
  roles: readonly StaffRole[];
  unitId: string;
  /** Staff of the county petition office, which oversees every unit. */
  inCountyOffice: boolean;
}

/** The parts of a case the permission rules look at. */
export interface CaseHolders {
  responsibleUnitId: string;
  handlerId: string | null;
  ownerLeaderId: string | null;
  /** Once the owner leader has signed, signing is no longer offered. */
  ownerSignedOff?: boolean | undefined;
}

const has = (actor: CaseActor, ...roles: StaffRole[]) => actor.roles.some((r) => roles.includes(r));

/**
 * Whether this person may take this action on this case (role and unit). The county
 * office oversees every case; otherwise the unit that holds the case acts on it
 * (首办责任制), and a few actions belong to one person: the owner leader signs off,
 * the designated handler answers.
 */
export function mayTake(action: PetitionAction, actor: CaseActor, holders: CaseHolders): boolean {
  const holds = actor.unitId === holders.responsibleUnitId;
  const oversees = actor.inCountyOffice;
  const isHandler = holders.handlerId === actor.staffId;
  const isOwner = holders.ownerLeaderId === actor.staffId;
  switch (action) {
    case "accept":
    case "decline":
    case "forward":
    case "assign":
      return (holds || oversees) && has(actor, "clerk", "supervisor", "leader");
    case "object":
      // The receiving unit objects to the sender; the county office decides on it.
      return holds && !oversees && has(actor, "clerk", "handler", "leader");
    case "reply":
      return isHandler || (holds && has(actor, "handler", "leader"));
    case "extend":
      // §34: approved by the head of the handling unit.
      return (holds || oversees) && has(actor, "leader");
    case "requestReview":
    case "requestReReview":
    case "recordHearing":
      return (holds || oversees) && has(actor, "clerk", "leader", "supervisor");
    case "assignOwner":
      return (oversees && has(actor, "supervisor", "leader")) || (holds && has(actor, "leader"));
    case "designateHandler":
      return (holds || oversees) && has(actor, "clerk", "leader", "supervisor");
    case "signOff":
      return isOwner && !holders.ownerSignedOff;
    case "close":
      return (
        (holds && has(actor, "clerk", "handler", "leader")) ||
        (oversees && has(actor, "supervisor"))
      );
    case "recordFollowUp":
      return isOwner || isHandler || (holds && has(actor, "leader"));
    case "recordNotice":
      return isHandler || ((holds || oversees) && has(actor, "clerk", "handler", "leader"));
    case "requestExtension":
      return isHandler || (holds && has(actor, "handler", "clerk"));
    case "refuseExtension":
      return (holds || oversees) && has(actor, "leader");
    case "acceptReport":
    case "sendBack":
      // The assigning office reviews the completion report (办结报告).
      return oversees && has(actor, "clerk", "supervisor", "leader");
    case "reportUpward":
      return oversees && has(actor, "clerk", "supervisor", "leader");
  }
}

/** The actions this person can take on this case now: what the case page offers. */
export function availableActions(
  status: PetitionStatus,
  actor: CaseActor,
  holders: CaseHolders,
): PetitionAction[] {
  return possibleActions(status).filter((action) => mayTake(action, actor, holders));
}

/** The five conditions under which a case may not be closed (domain.md 结案). */
export interface CloseChecklist {
  factsClear: boolean;
  handled: boolean;
  ownerSignedOff: boolean;
  petitionerOpinionRecorded: boolean;
  fileComplete: boolean;
}

export const CLOSE_BLOCKERS: Record<keyof CloseChecklist, string> = {
  factsClear: "事实不清",
  handled: "问题未处理",
  ownerSignedOff: "包案领导未签字",
  petitionerOpinionRecorded: "未记录信访人意见",
  fileComplete: "案卷材料不全",
};

export function closeBlockers(checklist: CloseChecklist): (keyof CloseChecklist)[] {
  return (Object.keys(CLOSE_BLOCKERS) as (keyof CloseChecklist)[]).filter((key) => !checklist[key]);
}
