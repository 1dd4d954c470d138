// Hand-written mirror of schema/api/petitions.ts (the petitions contract). Keep in step.

import type { Role } from "./types.ts";

export type PetitionStatus =
  | "registered"
  | "accepted"
  | "declined"
  | "forwarded"
  | "assigned"
  | "objected"
  | "replied"
  | "under_review"
  | "reviewed"
  | "under_re_review"
  | "re_reviewed"
  | "closed";

export type Channel = "letter" | "visit" | "online" | "phone" | "fax" | "reception";
export type Purpose = "suggestion" | "appeal" | "request" | "accusation" | "other";
export type Outcome = "support" | "explain" | "reject";
export type Satisfaction = "satisfied" | "basically_satisfied" | "unsatisfied";
export type CloseMethod =
  | "handled"
  | "lawful_termination"
  | "suspended"
  | "agreement"
  | "hearing"
  | "relief";
export type DeadlineState = "ok" | "near" | "dueToday" | "overdue";
export type DayKind = "calendar" | "working";

export interface PersonInput {
  name: string;
  idNumber?: string;
  phone?: string;
  address?: string;
}

export interface Material {
  facts: string;
  demands: string;
  hardships?: string;
  history?: string;
  priorHandling?: string;
}

export interface Attachment {
  name: string;
  contentType: string;
  size: number;
  sha256?: string;
}

export interface CreatePetitionBody extends Material {
  channel: Channel;
  purpose: Purpose;
  categoryCode: string;
  /** YYYY-MM-DD or an ISO time. */
  receivedAt: string;
  anonymous?: boolean;
  petitioner?: PersonInput;
  representatives?: PersonInput[];
  headcount?: number;
  subjectUnitId?: string;
  subjectText?: string;
  attachments?: Attachment[];
  unitId?: string;
}

export interface SubmitOnlinePetitionBody extends Material {
  /** The solved human check (ALTCHA payload), good for one request. */
  altcha: string;
  purpose: Purpose;
  categoryCode: string;
  petitioner: PersonInput & { phone: string };
  headcount?: number;
  subjectUnitId?: string;
  subjectText?: string;
}

export interface SubmitOnlineResult {
  trackingCode: string;
  status: PetitionStatus;
  registeredAt: string;
}

export interface Clock {
  due: string;
  from: string;
  days: number;
  kind: DayKind;
  state: DeadlineState;
  daysLeft: number;
}

export type Deadlines = Record<string, Clock>;

export interface PetitionerView {
  name: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  masked: boolean;
}

export interface TimelineEntry {
  version: number;
  at: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorId: string | null;
  actorUnitId: string | null;
  note: string | null;
  detail: Record<string, unknown> | null;
}

export interface WrittenReply {
  stage: "first" | "review" | "reReview";
  request: string;
  factsAndReasons: string;
  decision: string;
  legalBasis: string;
  outcome: Outcome;
  on: string;
  unitId: string;
}

export interface EvaluationView {
  status: "not_open" | "pending" | "done" | "expired";
  handlingUnit?: Satisfaction;
  office?: Satisfaction;
  comment?: string;
  at?: string;
  closesOn?: string;
}

export interface PetitionFlags {
  firstPetition: boolean;
  repeat?: { of: string; trackingCode: string; status: string; afterReReview: boolean };
  final?: { of: string; trackingCode: string };
  inProgressBelow?: { of: string; unitId: string };
  skipLevel?: boolean;
  legalRoute?: string;
}

export interface Routing {
  kind: "accept" | "forward" | "assign";
  toUnitId: string;
  fromUnitId: string;
  on: string;
  reportDue?: string;
  instructions?: string;
  objection?: { reason: string; on: string; byUnitId: string };
}

export interface Closure {
  on: string;
  method: string;
  petitionerOpinion: string;
  summary?: string;
}

export interface Petition {
  id: string;
  trackingCode: string;
  version: number;
  status: PetitionStatus;
  channel: Channel;
  purpose: Purpose;
  categoryCode: string;
  categoryName: string;
  confidential: boolean;
  receivedOn: string;
  registeredAt: string;
  registeringUnitId: string;
  responsibleUnitId: string;
  handlerId: string | null;
  ownerLeaderId: string | null;
  ownerSignedOff: boolean;
  subjectUnitId: string | null;
  subjectText: string | null;
  headcount: number;
  anonymous: boolean;
  petitioner?: PetitionerView;
  representatives?: PetitionerView[];
  material: Material;
  attachments: Attachment[];
  flags: PetitionFlags;
  routing: Routing | null;
  extensionDays: number;
  pausedDays: number;
  deadlines: Deadlines;
  nextDeadline: { key: string; due: string } | null;
  reply: WrittenReply | null;
  evaluation: EvaluationView;
  closure: Closure | null;
  availableActions: string[];
  /** Deadlines this case missed, as the deadline scan recorded them. */
  breaches?: Breach[];
  timeline?: TimelineEntry[];
}

