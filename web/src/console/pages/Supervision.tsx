import { useState } from "preact/hooks";
import type {
  ScanReport,
  Supervision,
  SupervisionUpdate,
} from "../../../../schema/api/notifications.ts";
import type { DirectoryEntry } from "../../../../schema/api/staff.ts";
import type { SupervisionForm } from "../../../../schema/reference/notify-delivery.ts";
import { listUnits } from "../../api/console.ts";
import { listSupervisions, runDeadlineScan, updateSupervision } from "../../api/notify.ts";
import { getPetition, getStaffDirectory } from "../../api/petitions.ts";
import { formatDate, formatTrackingCode, todayCst } from "../../shared/dates.ts";
import { formatDateTime } from "../../shared/format.ts";
import {
  labelFor,
  SUPERVISION_FORM_LABELS,
  SUPERVISION_FORMS,
  supervisionReason,
} from "../../shared/notify-labels.ts";
import { consolePath } from "../../shared/tenant.ts";
import { DeadlineBadge } from "../../shared/ui/Deadlines.tsx";
import { ErrorAlert, fieldErrors, SuccessStatus } from "../components/ErrorAlert.tsx";
import { SelectField, TextField } from "../components/Field.tsx";
import { Loading } from "../components/Loading.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { type Lookup, makeLookup } from "../lookup.ts";
import { useSession } from "../session.ts";
import { unitOptions } from "../units.ts";
import { announceUnread } from "../unread.ts";

/** Case lookups for tracking codes are capped; past this the row links to the case. */
const MAX_CASE_LOOKUPS = 60;

const LABELS = { form: "督办形式", note: "督办说明", status: "状态" };

function daysOverdue(due: string, today: string): number {
  const ms = Date.parse(`${today}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`);
  return Number.isFinite(ms) ? Math.max(0, Math.round(ms / 86_400_000)) : 0;
}

function scanSummary(r: ScanReport): string {
  return (
    `扫描完成：读取期限记录 ${r.rowsRead} 条，涉及案件 ${r.cases} 件；` +
    `发出期限提醒 ${r.alerts} 条，新增超期 ${r.breaches} 件，每日待办 ${r.digests} 份，` +
    `待发送消息 ${r.enqueued} 条。`
  );
}

export function SupervisionPage() {
  const { tenant, me } = useSession();
  usePageTitle("督办", me.tenant.name);
  const roles = me.staff.roles;
  const canSupervise = roles.includes("supervisor");
  const canScan = canSupervise || roles.includes("tenant_admin");
  const [withResolved, setWithResolved] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [scanError, setScanError] = useState<unknown>(null);
  const [scanReport, setScanReport] = useState<string | null>(null);

  const list = useAsync(
    () =>
      listSupervisions(tenant, withResolved ? { limit: 200 } : { status: "open", limit: 200 }).then(
        (r) => r.items,
      ),
    `${tenant}/${withResolved}`,
  );
  const names = useAsync(
    () =>
      Promise.allSettled([listUnits(tenant), getStaffDirectory(tenant)]).then(([u, d]) => ({
        units: u.status === "fulfilled" ? u.value.units : [],
        staff: d.status === "fulfilled" ? d.value.staff : ([] as DirectoryEntry[]),
      })),
    tenant,
  );
  const caseIds = [...new Set((list.data ?? []).map((s) => s.petitionId))].slice(
    0,
    MAX_CASE_LOOKUPS,
  );
  const codes = useAsync(
    () =>
      Promise.allSettled(caseIds.map((id) => getPetition(tenant, id))).then(
        (results) =>
          new Map(
            results.flatMap((r) =>
              r.status === "fulfilled" ? [[r.value.id, r.value.trackingCode] as const] : [],
            ),
          ),
      ),
    `${tenant}/${caseIds.join(",")}`,
  );

  const scan = async () => {
    setScanning(true);
    setScanError(null);
    setScanReport(null);
    try {
      setScanReport(scanSummary(await runDeadlineScan(tenant)));
      list.reload();
      // A scan may have sent this user new notices.
      announceUnread();
    } catch (err) {
      setScanError(err);
    } finally {
      setScanning(false);
    }
  };

  // A resolved record stays on screen until the next load, so its confirmation can be read.
  const replace = (updated: Supervision) =>
    list.setData((items) => (items ?? []).map((s) => (s.id === updated.id ? updated : s)));

  const units = names.data?.units ?? [];
  const lookup = makeLookup(units, names.data?.staff ?? []);
  const items = list.data ?? [];
  // Groups follow the unit tree (county office, townships, bureaus); unknown units last.
  const order = new Map(unitOptions(units).map((o, i) => [o.id, i]));
  const groups = new Map<string, Supervision[]>();
  for (const item of items) groups.set(item.unitId, [...(groups.get(item.unitId) ?? []), item]);
  const grouped = [...groups.entries()].sort(
    ([a], [b]) => (order.get(a) ?? 1e6) - (order.get(b) ?? 1e6),
  );
  const openCount = items.filter((s) => s.status === "open").length;
  const today = todayCst();

  return (
    <>
      <h1>督办</h1>
      <p class="lead">
        超期的案件，以及挂牌督办、领导批示的案件，由县信访局督办，按承办单位分组，超期最久的在前。
      </p>
      <div class="toolbar">
        <div class="field field--check">
          <label class="check" for="sv-resolved">
            <input
              id="sv-resolved"
              type="checkbox"
              checked={withResolved}
              onChange={(e) => setWithResolved(e.currentTarget.checked)}
            />
            包括已解决的督办
          </label>
        </div>
        {canScan && (
          <button
            type="button"
            class="button"
            disabled={scanning}
            aria-busy={scanning}
            onClick={scan}
          >
            立即扫描
          </button>
        )}
      </div>
      <SuccessStatus message={scanReport} />
      <ErrorAlert error={scanError} />
      <ErrorAlert error={list.error} />
      <div aria-live="polite" aria-busy={list.loading}>
        {list.data === undefined && list.loading && <Loading what="督办事项" />}
        {list.data !== undefined && (
          <p class="muted" data-testid="supervision-count">
            {openCount > 0 ? `督办中 ${openCount} 件。` : "当前没有督办中的案件。"}
            {withResolved && items.length > openCount && `已解决 ${items.length - openCount} 件。`}
          </p>
        )}
      </div>
      {grouped.map(([unitId, rows], g) => (
        <section key={unitId} class="sv-group" aria-labelledby={`sv-unit-${g}`}>
          <h2 id={`sv-unit-${g}`}>
            {lookup.unitName(unitId)} <span class="tag">{rows.length} 件</span>
          </h2>
          <ul class="sv-list">
            {[...rows]
              .sort((a, b) => a.due.localeCompare(b.due))
              .map((s) => (
                <SupervisionCard
                  key={s.id}
                  idPrefix={`sv-${g}-${s.id.replace(/[^A-Za-z0-9_-]/g, "_")}`}
                  tenant={tenant}
                  supervision={s}
                  trackingCode={codes.data?.get(s.petitionId)}
                  today={today}
                  lookup={lookup}
                  canSupervise={canSupervise}
                  onUpdated={replace}
                />
              ))}
          </ul>
        </section>
      ))}
    </>
  );
}

