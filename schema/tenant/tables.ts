import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { CHANNELS, PURPOSES } from "../reference/intake.ts";
import {
  deliveryChannels,
  deliveryStatuses,
  type SupervisionForm,
  supervisionForms,
} from "../reference/notify-delivery.ts";
import { type PetitionStatus, petitionStatuses } from "../reference/petition-statuses.ts";
import type { StaffRole } from "../reference/roles.ts";
import { SUGGESTION_KINDS, SUGGESTION_OUTCOMES } from "../reference/suggestions.ts";
import { type UnitKind, unitKinds } from "../reference/unit-kinds.ts";

/**
 * Every table here lives on a tenant-data shard shared by several counties, so every row
 * carries `tenant_id` (the county's GB/T 2260 code) and every index leads with it.
 */

export type { UnitKind };

export const units = sqliteTable(
  "units",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    parentId: text("parent_id"),
    kind: text("kind", { enum: unitKinds }).notNull(),
    name: text("name").notNull(),
    /** GB/T 2260 division code for townships and villages imported from the national list. */
    code: text("code"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("units_tenant_parent_idx").on(t.tenantId, t.parentId),
    uniqueIndex("units_tenant_code_uq").on(t.tenantId, t.code).where(sql`${t.code} is not null`),
  ],
);

export const staff = sqliteTable(
  "staff",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    unitId: text("unit_id").notNull(),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    /** 工号, shown to visitors with name and position (三亮). */
    badgeNumber: text("badge_number"),
    position: text("position"),
    roles: text("roles", { mode: "json" }).$type<StaffRole[]>().notNull(),
    /** PBKDF2-SHA256; the iteration count is stored so it can be raised later. */
    passwordHash: text("password_hash").notNull(),
    passwordSalt: text("password_salt").notNull(),
    passwordIterations: integer("password_iterations").notNull(),
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: integer("locked_until", { mode: "timestamp_ms" }),
    disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("staff_tenant_username_uq").on(t.tenantId, t.username),
    index("staff_tenant_unit_idx").on(t.tenantId, t.unitId),
  ],
);

/** A login. Only the SHA-256 of the bearer token is stored. */
export const authSessions = sqliteTable(
  "auth_sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    staffId: text("staff_id").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("auth_sessions_tenant_staff_idx").on(t.tenantId, t.staffId),
    index("auth_sessions_expires_idx").on(t.expiresAt),
  ],
);

export type UnitRow = typeof units.$inferSelect;
export type StaffRow = typeof staff.$inferSelect;
export type AuthSessionRow = typeof authSessions.$inferSelect;

/** The county's settings: deadline policy overrides (every statutory number is a setting). */
export const tenantSettings = sqliteTable("tenant_settings", {
  tenantId: text("tenant_id").primaryKey(),
  deadlinePolicy: text("deadline_policy", { mode: "json" }).$type<Record<string, unknown>>(),
  /** Backlog days and assessment weights (see OversightSettings; migration 0012). */
  oversightPolicy: text("oversight_policy", { mode: "json" }).$type<Record<string, unknown>>(),
  /** Booking limits and queue rules of reception days (see ReceptionPolicy). */
  receptionPolicy: text("reception_policy", { mode: "json" }).$type<Record<string, unknown>>(),
  /** Evidence-file limits: size, count, kinds (see FilePolicy). */
  filePolicy: text("file_policy", { mode: "json" }).$type<Record<string, unknown>>(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * A stamp replaced by triggers (migration 0005) whenever the county's units, settings,
 * calendar or local categories change: a cached county context is current while it matches.
 */
export const contextVersions = sqliteTable("context_versions", {
  tenantId: text("tenant_id").primaryKey(),
  stamp: text("stamp").notNull(),
});

/**
 * The county's holiday calendar: official days off and make-up working days. Seeded with
 * the State Council's schedules at onboarding; the county admin adds each new year.
 */
export const calendarDays = sqliteTable(
  "calendar_days",
  {
    tenantId: text("tenant_id").notNull(),
    date: text("date").notNull(),
    kind: text("kind", { enum: ["holiday", "workday"] }).notNull(),
    name: text("name").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.date] })],
);

/** Categories a county adds to the national taxonomy (codes `L.…`, never renumbered). */
export const localCategories = sqliteTable(
  "local_categories",
  {
    tenantId: text("tenant_id").notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    parentCode: text("parent_code"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.code] })],
);

export { type PetitionStatus, petitionStatuses };

/**
 * A petition (信访事项). Personal data of the petitioner is sealed with the tenant's
 * AES-GCM key; the ID number and phone are also kept as keyed hashes for finding repeats.
 * `version` grows with every action: writes name the version they read.
 */
/** Where a case handed down came from (上级交办/转送). */
export const sourceLevels = ["city", "provincial", "national"] as const;
export type SourceLevel = (typeof sourceLevels)[number];

