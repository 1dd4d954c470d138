import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { SUGGESTION_KINDS, SUGGESTION_OUTCOMES } from "../../reference/suggestions.ts";

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
