import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { type SupervisionForm, supervisionForms } from "../../reference/notify-delivery.ts";

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

export type SupervisionRow = typeof supervisions.$inferSelect;

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
