import type { Env } from "../../env.ts";
import { listOpenPetitions, updateDeadlinesStatement } from "../../storage/petitions.ts";
import type { TenantScope } from "../../storage/tenant-scope.ts";
import { loadCaseContext } from "../tenancy/county-context.ts";
import { caseClocks, clockColumns, clockFacts } from "./clocks.ts";

const PAGE = 50;

/**
 * After the policy or the holiday calendar changes, every open case's deadlines are
 * computed again. Pages of cases are written in batches; a case changed meanwhile keeps
 * the deadlines its own action just computed (the version check skips it).
 */
export async function recomputeOpenDeadlines(env: Env, scope: TenantScope, now = new Date()) {
  const ctx = await loadCaseContext(env, scope, now);
  let after = "";
  let count = 0;
  for (;;) {
    const rows = await listOpenPetitions(scope, after, PAGE);
    const statements = rows.map((row) => {
      const clocks = caseClocks(clockFacts(row), ctx.policy, ctx.calendar);
      // Recomputing is not an action: the version stays so no one's open form goes stale.
      return updateDeadlinesStatement(scope, row.id, row.version, clockColumns(clocks, ctx.policy));
    });
    const [first, ...rest] = statements;
    if (first) await scope.db.batch([first, ...rest]);
    count += rows.length;
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return count;
    after = last.id;
  }
}
