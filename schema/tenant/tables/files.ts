import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

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

/** Each county's sweep of its R2 prefix for objects no file row names (R2 list cursor). */
export const fileSweeps = sqliteTable("file_sweeps", {
  tenantId: text("tenant_id").primaryKey(),
  cursor: text("cursor"),
  /** When the last full pass over the prefix ended; the next starts a day later. */
  passedAt: integer("passed_at", { mode: "timestamp_ms" }),
});