export interface Breach {
  deadlineKey: string;
  due: string;
  at: string;
}

export interface CheckPetitionBody {
  categoryCode: string;
  idNumber?: string;
  phone?: string;
  subjectUnitId?: string;
}

/** What intake would flag, before anything is saved (POST /petitions/check). */
export interface CheckPetitionResult {
  firstPetition: boolean;
  /** Only an earlier case this clerk may open; to anyone else it reads as a first petition. */
  repeat?: {
    afterReReview: boolean;
    of: string;
    trackingCode: string;
    status: string;
  };
  inProgressBelow?: { of: string; unitId: string };
  skipLevel?: boolean;
  legalRoute?: string;
}

export interface PetitionSummary {
  id: string;
  trackingCode: string;
  status: PetitionStatus;
  channel: Channel;
  purpose: Purpose;
  categoryCode: string;
  categoryName: string;
  confidential: boolean;
  receivedOn: string;
  registeredAt: string;
  responsibleUnitId: string;
  petitionerName: string;
  headline: string;
  nextDeadline: { key: string; due: string; state: DeadlineState } | null;
  repeat: boolean;
  firstPetition: boolean;
}

export interface PetitionPage {
  items: PetitionSummary[];
  nextCursor: string | null;
}

export interface ListPetitionsQuery {
  status?: PetitionStatus;
  unitId?: string;
  overdue?: boolean;
  dueBefore?: string;
  cursor?: string;
  limit?: number;
}

interface Versioned {
  version?: number;
}

export type DeclineGround = "not_ours" | "in_progress_below" | "after_re_review" | "other";

export interface ActionBodies {
  accept: Versioned & { note?: string; subjectUnitId?: string };
  decline: Versioned & { reason: string; ground: DeclineGround };
  forward: Versioned & { toUnitId: string; note?: string };
  assign: Versioned & { toUnitId: string; reportDue?: string; instructions?: string };
  object: Versioned & { reason: string };
  reply: Versioned & {
    request: string;
    factsAndReasons: string;
    decision: string;
    legalBasis: string;
    outcome: Outcome;
  };
  extend: Versioned & { days: number; reason: string };
  requestReview: Versioned & { requestedOn?: string; note?: string };
  requestReReview: Versioned & { requestedOn?: string; note?: string };
  recordHearing: Versioned & { startedOn: string; endedOn: string; note?: string };
  assignOwner: Versioned & { leaderId: string };
  designateHandler: Versioned & { handlerId: string };
  signOff: Versioned & { note?: string };
  close: Versioned & {
    factsClear: boolean;
    handled: boolean;
    fileComplete: boolean;
    petitionerOpinion: string;
    method: CloseMethod;
    summary?: string;
  };
  recordFollowUp: Versioned & { note: string; visitedOn?: string };
}

export type PetitionAction = keyof ActionBodies;

export interface RecusalBody {
  staffId?: string;
  reason: string;
}

export interface DirectoryEntry {
  id: string;
  displayName: string;
  position: string | null;
  badgeNumber: string | null;
  unitId: string;
  roles: Role[];
}

export interface StaffDirectory {
  staff: DirectoryEntry[];
}

export interface CategoryEntry {
  code: string;
  name: string;
  parentCode?: string;
  accusation: boolean;
  legalRouteNote?: string;
  local: boolean;
}

export interface CodeLabel<T extends string = string> {
  code: T;
  label: string;
}

export interface CategoryCatalog {
  categories: CategoryEntry[];
  purposes: CodeLabel<Purpose>[];
  channels: CodeLabel<Channel>[];
}

export interface CalendarDay {
  date: string;
  kind: "holiday" | "workday";
  name: string;
}

export interface CalendarYear {
  days: CalendarDay[];
  years: number[];
}

export interface TrackBody {
  trackingCode: string;
  phoneLast4: string;
}

export interface EvaluateBody extends TrackBody {
  handlingUnit: Satisfaction;
  office: Satisfaction;
  comment?: string;
}

export interface TrackedPetition {
  trackingCode: string;
  status: PetitionStatus;
  channel: Channel;
  categoryName: string;
  receivedOn: string;
  registeredAt: string;
  responsibleUnitName: string;
  timeline: { at: string; action: string; toStatus: string; unitName: string | null }[];
  deadlines: Deadlines;
  reply: (Omit<WrittenReply, "unitId"> & { unitName: string }) | null;
  evaluation: EvaluationView;
  extension: { days: number; reason: string; due: string } | null;
  notices: {
    kind: string;
    method: "sms" | "letter" | "in_person" | "in_app";
    content: string;
    at: string;
  }[];
  reviewWindow: { kind: "review" | "reReview"; closesOn: string } | null;
}