export const petitions = sqliteTable(
  "petitions",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    trackingCode: text("tracking_code").notNull(),
    version: integer("version").notNull(),
    status: text("status", { enum: petitionStatuses }).notNull(),
    channel: text("channel", { enum: CHANNELS }).notNull(),
    purpose: text("purpose", { enum: PURPOSES }).notNull(),
    categoryCode: text("category_code").notNull(),
    /** Accusations: the petitioner and the material are confidential (§30, §46). */
    confidential: integer("confidential", { mode: "boolean" }).notNull(),
    receivedOn: text("received_on").notNull(),
    registeredAt: integer("registered_at", { mode: "timestamp_ms" }).notNull(),
    registeredBy: text("registered_by"),
    registeringUnitId: text("registering_unit_id").notNull(),
    /** The unit that holds the case now: first-handler responsibility until it is handed on. */
    responsibleUnitId: text("responsible_unit_id").notNull(),
    handlerId: text("handler_id"),
    ownerLeaderId: text("owner_leader_id"),
    subjectUnitId: text("subject_unit_id"),
    subjectText: text("subject_text"),
    headcount: integer("headcount").notNull(),
    anonymous: integer("anonymous", { mode: "boolean" }).notNull(),
    /** §23 and after: notices are owed only when the petitioner's name and address are known. */
    noticeOwed: integer("notice_owed", { mode: "boolean" }).notNull().default(true),
    /** The last notice staff recorded giving by letter or on the spot: it meets §23's clock. */
    noticedOn: text("noticed_on"),
    petitionerSealed: text("petitioner_sealed"),
    idHash: text("id_hash"),
    phoneHash: text("phone_hash"),
    /** Keyed hash of the petitioner's normalised name: exact-name search, nothing sealed leaks. */
    nameHash: text("name_hash"),
    /**
     * The case's row in the `case_search` full-text index: registration time (ms) × 1000 plus
     * a random part, so text matches come newest first straight from the index.
     */
    searchRowid: integer("search_rowid"),
    material: text("material", { mode: "json" }).$type<PetitionMaterial>().notNull(),
    attachments: text("attachments", { mode: "json" }).$type<AttachmentMeta[]>().notNull(),
    flags: text("flags", { mode: "json" }).$type<PetitionFlags>().notNull(),
    repeatOf: text("repeat_of"),
    routing: text("routing", { mode: "json" }).$type<Routing | null>(),
    extensionDays: integer("extension_days").notNull().default(0),
    /** 上级交办/转送: the level it came from (null: received by this county itself). */
    sourceLevel: text("source_level", { enum: sourceLevels }),
    /** The upstream office's reference number (上级文号) and its deadline. */
    upstreamRef: text("upstream_ref"),
    upstreamDue: text("upstream_due"),
    /** When the completion report went back upward (办结报告). */
    upstreamReportedOn: text("upstream_reported_on"),
    /** 逐案评查: when and why the case landed on the office's review list. */
    reviewListedAt: integer("review_listed_at", { mode: "timestamp_ms" }),
    reviewReason: text("review_reason", { enum: ["unsatisfied", "petitionedAgain"] }),
    /** The handler's pending request to extend (§34), until the unit's leader decides. */
    extensionRequest: text("extension_request", { mode: "json" }).$type<ExtensionRequest | null>(),
    pausedDays: integer("paused_days").notNull().default(0),
    reply: text("reply", { mode: "json" }).$type<WrittenReply | null>(),
    repliedOn: text("replied_on"),
    reviewRequestedOn: text("review_requested_on"),
    reReviewRequestedOn: text("re_review_requested_on"),
    evaluation: text("evaluation", { mode: "json" }).$type<Evaluation | null>(),
    closure: text("closure", { mode: "json" }).$type<Closure | null>(),
    ownerSignedOff: integer("owner_signed_off", { mode: "boolean" }).notNull().default(false),
    deadlines: text("deadlines", { mode: "json" }).$type<StoredDeadlines>().notNull(),
    /** The office's next deadline, 24:00 CST of its due day; the scan reads this index. */
    nextDeadlineAt: integer("next_deadline_at", { mode: "timestamp_ms" }),
    nextDeadlineKey: text("next_deadline_key"),
    /** When the deadline scan should next look at this case; indexed so it reads only those. */
    nextAlertAt: integer("next_alert_at", { mode: "timestamp_ms" }),
    /**
     * The alert marks (`key|due|mark`) already recorded in `deadline_alerts`, kept by the scan
     * beside `next_alert_at` so it need not read the log back; null for cases from before
     * migration 0023, for which the scan reads the log once.
     */
    alertMarks: text("alert_marks", { mode: "json" }).$type<string[]>(),
    /**
     * When the next office deadline turns "near" (its first near mark, or the morning of its
     * due day when it has none): the key of the daily digest's counters.
     */
    nextNearAt: integer("next_near_at", { mode: "timestamp_ms" }),
    /**
     * The work list's sort key, derived by SQLite: the next deadline, cases without one last.
     * Indexed with each filter of the list so a page reads only the rows it shows.
     */
    deadlineSort: integer("deadline_sort").generatedAlwaysAs(
      sql`coalesce(next_deadline_at, 9007199254740991)`,
      { mode: "virtual" },
    ),
    /** 待我审核: 1 while a completion report waits for the assigning office's review. */
    awaitingReport: integer("awaiting_report").generatedAlwaysAs(
      sql`CASE WHEN status = 'replied' AND json_extract(routing, '$.kind') IN ('forward', 'assign') AND json_extract(routing, '$.report.acceptedOn') IS NULL AND json_extract(reply, '$.stage') = 'first' THEN 1 END`,
      { mode: "virtual" },
    ),
    /** The national class (大类) of the category, for the class filter's index. */
    categoryClass: text("category_class").generatedAlwaysAs(sql`substr(category_code, 1, 2)`, {
      mode: "virtual",
    }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("petitions_tenant_tracking_uq").on(t.tenantId, t.trackingCode),
    index("petitions_tenant_deadline_idx").on(t.tenantId, t.nextDeadlineAt),
    // The scan pages through the due cases in (next alert, id) order.
    index("petitions_tenant_alert_idx").on(t.tenantId, t.nextAlertAt, t.id),
    // Search: the exact-name blind index, the full-text row, the daily work lists.
    index("petitions_tenant_name_hash_idx").on(t.tenantId, t.nameHash),
    uniqueIndex("petitions_search_rowid_uq").on(t.searchRowid),
    index("petitions_tenant_owner_deadline_idx").on(t.tenantId, t.ownerLeaderId, t.nextDeadlineAt),
    index("petitions_tenant_unit_deadline_idx").on(
      t.tenantId,
      t.responsibleUnitId,
      t.nextDeadlineAt,
    ),
    index("petitions_tenant_registered_idx").on(t.tenantId, t.registeredAt),
    // Figures count cases from above by level, by registration date.
    index("petitions_tenant_source_idx").on(t.tenantId, t.sourceLevel, t.registeredAt),
    index("petitions_tenant_review_list_idx").on(t.tenantId, t.reviewListedAt),
    // Repeat detection (§19, §36): the same person's earlier cases of the same category.
    index("petitions_repeat_id_idx").on(t.tenantId, t.idHash, t.categoryCode, t.registeredAt),
    index("petitions_repeat_phone_idx").on(t.tenantId, t.phoneHash, t.categoryCode, t.registeredAt),
    // The work list: one index per filter, each ending in the sort key, for keyset pages.
    index("petitions_work_idx").on(t.tenantId, t.deadlineSort, t.id),
    index("petitions_work_status_idx").on(t.tenantId, t.status, t.deadlineSort, t.id),
    index("petitions_work_unit_idx").on(t.tenantId, t.responsibleUnitId, t.deadlineSort, t.id),
    index("petitions_work_unit_status_idx").on(
      t.tenantId,
      t.responsibleUnitId,
      t.status,
      t.deadlineSort,
      t.id,
    ),
    // Cases registered by one unit and held by another: only those, so a township's list
    // reads no case twice.
    index("petitions_work_registering_idx")
      .on(t.tenantId, t.registeringUnitId, t.deadlineSort, t.id)
      .where(sql`${t.registeringUnitId} <> ${t.responsibleUnitId}`),
    index("petitions_work_registering_status_idx")
      .on(t.tenantId, t.registeringUnitId, t.status, t.deadlineSort, t.id)
      .where(sql`${t.registeringUnitId} <> ${t.responsibleUnitId}`),
    // Files and search (0014): cases not yet in the text index, 待我审核, the search filters.
    index("petitions_unindexed_idx")
      .on(t.tenantId, t.registeredAt)
      .where(sql`${t.searchRowid} IS NULL`),
    index("petitions_awaiting_report_idx")
      .on(t.tenantId, t.awaitingReport, t.registeredAt)
      .where(sql`${t.awaitingReport} IS NOT NULL`),
    index("petitions_filter_status_idx").on(t.tenantId, t.status, t.registeredAt),
    index("petitions_filter_channel_idx").on(t.tenantId, t.channel, t.registeredAt),
    index("petitions_filter_purpose_idx").on(t.tenantId, t.purpose, t.registeredAt),
    index("petitions_filter_category_idx").on(t.tenantId, t.categoryCode, t.registeredAt),
    index("petitions_filter_class_idx").on(t.tenantId, t.categoryClass, t.registeredAt),
    index("petitions_filter_unit_idx").on(t.tenantId, t.responsibleUnitId, t.registeredAt),
    index("petitions_filter_owner_idx").on(t.tenantId, t.ownerLeaderId, t.registeredAt),
    index("petitions_filter_repeat_idx")
      .on(t.tenantId, t.registeredAt)
      .where(sql`${t.repeatOf} IS NOT NULL`),
    // petitions_filter_first_idx (0014) dropped in 0022: "first" reads the registration
    // index with a per-row check (search.ts repeatSeen).
    // Received by the county itself (source_level IS NULL): petitions_tenant_source_idx.
    index("petitions_filter_above_idx")
      .on(t.tenantId, t.registeredAt)
      .where(sql`${t.sourceLevel} IS NOT NULL`),
    // A unit-bound viewer's search finds the confidential cases it handles (0019).
    index("petitions_confidential_handler_idx")
      .on(t.tenantId, t.handlerId)
      .where(sql`${t.confidential} = 1`),
  ],
);