interface CardProps {
  idPrefix: string;
  tenant: string;
  supervision: Supervision;
  trackingCode: string | undefined;
  today: string;
  lookup: Lookup;
  canSupervise: boolean;
  onUpdated: (s: Supervision) => void;
}

function SupervisionCard({
  idPrefix,
  tenant,
  supervision: s,
  trackingCode,
  today,
  lookup,
  canSupervise,
  onUpdated,
}: CardProps) {
  const overdue = daysOverdue(s.due, today);
  const open = s.status === "open";
  const early = s.deadlineKey === "listed" || s.deadlineKey === "instruction";
  const caseHref = consolePath(tenant, `/petitions/${encodeURIComponent(s.petitionId)}`);
  return (
    <li
      class={`sv-card${open ? " sv-card--open" : ""}`}
      data-testid="supervision"
      data-petition={s.petitionId}
      data-code={trackingCode ?? ""}
    >
      <div class="sv-card__head">
        <h3>
          <a href={caseHref}>
            {trackingCode ? (
              <>
                案件 <span class="case-list__code">{formatTrackingCode(trackingCode)}</span>
              </>
            ) : (
              "查看案件"
            )}
          </a>
        </h3>
        {open ? (
          <span class="tag tag--bad">
            <span aria-hidden="true" class="tag__icon">
              ⚑
            </span>
            督办中
          </span>
        ) : (
          <span class="tag tag--ok">
            <span aria-hidden="true" class="tag__icon">
              ✓
            </span>
            已解决
          </span>
        )}
      </div>
      {s.essentials && (
        <p class="sv-card__summary" data-testid="supervision-essentials">
          {s.essentials.categoryName} · {s.essentials.unitName}：{s.essentials.summary}
        </p>
      )}
      <dl class="facts">
        <dt>督办事由</dt>
        <dd>{supervisionReason(s.deadlineKey)}</dd>
        <dt>{early ? "督办期限" : "截止日期"}</dt>
        <dd>
          {formatDate(s.due)}{" "}
          {open && overdue > 0 && (
            <>
              <DeadlineBadge state="overdue" /> 超期 {overdue} 天
            </>
          )}
        </dd>
        {s.essentials?.deadline && (
          <>
            <dt>下一期限</dt>
            {/* The instant a deadline ends is 24:00 CST, the first moment of the next day. */}
            <dd>{formatDate(todayCst(new Date(Date.parse(s.essentials.deadline) - 1)))}</dd>
          </>
        )}
        <dt>督办形式</dt>
        <dd data-testid="supervision-form">
          {s.form ? labelFor(SUPERVISION_FORM_LABELS, s.form) : "尚未记录"}
        </dd>
        <dt>启动督办</dt>
        <dd>{formatDateTime(s.openedAt)}</dd>
        {s.resolvedAt && (
          <>
            <dt>解决时间</dt>
            <dd>{formatDateTime(s.resolvedAt)}</dd>
          </>
        )}
      </dl>
      <History steps={s.history} lookup={lookup} />
      {canSupervise && (
        <RecordForm idPrefix={idPrefix} tenant={tenant} supervision={s} onUpdated={onUpdated} />
      )}
    </li>
  );
}

