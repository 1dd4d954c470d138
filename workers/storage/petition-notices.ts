import { asc, eq } from "drizzle-orm";
import { type NoticeMethod, petitionNotices } from "../../schema/tenant/tables.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";
import { type Reader, readableBy } from "./visibility.ts";

export interface NewPetitionNotice {
  petitionId: string;
  kind: string;
  method: NoticeMethod;
  content: string;
  at: Date;
  recordedBy: string | null;
}

export function insertPetitionNoticeStatement(scope: TenantScope, notice: NewPetitionNotice) {
  return scope.db
    .insert(petitionNotices)
    .values({ ...notice, id: crypto.randomUUID(), tenantId: scope.tenant });
}

/** What the petitioner was told about one case, oldest first (served by the case index). */
export function listPetitionNotices(scope: TenantScope, reader: Reader, petitionId: string) {
  return scope.db
    .select()
    .from(petitionNotices)
    .where(
      ofTenant(
        scope,
        petitionNotices,
        eq(petitionNotices.petitionId, petitionId),
        readableBy(scope, reader, petitionNotices.petitionId),
      ),
    )
    .orderBy(asc(petitionNotices.at))
    .limit(200);
}