/** The five intake questions (五必问). */
export interface PetitionMaterial {
  facts: string;
  demands: string;
  hardships?: string | undefined;
  history?: string | undefined;
  priorHandling?: string | undefined;
}

export interface AttachmentMeta {
  name: string;
  contentType: string;
  size: number;
  sha256?: string | undefined;
}

/** What intake noticed. Flags inform; they never block registration. */
export interface PetitionFlags {
  repeat?: { of: string; trackingCode: string; status: string; afterReReview: boolean };
  /** The same matter is in progress at a lower level (§19): the upper level may decline. */
  inProgressBelow?: { of: string; unitId: string };
  /** §36: an earlier case of this matter was re-reviewed, however long ago. */
  final?: { of: string; trackingCode: string };
  firstPetition: boolean;
  /**
   * The earlier cases (same person, same category) these flags were drawn from. Never
   * shown: a reader is told of a flag only if they may see the case it rests on.
   */
  basis?: string[];
  skipLevel?: boolean;
  /**
   * The earlier cases handled below the subject unit that make this no skip-level petition
   * (越级). A reader who may see none of them is told it is skip-level, as if they did not
   * exist; the stored `skipLevel` (and every count) keeps the whole truth.
   */
  handledBelow?: string[];
  legalRoute?: string;
}

export interface Routing {
  kind: "accept" | "forward" | "assign";
  toUnitId: string;
  fromUnitId: string;
  on: string;
  /** 交办: the completion report is due by this date. */
  reportDue?: string | undefined;
  instructions?: string | undefined;
  objection?: { reason: string; on: string; byUnitId: string } | undefined;
  /** The assigning office's review of the completion report (办结报告). */
  report?: ReportReview | undefined;
}

export interface ReportReview {
  acceptedOn?: string | undefined;
  /** 发回重办: each time the case was sent back, why and by when it is due again. */
  sentBack?: { reason: string; on: string; reportDue: string }[] | undefined;
}

export interface ExtensionRequest {
  days: number;
  reason: string;
  on: string;
  by: string;
}

export interface WrittenReply {
  stage: "first" | "review" | "reReview";
  request: string;
  factsAndReasons: string;
  decision: string;
  legalBasis: string;
  outcome: "support" | "explain" | "reject";
  on: string;
  unitId: string;
}

export type Satisfaction = "satisfied" | "basically_satisfied" | "unsatisfied";

export interface Evaluation {
  handlingUnit: Satisfaction;
  office: Satisfaction;
  comment?: string | undefined;
  at: string;
}

export interface Closure {
  on: string;
  method: string;
  petitionerOpinion: string;
  summary?: string | undefined;
}

/** Every clock of the case, keyed by the engine's deadline keys. */
export type StoredDeadlines = Record<
  string,
  { due: string; from: string; days: number; kind: "calendar" | "working"; met?: string }
>;

/** The case timeline: who did what, when, from which state. Append-only. */
export const petitionEvents = sqliteTable(
  "petition_events",
  {
    tenantId: text("tenant_id").notNull(),
    petitionId: text("petition_id").notNull(),
    /** The petition version this event produced; NOT NULL makes a stale write fail. */
    version: integer("version").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    action: text("action").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    actorId: text("actor_id"),
    actorUnitId: text("actor_unit_id"),
    note: text("note"),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.petitionId, t.version] })],
);

