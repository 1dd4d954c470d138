import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { CHANNELS, PURPOSES } from "../../reference/intake.ts";
import { type PetitionStatus, petitionStatuses } from "../../reference/petition-statuses.ts";

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

export type PetitionRow = typeof petitions.$inferSelect;

/** A case as written: SQLite derives the sort key and the derived filter columns. */
export type NewPetitionRow = Omit<
  PetitionRow,
  "tenantId" | "deadlineSort" | "awaitingReport" | "categoryClass"
>;

export type PetitionEventRow = typeof petitionEvents.$inferSelect;
