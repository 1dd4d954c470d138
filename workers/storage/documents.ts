import { and, eq, sql } from "drizzle-orm";
import {
  type DocumentKind,
  documentSequences,
  petitionDocuments,
} from "../../schema/tenant/tables.ts";
import { batchWithAudit } from "./audit.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";

export interface IssuedDocument {
  kind: DocumentKind;
  year: number;
  seq: number;
  issuedOn: string;
}

export async function findDocument(
  scope: TenantScope,
  petitionId: string,
  kind: DocumentKind,
): Promise<IssuedDocument | undefined> {
  const [row] = await scope.db
    .select()
    .from(petitionDocuments)
    .where(
      ofTenant(
        scope,
        petitionDocuments,
        and(eq(petitionDocuments.petitionId, petitionId), eq(petitionDocuments.kind, kind)),
      ),
    )
    .limit(1);
  return row && { kind: row.kind, year: row.year, seq: row.seq, issuedOn: row.issuedOn };
}

/**
 * Gives a case's document the county's next number of the year. The sequence moves and the
 * document takes its value in one batch (one transaction): the upsert is the single writer,
 * so two clerks printing at once get two numbers, never one. A reprint keeps its number
 * (the unique (case, kind) makes a racing second issue fail rather than take another).
 */
export async function issueDocument(
  scope: TenantScope,
  input: { petitionId: string; kind: DocumentKind; year: number; on: string; by: string },
): Promise<IssuedDocument> {
  const existing = await findDocument(scope, input.petitionId, input.kind);
  if (existing) return existing;
  const issue = batchWithAudit(
    scope,
    [
      scope.db
        .insert(documentSequences)
        .values({ tenantId: scope.tenant, year: input.year, last: 1 })
        .onConflictDoUpdate({
          target: [documentSequences.tenantId, documentSequences.year],
          set: { last: sql`${documentSequences.last} + 1` },
        }),
      scope.db.insert(petitionDocuments).select(
        scope.db
          .select({
            tenantId: documentSequences.tenantId,
            year: documentSequences.year,
            seq: documentSequences.last,
            petitionId: sql<string>`${input.petitionId}`.as("petition_id"),
            kind: sql<DocumentKind>`${input.kind}`.as("kind"),
            issuedOn: sql<string>`${input.on}`.as("issued_on"),
            issuedBy: sql<string>`${input.by}`.as("issued_by"),
          })
          .from(documentSequences)
          .where(ofTenant(scope, documentSequences, eq(documentSequences.year, input.year))),
      ),
    ],
    {
      actorId: input.by,
      action: "document.issue",
      targetType: "petition",
      targetId: input.petitionId,
      detail: { kind: input.kind, year: input.year },
    },
  );
  // A racing issue of the same document loses on the unique (case, kind) and its whole
  // batch (the sequence's step too) rolls back: it answers with the winner's number.
  const failure = await issue.then(
    () => null,
    (error: unknown) => error,
  );
  const issued = await findDocument(scope, input.petitionId, input.kind);
  if (!issued) throw failure ?? new Error("the document number was not recorded");
  return issued;
}