/** Staff who must step aside from a case (§28), declared by themselves or by an admin. */
export const recusals = sqliteTable(
  "recusals",
  {
    tenantId: text("tenant_id").notNull(),
    petitionId: text("petition_id").notNull(),
    staffId: text("staff_id").notNull(),
    reason: text("reason").notNull(),
    declaredBy: text("declared_by").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.petitionId, t.staffId] }),
    index("recusals_tenant_staff_idx").on(t.tenantId, t.staffId),
  ],
);

/**
 * 协办: units that assist the lead unit (主办, the case's responsible unit) on a case. They
 * see it through the visibility rule and add opinions; the lead unit replies.
 */
export const assistingUnits = sqliteTable(
  "assisting_units",
  {
    tenantId: text("tenant_id").notNull(),
    petitionId: text("petition_id").notNull(),
    unitId: text("unit_id").notNull(),
    addedBy: text("added_by").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.petitionId, t.unitId] }),
    // A unit's search finds the cases it assists on (0019).
    index("assisting_units_unit_idx").on(t.tenantId, t.unitId),
  ],
);

/** An assisting unit's opinion on a case, for the lead unit's reply. */
export const caseOpinions = sqliteTable(
  "case_opinions",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    petitionId: text("petition_id").notNull(),
    unitId: text("unit_id").notNull(),
    staffId: text("staff_id").notNull(),
    text: text("text").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("case_opinions_case_idx").on(t.tenantId, t.petitionId, t.at)],
);

export const noticeMethods = ["sms", "letter", "in_person", "in_app"] as const;
export type NoticeMethod = (typeof noticeMethods)[number];

/**
 * What the petitioner was told (告知记录): what, when and how. Written in the same batch as
 * the step that owes it (an SMS) or by staff who told them by letter or on the spot.
 */
export const petitionNotices = sqliteTable(
  "petition_notices",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    petitionId: text("petition_id").notNull(),
    /** The step told of: the action's name, or `register`. */
    kind: text("kind").notNull(),
    method: text("method", { enum: noticeMethods }).notNull(),
    content: text("content").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    recordedBy: text("recorded_by"),
  },
  (t) => [index("petition_notices_case_idx").on(t.tenantId, t.petitionId, t.at)],
);
export type PetitionNoticeRow = typeof petitionNotices.$inferSelect;

/**
 * Append-only, hash-chained audit log per tenant: every write and every read of
 * confidential data. An entry is written in the same batch as what it records, unsealed;
 * sealing then gives it the next `seq` of the county's chain and `hash` = SHA-256 of the
 * previous hash and the entry. Writers never wait on each other for the chain.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    /** The place in the chain; null until sealed. */
    seq: integer("seq"),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>(),
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (t) => [
    uniqueIndex("audit_log_chain_uq").on(t.tenantId, t.seq),
    index("audit_log_unsealed_idx").on(t.tenantId, t.at).where(sql`${t.seq} is null`),
  ],
);

export type PetitionRow = typeof petitions.$inferSelect;
/** A case as written: SQLite derives the sort key and the derived filter columns. */
export type NewPetitionRow = Omit<
  PetitionRow,
  "tenantId" | "deadlineSort" | "awaitingReport" | "categoryClass"
>;
export type PetitionEventRow = typeof petitionEvents.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;

export const alertMarks = ["near", "dueToday", "overdue", "expired"] as const;
export type AlertMark = (typeof alertMarks)[number];

/**
 * What the deadline scan has noticed on a case: one row per clock, due date and mark
 * (near at 70 % / 90 %, due today, overdue; an evaluation window expired). The primary key
 * makes a scan that runs twice notice nothing twice; overdue rows are the case's breaches.
 */
export const deadlineAlerts = sqliteTable(
  "deadline_alerts",
  {
    tenantId: text("tenant_id").notNull(),
    petitionId: text("petition_id").notNull(),
    deadlineKey: text("deadline_key").notNull(),
    due: text("due").notNull(),
    /** `near70`, `near90`, `dueToday`, `overdue`, `expired`. */
    mark: text("mark").notNull(),
    unitId: text("unit_id").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.petitionId, t.deadlineKey, t.due, t.mark] }),
    index("deadline_alerts_tenant_at_idx").on(t.tenantId, t.at),
  ],
);

export type DeadlineAlertRow = typeof deadlineAlerts.$inferSelect;

/** 督办: the county office chasing a unit over a breached deadline. */
export const supervisions = sqliteTable(
  "supervisions",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    petitionId: text("petition_id").notNull(),
    deadlineKey: text("deadline_key").notNull(),
    due: text("due").notNull(),
    unitId: text("unit_id").notNull(),
    status: text("status", { enum: ["open", "resolved"] }).notNull(),
    form: text("form", { enum: supervisionForms }),
    history: text("history", { mode: "json" }).$type<SupervisionStep[]>().notNull(),
    openedAt: integer("opened_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    resolvedAt: integer("resolved_at", { mode: "timestamp_ms" }),
    /** Bumped by the statistics rebuild: its trigger adds the row's contribution again. */
    statGen: integer("stat_gen").notNull().default(0),
    /**
     * The unit's parent and grandparent when opened ('' for none), so the figures' trigger
     * need not look them up; null (an older row) makes the trigger look them up itself.
     */
    unitParent: text("unit_parent"),
    unitGrand: text("unit_grand"),
  },
  (t) => [
    uniqueIndex("supervisions_breach_uq").on(t.tenantId, t.petitionId, t.deadlineKey, t.due),
    // One open supervision per case, whatever broke (a breach, 挂牌督办, a leader's 批示).
    uniqueIndex("supervisions_open_case_uq")
      .on(t.tenantId, t.petitionId)
      .where(sql`${t.status} = 'open'`),
    index("supervisions_tenant_status_idx").on(t.tenantId, t.status, t.unitId),
  ],
);

export interface SupervisionStep {
  at: string;
  by: string | null;
  form?: SupervisionForm | undefined;
  note?: string | undefined;
  status?: "open" | "resolved" | undefined;
}

/** The in-app inbox of staff. */
export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    staffId: text("staff_id").notNull(),
    event: text("event").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    petitionId: text("petition_id"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("notifications_inbox_idx").on(t.tenantId, t.staffId, t.readAt, t.createdAt)],
);

/**
 * The outbox and the delivery log in one: a message is written here first (in the same
 * batch as what caused it), then handed to the queue; the consumer records every attempt.
 * `idempotency_key` makes the same message impossible to create twice.
 */