function History({ steps, lookup }: { steps: Supervision["history"]; lookup: Lookup }) {
  if (steps.length === 0) return null;
  return (
    <details class="sv-history" open={steps.length <= 3}>
      <summary>督办记录（{steps.length} 条）</summary>
      <ol class="timeline" data-testid="supervision-history">
        {steps.map((step, i) => (
          <li key={`${step.at}-${i}`} class="timeline__item">
            <p class="timeline__head">
              <strong>
                {[
                  step.form ? labelFor(SUPERVISION_FORM_LABELS, step.form) : "",
                  step.status === "resolved" ? "标记为已解决" : "",
                  step.status === "open" && i > 0 ? "重新督办" : "",
                ]
                  .filter(Boolean)
                  .join("，") || (i === 0 ? "启动督办" : "督办说明")}
              </strong>
            </p>
            <p class="timeline__meta">
              <time dateTime={step.at}>{formatDateTime(step.at)}</time>
              <span>{step.by ? lookup.staffName(step.by) : "系统"}</span>
            </p>
            {step.note && <p class="timeline__note">{step.note}</p>}
          </li>
        ))}
      </ol>
    </details>
  );
}

function RecordForm({
  idPrefix,
  tenant,
  supervision: s,
  onUpdated,
}: {
  idPrefix: string;
  tenant: string;
  supervision: Supervision;
  onUpdated: (s: Supervision) => void;
}) {
  const [form, setForm] = useState<SupervisionForm | "">("");
  const [note, setNote] = useState("");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const send = async (body: SupervisionUpdate, done: string) => {
    setSaving(true);
    setError(null);
    setStatus(null);
    try {
      const updated = await updateSupervision(tenant, s.id, body);
      setForm("");
      setNote("");
      setStatus(done);
      onUpdated(updated);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const record = (event: Event) => {
    event.preventDefault();
    if (!form && !note.trim()) {
      setLocal("请选择督办形式或填写督办说明");
      document.getElementById(`${idPrefix}-form`)?.focus();
      return;
    }
    setLocal(null);
    const body: SupervisionUpdate = {};
    if (form) body.form = form;
    if (note.trim()) body.note = note.trim();
    void send(body, form ? `已记录${SUPERVISION_FORM_LABELS[form]}。` : "已记录督办说明。");
  };

  const setStatusTo = (next: "open" | "resolved") => {
    const body: SupervisionUpdate = { status: next };
    if (note.trim()) body.note = note.trim();
    if (form) body.form = form;
    void send(body, next === "resolved" ? "已标记为已解决。" : "已重新督办。");
  };

  const errors = fieldErrors(error);
  const open = s.status === "open";
  // No accessible name: a named form is a landmark, and one per card would be a page of
  // identical landmarks. The card's heading already says which case the form is for.
  return (
    <form class="form sv-form" onSubmit={record} noValidate>
      <div class="form-grid">
        <SelectField
          id={`${idPrefix}-form`}
          label="督办形式"
          value={form}
          onValue={(v) => setForm(v as SupervisionForm | "")}
          options={SUPERVISION_FORMS.map((f) => ({ value: f, label: SUPERVISION_FORM_LABELS[f] }))}
          placeholder="（请选择）"
          error={errors.form ?? local ?? undefined}
        />
        <TextField
          id={`${idPrefix}-note`}
          label="督办说明（选填）"
          value={note}
          onValue={setNote}
          multiline
          rows={2}
          maxLength={2000}
          placeholder="如：已电话联系承办单位负责人，要求三日内办结。"
          error={errors.note}
        />
      </div>
      <ErrorAlert error={error} labels={LABELS} />
      <SuccessStatus message={status} />
      <div class="actions">
        {open && (
          <button type="submit" class="button button--primary" disabled={saving}>
            记录督办
          </button>
        )}
        <button
          type="button"
          class="button"
          disabled={saving}
          onClick={() => setStatusTo(open ? "resolved" : "open")}
        >
          {open ? "标记为已解决" : "重新督办"}
        </button>
      </div>
    </form>
  );
}
