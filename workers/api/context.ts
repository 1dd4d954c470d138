import type { RequestIdVariables } from "hono/request-id";
import type { StaffRow } from "../../schema/tenant/tables.ts";
import type { CaseContext } from "../domain/tenancy/county-context.ts";
import type { Env } from "../env.ts";
import type { TenantRecord } from "../storage/control.ts";
import type { TenantScope } from "../storage/tenant-scope.ts";

/** What middleware puts on the context for handlers. */
export interface AppEnv {
  Bindings: Env;
  Variables: RequestIdVariables & {
    /** The county named in the path (`/t/{tenant}`), once it is known to exist. */
    tenant: TenantRecord;
    scope: TenantScope;
    /** The signed-in staff member, and the hash of the token they used. */
    staff: StaffRow;
    sessionTokenHash: string;
    /** The county context's stamp, read with the staff session (null: none recorded yet). */
    contextStamp: string | null | undefined;
    /** The county context, loaded on first use by `countyContext` and kept for the request. */
    caseContext: Promise<CaseContext> | undefined;
  };
}