export const deliveries = sqliteTable(
  "deliveries",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    channel: text("channel", { enum: deliveryChannels }).notNull(),
    event: text("event").notNull(),
    /** Shown in the delivery log: masked phone, staff name, "企业微信群". */
    recipientLabel: text("recipient_label").notNull(),
    /** **Encrypted**: the phone, address or subscription the message goes to. */
    recipientSealed: text("recipient_sealed"),
    title: text("title").notNull(),
    body: text("body").notNull(),
    link: text("link"),
    /** Template parameters, for providers that send templates (SMS). */
    params: text("params", { mode: "json" }).$type<Record<string, string>>(),
    /** The case the message is about, if any: the log shows it only to who may see the case. */
    petitionId: text("petition_id"),
    status: text("status", { enum: deliveryStatuses }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    providerResponse: text("provider_response"),
    /** Quiet hours: not to be sent before this instant. */
    notBefore: integer("not_before", { mode: "timestamp_ms" }),
    enqueuedAt: integer("enqueued_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("deliveries_idempotency_uq").on(t.tenantId, t.idempotencyKey),
    index("deliveries_tenant_created_idx").on(t.tenantId, t.createdAt),
    index("deliveries_outbox_idx").on(t.tenantId, t.status, t.enqueuedAt),
  ],
);

/** Which events go where, quiet hours, template overrides; channel secrets sealed. */
export const notificationSettings = sqliteTable("notification_settings", {
  tenantId: text("tenant_id").primaryKey(),
  settings: text("settings", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  /** **Encrypted** JSON of each channel's configuration and secrets. */
  channelsSealed: text("channels_sealed"),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/** Staff browsers subscribed to Web Push. */
export const pushSubscriptions = sqliteTable(
  "push_subscriptions",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    staffId: text("staff_id").notNull(),
    endpoint: text("endpoint").notNull(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("push_subscriptions_endpoint_uq").on(t.tenantId, t.endpoint),
    index("push_subscriptions_staff_idx").on(t.tenantId, t.staffId),
  ],
);

/** Development only: where SMS and email land instead of a provider. */
export const devOutbox = sqliteTable(
  "dev_outbox",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    channel: text("channel", { enum: ["sms", "email"] }).notNull(),
    /** **Encrypted**, as in the delivery log. */
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("dev_outbox_tenant_created_idx").on(t.tenantId, t.createdAt)],
);

export type SupervisionRow = typeof supervisions.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;

/**
 * The daily digest's counters, kept by triggers on `petitions` (migration 0004): how many
 * open cases of a unit have their next deadline at `deadline_at` and turn near at
 * `near_at`. The digest reads the buckets that are near or later today, never the cases.
 */
export const deadlineCounts = sqliteTable(
  "deadline_counts",
  {
    tenantId: text("tenant_id").notNull(),
    nearAt: integer("near_at").notNull(),
    unitId: text("unit_id").notNull(),
    deadlineAt: integer("deadline_at").notNull(),
    cases: integer("cases").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.nearAt, t.unitId, t.deadlineAt] })],
);

/** Once-a-day work of the scan (the daily digest), recorded so it runs once per day. */
export const scanRuns = sqliteTable(
  "scan_runs",
  {
    tenantId: text("tenant_id").notNull(),
    name: text("name").notNull(),
    day: text("day").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.name, t.day] })],
);

export const receptionSessionStatuses = ["draft", "published", "cancelled"] as const;

/**
 * A leader's reception session (领导接访日): who, when, where, in what form, and how
 * bookable. Bookings and the live queue live in the session's Durable Object; this row is
 * what schedules, public pages and the calendar feed read.
 */
export const receptionSessions = sqliteTable(
  "reception_sessions",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    unitId: text("unit_id").notNull(),
    leaderId: text("leader_id").notNull(),
    /** As published: the leader's name and position on the day. */
    leaderName: text("leader_name").notNull(),
    leaderPosition: text("leader_position").notNull(),
    portfolio: text("portfolio"),
    topics: text("topics"),
    date: text("date").notNull(),
    startTime: text("start_time").notNull(),
    endTime: text("end_time").notNull(),
    venue: text("venue").notNull(),
    /** 下访: the township a field session is held in (the venue names the village or site). */
    townshipId: text("township_id"),
    form: text("form").notNull(),
    slotMinutes: integer("slot_minutes").notNull(),
    capacityPerSlot: integer("capacity_per_slot").notNull(),
    status: text("status", { enum: receptionSessionStatuses }).notNull(),
    seriesId: text("series_id"),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("reception_sessions_tenant_date_idx").on(t.tenantId, t.date),
    index("reception_sessions_tenant_unit_date_idx").on(t.tenantId, t.unitId, t.date),
  ],
);

/**
 * A copy of each booking, kept by the session's Durable Object (which decides them), so
 * bookings can be found by code, counted per phone across sessions and reminded of.
 */
export const receptionBookings = sqliteTable(
  "reception_bookings",
  {
    tenantId: text("tenant_id").notNull(),
    code: text("code").notNull(),
    sessionId: text("session_id").notNull(),
    date: text("date").notNull(),
    slotStart: text("slot_start").notNull(),
    phoneHash: text("phone_hash").notNull(),
    /** **Encrypted**: name, phone, ID number of who booked. */
    partySealed: text("party_sealed").notNull(),
    status: text("status").notNull(),
    /**
     * The case registered at the desk from this visit (also an accusation's, which the desk's
     * feed never links): shown only to whoever proves the booking code and phone.
     */
    petitionId: text("petition_id"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.code] }),
    index("reception_bookings_phone_idx").on(t.tenantId, t.phoneHash, t.date),
    index("reception_bookings_session_idx").on(t.tenantId, t.sessionId),
    index("reception_bookings_date_idx").on(t.tenantId, t.date, t.status),
  ],
);

/**
 * Counts of what the public edges let through, per bucket and window: SMS per address and
 * per county per day, wrong tracking attempts per case, failed logins per username and
 * address. Buckets name keyed hashes, never an address, phone or username in clear.
 */
