import { useEffect, useState } from "preact/hooks";
import type { FieldCases, ReceptionSession } from "../../../../../schema/api/reception.ts";
import { addFieldCase, getFieldCases, removeFieldCase } from "../../../api/reception-staff.ts";
import { PURPOSE_LABELS, statusLabel } from "../../../shared/petition-labels.ts";
import { consolePath } from "../../../shared/tenant.ts";
import { ErrorAlert, fieldErrors } from "../ErrorAlert.tsx";
import { TextField } from "../Field.tsx";

/**
 * 下访 / 带案下访: where the field session is held and the cases taken along, for the leader
 * on the day (on a phone at the village). Only cases this reader may see are listed.
 */
export function FieldCasesCard({
  tenant,
  session,
}: {
  tenant: string;
  session: Pick<ReceptionSession, "id" | "venue" | "townshipName" | "status">;
}) {
  const [data, setData] = useState<FieldCases | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [trackingCode, setTrackingCode] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    getFieldCases(tenant, session.id).then(
      (d) => live && setData(d),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [tenant, session.id]);

  const run = async (call: () => Promise<FieldCases>) => {
    setBusy(true);
    setError(null);
    try {
      setData(await call());
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const add = async (event: Event) => {
    event.preventDefault();
    if (await run(() => addFieldCase(tenant, session.id, trackingCode.trim()))) {
      setTrackingCode("");
    }
  };

  return (
    <section class="card prep" data-testid="field-cases" aria-labelledby="field-title">
      <h2 id="field-title">下访地点与带案</h2>
      <p>
        地点：{session.townshipName && `${session.townshipName} · `}
        {session.venue}
      </p>
      {!data && !error && <p class="muted">正在加载带案…</p>}
      {data?.cases.length === 0 && <p class="muted">尚未添加带案下访的案件。</p>}
      {data && data.cases.length > 0 && (
        <ul class="prep__cases" aria-label="带案下访的案件">
          {data.cases.map((c) => (
            <li key={c.petitionId} data-testid="field-case">
              <a href={consolePath(tenant, `/petitions/${c.petitionId}`)}>{c.trackingCode}</a> ·{" "}
              {PURPOSE_LABELS[c.purpose]} · {c.categoryName} · {statusLabel(c.status)} · 承办：
              {c.responsibleUnitName}{" "}
              <button
                type="button"
                class="button button--small"
                disabled={busy}
                aria-label={`移出 ${c.trackingCode}`}
                onClick={() => run(() => removeFieldCase(tenant, session.id, c.petitionId))}
              >
                移出
              </button>
            </li>
          ))}
        </ul>
      )}
      {session.status !== "cancelled" && (
        <form class="form" onSubmit={add} noValidate aria-label="添加带案">
          <TextField
            id="field-trackingCode"
            label="带案下访：案件查询码"
            value={trackingCode}
            onValue={setTrackingCode}
            required
            error={fieldErrors(error).trackingCode}
          />
          <p class="actions">
            <button type="submit" class="button" disabled={busy}>
              添加带案
            </button>
          </p>
        </form>
      )}
      <ErrorAlert error={error} />
    </section>
  );
}
