import type { Env } from "../../env.ts";
import { appendAudit } from "../../storage/audit.ts";
import { listActiveTenants } from "../../storage/control.ts";
import { keysWithRows, loadFileSweep, saveFileSweepStatement } from "../../storage/files.ts";
import { openTenantScope, type TenantScope } from "../../storage/tenant-scope.ts";

/**
 * An object younger than this may belong to an upload still in flight (its bytes reach R2
 * before its row reaches D1): never judged an orphan.
 */
const GRACE_MS = 24 * 60 * 60 * 1000;
/** Keys listed per county per run: one R2 list, one D1 read by primary key. */
const KEYS_PER_STEP = 500;
/** A county's next full pass starts a day after its last one ended. */
const PASS_EVERY_MS = 24 * 60 * 60 * 1000;
const COUNTIES_PER_RUN = 20;

export interface SweepReport {
  counties: number;
  listed: number;
  removed: number;
  failed: number;
}

/**
 * The cron's housekeeping of the file bucket: an upload that died between R2 and D1 can
 * leave an object no row names, which nothing can ever reach. Each county's prefix is
 * listed a page per run from where the last run stopped; an object older than a day whose
 * key no file row names is deleted. An object some row names is never touched, and a key
 * that is not county/case/file is left alone. Counties take turns; each fails alone.
 */
export async function sweepOrphanedFiles(
  env: Env,
  now: Date,
  only?: string,
  keysPerStep = KEYS_PER_STEP,
): Promise<SweepReport> {
  const report: SweepReport = { counties: 0, listed: 0, removed: 0, failed: 0 };
  const tenants = (await listActiveTenants(env)).filter((t) => !only || t.code === only);
  const turns = Math.max(1, Math.ceil(tenants.length / COUNTIES_PER_RUN));
  const turn = Math.floor(now.getTime() / 300_000) % turns;
  for (const tenant of tenants.slice(turn * COUNTIES_PER_RUN, (turn + 1) * COUNTIES_PER_RUN)) {
    try {
      const step = await sweepCounty(env.FILES, openTenantScope(env, tenant), now, keysPerStep);
      report.counties += 1;
      report.listed += step.listed;
      report.removed += step.removed;
    } catch (error) {
      report.failed += 1;
      console.error(`file sweep: county ${tenant.code} failed; the next run goes on`, error);
    }
  }
  return report;
}

async function sweepCounty(bucket: R2Bucket, scope: TenantScope, now: Date, limit: number) {
  const sweep = await loadFileSweep(scope);
  const cursor = sweep?.cursor ?? undefined;
  if (!cursor && sweep?.passedAt && now.getTime() - sweep.passedAt.getTime() < PASS_EVERY_MS) {
    return { listed: 0, removed: 0 };
  }
  const page = await bucket.list({ prefix: `${scope.tenant}/`, cursor, limit });
  const old = page.objects.filter((o) => now.getTime() - o.uploaded.getTime() > GRACE_MS);
  const fileIds = new Map<string, string>();
  for (const object of old) {
    const parts = object.key.split("/");
    // A thumbnail sits beside its file's object, at `<file key>.thumb`.
    const fileId = parts[2]?.replace(/\.thumb$/, "");
    if (parts.length === 3 && parts[0] === scope.tenant && fileId) fileIds.set(object.key, fileId);
  }
  const named = await keysWithRows(scope, [...new Set(fileIds.values())]);
  const orphans = [...fileIds.keys()].filter((key) => !named.has(key));
  if (orphans.length > 0) {
    // Recorded first: a delete that fails after it is simply done again on the next pass.
    await appendAudit(
      scope,
      {
        actorId: null,
        action: "file.orphans_removed",
        targetType: "files",
        // Keys name only the county, the case and a random file id: no personal data.
        detail: { keys: orphans },
      },
      now,
    );
    await bucket.delete(orphans);
  }
  const done = !page.truncated;
  await saveFileSweepStatement(scope, {
    cursor: done ? null : page.cursor,
    passedAt: done ? now : (sweep?.passedAt ?? null),
  });
  return { listed: page.objects.length, removed: orphans.length };
}