export const edgeCounters = sqliteTable(
  "edge_counters",
  {
    tenantId: text("tenant_id").notNull(),
    bucket: text("bucket").notNull(),
    /** The day (YYYY-MM-DD, China time) or other window the count belongs to. */
    window: text("window").notNull(),
    count: integer("count").notNull(),
    /** A lock this bucket is under (login delays), if any. */
    lockedUntil: integer("locked_until", { mode: "timestamp_ms" }),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.bucket, t.window] }),
    // Housekeeping deletes stale counters of every county on the shard at once.
    index("edge_counters_updated_idx").on(t.updatedAt),
  ],
);

/** Proof-of-work challenges already used: each solves one request, until it expires. */
export const spentChallenges = sqliteTable(
  "spent_challenges",
  {
    tenantId: text("tenant_id").notNull(),
    signature: text("signature").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.signature] }),
    index("spent_challenges_expiry_idx").on(t.expiresAt),
  ],
);

export type ReceptionSessionRow = typeof receptionSessions.$inferSelect;
export type ReceptionBookingRow = typeof receptionBookings.$inferSelect;

/**
 * What the county's figures read of each case, one row per case, kept by triggers on
 * `petitions` (migration 0007; text in `workers/storage/statistics/rollup-sql.ts`). Besides
 * copies of the case's columns it keeps what the case forgets as it moves on: when the
 * route decision was due (`accept_due`) and made (`accept_on`), when the reply was due.
 */
export const petitionStats = sqliteTable(
  "petition_stats",
  {
    tenantId: text("tenant_id").notNull(),
    petitionId: text("petition_id").notNull(),
    /** The unit holding the case, and the two units above it (scopes of the figures). */
    unitId: text("unit_id").notNull(),
    unitParent: text("unit_parent"),
    unitGrand: text("unit_grand"),
    receivedOn: text("received_on").notNull(),
    channel: text("channel").notNull(),
    purpose: text("purpose").notNull(),
    categoryCode: text("category_code").notNull(),
    headcount: integer("headcount").notNull(),
    /** `county` or `skip` (越级); see LEVEL_EXPRESSION. */
    level: text("level").notNull(),
    repeat: integer("repeat").notNull(),
    firstPetition: integer("first_petition").notNull(),
    ownerLeaderId: text("owner_leader_id"),
    acceptDue: text("accept_due"),
    acceptOn: text("accept_on"),
    replyDue: text("reply_due"),
    repliedOn: text("replied_on"),
    evaluatedOn: text("evaluated_on"),
    /** '1' 满意 or 基本满意, '0' 不满意. */
    unitSatisfied: text("unit_satisfied"),
    officeSatisfied: text("office_satisfied"),
    closedOn: text("closed_on"),
    reviewed: integer("reviewed").notNull(),
    /** Bumped by the rebuild: its trigger adds the row's contribution again. */
    rebuildGen: integer("rebuild_gen").notNull().default(0),
    // Migration 0012 (analysis): the backlog's two flags, and what the §41 report and the
    // monthly 研判 split by.
    /** 1 until the case is closed or declined. */
    openCase: integer("open_case").notNull().default(1),
    /** 1 when the matter was petitioned again after its re-review (§36, `flags.final`). */
    afterReview: integer("after_review").notNull().default(0),
    subjectUnit: text("subject_unit"),
    routeKind: text("route_kind"),
    routeOn: text("route_on"),
    replyOutcome: text("reply_outcome"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.petitionId] }),
    index("petition_stats_received_idx").on(t.tenantId, t.receivedOn, t.petitionId),
    index("petition_stats_accept_idx").on(t.tenantId, t.acceptDue, t.petitionId),
    index("petition_stats_reply_due_idx").on(t.tenantId, t.replyDue, t.petitionId),
    index("petition_stats_replied_idx").on(t.tenantId, t.repliedOn, t.petitionId),
    index("petition_stats_evaluated_idx").on(t.tenantId, t.evaluatedOn, t.petitionId),
    index("petition_stats_closed_idx").on(t.tenantId, t.closedOn, t.petitionId),
    // The backlog (积案): open cases oldest first, and those petitioned after re-review; the
    // unit columns make a unit's count a covering read.
    index("petition_stats_backlog_idx")
      .on(t.tenantId, t.receivedOn, t.petitionId, t.unitId, t.unitParent, t.unitGrand)
      .where(sql`${t.openCase} = 1`),
    index("petition_stats_backlog_final_idx")
      .on(t.tenantId, t.receivedOn, t.petitionId, t.unitId, t.unitParent, t.unitGrand)
      .where(sql`${t.openCase} = 1 AND ${t.afterReview} = 1`),
  ],
);

/**
 * Sums behind the figures: per scope (`u:<unit>` the unit itself, `t:<unit>` it and all
 * below), grain (`d` day, `m` month, `y` year), period, key and dim; `n` counts cases (批次), `m` sums
 * headcounts (人次). Kept by triggers on `petition_stats` and `supervisions`.
 */
/** WITHOUT ROWID in SQL (migration 0017): drizzle cannot say so; the upserts need it. */
export const statRollup = sqliteTable(
  "stat_rollup",
  {
    tenantId: text("tenant_id").notNull(),
    scope: text("scope").notNull(),
    grain: text("grain", { enum: ["d", "m", "y"] }).notNull(),
    period: text("period").notNull(),
    key: text("key").notNull(),
    dim: text("dim").notNull(),
    n: integer("n").notNull(),
    m: integer("m").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.scope, t.grain, t.period, t.key, t.dim] }),
    // One key over a period: the open-due counts, each child unit's received count.
    index("stat_rollup_key_idx").on(t.tenantId, t.scope, t.key, t.grain, t.period, t.dim),
  ],
);

export type PetitionStatsRow = typeof petitionStats.$inferSelect;

/** The county's yearly sequence of document numbers (文号): one row per year, one writer per statement. */
export const documentSequences = sqliteTable(
  "document_sequences",
  {
    tenantId: text("tenant_id").notNull(),
    year: integer("year").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.year] })],
);

export const documentKinds = [
  "acceptance_notice",
  "decline_notice",
  "assignment_slip",
  "supervision_letter",
  "handling_opinion",
  "register_form",
] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** Each printed document issued from a case, with its number; reprints reuse the number. */
export const petitionDocuments = sqliteTable(
  "petition_documents",
  {
    tenantId: text("tenant_id").notNull(),
    year: integer("year").notNull(),
    seq: integer("seq").notNull(),
    petitionId: text("petition_id").notNull(),
    kind: text("kind", { enum: documentKinds }).notNull(),
    issuedOn: text("issued_on").notNull(),
    issuedBy: text("issued_by").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.year, t.seq] }),
    uniqueIndex("petition_documents_case_kind_uq").on(t.tenantId, t.petitionId, t.kind),
  ],
);

export const fileSteps = ["registration", "handling", "reply", "closing", "petitioner"] as const;
export type FileStep = (typeof fileSteps)[number];

/**
 * An evidence file of a case. The bytes live in R2 under `r2Key` (county/case/file); this
 * row is the record that they exist: an object without a row is never reachable. Never
 * deleted: a withdrawn file keeps its row and object, with who withdrew it and why.
 */
export const caseFiles = sqliteTable(
  "case_files",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    petitionId: text("petition_id").notNull(),
    r2Key: text("r2_key").notNull(),
    name: text("name").notNull(),
    /** The type the content was recognised as, not the one the client claimed. */
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    step: text("step", { enum: fileSteps }).notNull(),
    /** Null when the petitioner attached it online. */
    addedBy: text("added_by"),
    addedAt: integer("added_at", { mode: "timestamp_ms" }).notNull(),
    withdrawnAt: integer("withdrawn_at", { mode: "timestamp_ms" }),
    withdrawnBy: text("withdrawn_by"),
    withdrawReason: text("withdraw_reason"),
    /** An image's thumbnail (made by the browser), at `<r2Key>.thumb`: its type and size. */
    thumbKey: text("thumb_key"),
    thumbType: text("thumb_type"),
    thumbSize: integer("thumb_size"),
  },
  (t) => [index("case_files_tenant_petition_idx").on(t.tenantId, t.petitionId, t.addedAt)],
);
export type CaseFileRow = typeof caseFiles.$inferSelect;

/**
 * 领导接访登记: one row per citizen (or group) a leader received at a reception session,
 * written when the desk completes the ticket. The petitioner is sealed as everywhere; the
 * visit names the case registered from it, and is read only through that case's visibility.
 */
export const receptionVisits = sqliteTable(
  "reception_visits",
  {
    tenantId: text("tenant_id").notNull(),
    sessionId: text("session_id").notNull(),
    ticketNumber: integer("ticket_number").notNull(),
    /** The reception day (the session's date, CST). */
    date: text("date").notNull(),
    unitId: text("unit_id").notNull(),
    leaderId: text("leader_id").notNull(),
    leaderName: text("leader_name").notNull(),
    leaderPosition: text("leader_position").notNull(),
    /** **Encrypted**: the petitioner as the office recorded them (name, phone, ID number). */
    petitionerSealed: text("petitioner_sealed").notNull(),
    headcount: integer("headcount").notNull(),
    purpose: text("purpose", { enum: PURPOSES }).notNull(),
    categoryCode: text("category_code").notNull(),
    /** What they came about (事由), cut from the registered facts and demands. */
    summary: text("summary").notNull(),
    /** The leader's handling on the spot (现场处理意见), if the desk wrote one. */
    handling: text("handling"),
    petitionId: text("petition_id").notNull(),
    recordedBy: text("recorded_by").notNull(),
    recordedAt: integer("recorded_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.sessionId, t.ticketNumber] }),
    // The quarter's register (by day) and a leader's own reception days.
    index("reception_visits_date_idx").on(t.tenantId, t.date, t.sessionId, t.ticketNumber),
    index("reception_visits_leader_idx").on(t.tenantId, t.leaderId, t.date, t.sessionId),
  ],
);
export type ReceptionVisitRow = typeof receptionVisits.$inferSelect;

/**
 * Per-leader counts behind `getStatistics().leaders[]` and the 情况统计表, per scope, grain
 * and period like `stat_rollup`: `visits` (n 批次, m 人次) from `reception_visits`,
 * `followUps` (回访 on the leader's 包案 cases) from the case timeline, `supervised` (督办
 * opened by the leader's 批示). Kept by triggers (migration 0011) on append-only rows.
 */
export const leaderRollup = sqliteTable(
  "leader_rollup",
  {
    tenantId: text("tenant_id").notNull(),
    scope: text("scope").notNull(),
    grain: text("grain", { enum: ["d", "m", "y"] }).notNull(),
    period: text("period").notNull(),
    key: text("key").notNull(),
    leaderId: text("leader_id").notNull(),
    n: integer("n").notNull(),
    m: integer("m").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.scope, t.grain, t.period, t.key, t.leaderId] })],
);

/** `audience`: only the audience tokens of every case (0022), in larger SQL-only steps. */
export const reindexKinds = ["unit", "all", "audience"] as const;
export type ReindexKind = (typeof reindexKinds)[number];

/**
 * A re-index of cases' full-text rows, done by the cron in bounded steps (a unit renamed:
 * every case naming it; `all`: the whole county). The cursor is the last case done, in
 * (registered_at, rowid) order. Cases with no row at all (before 0006) need no job: the
 * cron finds them on `petitions_unindexed_idx`.
 */
export const searchReindexJobs = sqliteTable(
  "search_reindex_jobs",
  {
    tenantId: text("tenant_id").notNull(),
    id: text("id").notNull(),
    kind: text("kind", { enum: reindexKinds }).notNull(),
    /** The unit's id for `unit`. */
    target: text("target"),
    cursorAt: integer("cursor_at"),
    cursorRow: integer("cursor_row"),
    cases: integer("cases").notNull().default(0),
    requestedAt: integer("requested_at", { mode: "timestamp_ms" }).notNull(),
    requestedBy: text("requested_by"),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    failures: integer("failures").notNull().default(0),
    lastError: text("last_error"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("search_reindex_jobs_open_idx").on(t.tenantId, t.finishedAt, t.requestedAt),
  ],
);
export type SearchReindexJobRow = typeof searchReindexJobs.$inferSelect;

/** Each county's sweep of its R2 prefix for objects no file row names (R2 list cursor). */
export const fileSweeps = sqliteTable("file_sweeps", {
  tenantId: text("tenant_id").primaryKey(),
  cursor: text("cursor"),
  /** When the last full pass over the prefix ended; the next starts a day later. */
  passedAt: integer("passed_at", { mode: "timestamp_ms" }),
});

/**
 * What a booking is about, as the citizen chose it when booking (purpose and category, from
 * the intake vocabularies). Kept beside the session object's booking, keyed by its code,
 * so the leader can prepare; neither is personal data.
 */
export const receptionBookingAbout = sqliteTable(
  "reception_booking_about",
  {
    tenantId: text("tenant_id").notNull(),
    bookingCode: text("booking_code").notNull(),
    sessionId: text("session_id").notNull(),
    purpose: text("purpose", { enum: PURPOSES }),
    categoryCode: text("category_code"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.bookingCode] }),
    index("reception_booking_about_session_idx").on(t.tenantId, t.sessionId),
  ],
);

export const appointmentStatuses = [
  "invited",
  "confirmed",
  "reschedule_requested",
  "cancelled",
] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

/**
 * An appointment (约访): staff invite the petitioner of a case to a time of a session. The
 * place is a booking of the session (decided by its object like every booking); this row
 * holds the invitation: the keyed hash of the link's token (never the token), when the
 * link expires, and the petitioner's answer. One appointment per case and session.
 */
export const receptionAppointments = sqliteTable(
  "reception_appointments",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    sessionId: text("session_id").notNull(),
    petitionId: text("petition_id").notNull(),
    bookingCode: text("booking_code").notNull(),
    slotStart: text("slot_start").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    status: text("status", { enum: appointmentStatuses }).notNull(),
    /** **Encrypted**: the petitioner's note when asking for another time. */
    noteSealed: text("note_sealed"),
    invitedBy: text("invited_by").notNull(),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("reception_appointments_token_idx").on(t.tenantId, t.tokenHash),
    uniqueIndex("reception_appointments_case_idx").on(t.tenantId, t.sessionId, t.petitionId),
    index("reception_appointments_booking_idx").on(t.tenantId, t.bookingCode),
  ],
);
export type ReceptionAppointmentRow = typeof receptionAppointments.$inferSelect;

/**
 * 带案下访: the cases a field session takes along, for the leader on the day. Each was
 * visible to whoever added it; every reader sees them through the visibility rule again.
 */
export const receptionFieldCases = sqliteTable(
  "reception_field_cases",
  {
    tenantId: text("tenant_id").notNull(),
    sessionId: text("session_id").notNull(),
    petitionId: text("petition_id").notNull(),
    addedBy: text("added_by").notNull(),
    addedAt: integer("added_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.sessionId, t.petitionId] })],
);

/**
 * The desks of a joint reception (联合接访, migration 0015): one per leader and unit, desk 1
 * the session's own. A session without rows has desk 1 alone. Names as published.
 */
export const receptionDesks = sqliteTable(
  "reception_desks",
  {
    tenantId: text("tenant_id").notNull(),
    sessionId: text("session_id").notNull(),
    number: integer("number").notNull(),
    unitId: text("unit_id").notNull(),
    leaderId: text("leader_id").notNull(),
    leaderName: text("leader_name").notNull(),
    leaderPosition: text("leader_position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.sessionId, t.number] })],
);
export type ReceptionDeskRow = typeof receptionDesks.$inferSelect;

/**
 * A county's statistics rollups being rebuilt from its cases by the cron, in bounded steps
 * (migration 0012; `rebuildStatistics`). The row is the cursor: `phase` (`clear`, `cases`,
 * `supervisions`) and the last id done; it goes when the rebuild is done.
 */
export const statisticsRebuilds = sqliteTable(
  "statistics_rebuilds",
  {
    tenantId: text("tenant_id").primaryKey(),
    phase: text("phase", { enum: ["clear", "cases", "supervisions"] })
      .notNull()
      .default("clear"),
    afterId: text("after_id").notNull().default(""),
    requestedAt: integer("requested_at", { mode: "timestamp_ms" }).notNull(),
    requestedBy: text("requested_by"),
    /** When the cron last moved it on: counties take turns, least recently stepped first. */
    steppedAt: integer("stepped_at", { mode: "timestamp_ms" }),
    steps: integer("steps").notNull().default(0),
    failures: integer("failures").notNull().default(0),
    lastError: text("last_error"),
  },
  (t) => [index("statistics_rebuilds_turn_idx").on(t.steppedAt, t.requestedAt)],
);
export type StatisticsRebuildRow = typeof statisticsRebuilds.$inferSelect;

/**
 * Who each 回访 and 督办 was counted for in `leader_rollup`, as the live triggers saw it
 * (the case's owner leader and unit at the follow-up; the opener, then a leader): the rows the
 * per-leader counts are rebuilt from (migration 0018). `key` is the rollup key (`followUps`,
 * `supervised`), `ref` the event (`petitionId#version`) or the supervision id.
 */
export const leaderCredits = sqliteTable(
  "leader_credits",
  {
    tenantId: text("tenant_id").notNull(),
    key: text("key", { enum: ["followUps", "supervised"] }).notNull(),
    ref: text("ref").notNull(),
    leaderId: text("leader_id").notNull(),
    unitId: text("unit_id").notNull(),
    date: text("date").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key, t.ref] })],
);

/**
 * The county office's own suggestions to other organs (改进工作建议、完善政策建议) and whether
 * they were adopted, for the §41 annual report (migration 0020). `petition_id` optionally
 * names the case that prompted one: shown only to whom the visibility rule shows that case.
 */
export const officeSuggestions = sqliteTable(
  "office_suggestions",
  {
    tenantId: text("tenant_id").notNull(),
    id: text("id").notNull(),
    kind: text("kind", { enum: SUGGESTION_KINDS }).notNull(),
    unitId: text("unit_id").notNull(),
    sentOn: text("sent_on").notNull(),
    title: text("title").notNull(),
    content: text("content").notNull(),
    petitionId: text("petition_id"),
    outcome: text("outcome", { enum: SUGGESTION_OUTCOMES }).notNull().default("pending"),
    answeredOn: text("answered_on"),
    outcomeNote: text("outcome_note"),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("office_suggestions_sent_idx").on(t.tenantId, t.sentOn, t.id),
  ],
);
export type OfficeSuggestionRow = typeof officeSuggestions.$inferSelect;
