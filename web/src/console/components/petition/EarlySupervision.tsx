import { useState } from "preact/hooks";
import type { Petition } from "../../../../../schema/api/petitions.ts";
import { openEarlySupervision } from "../../../api/casework.ts";
import { addDaysIso, formatDate, todayCst } from "../../../shared/dates.ts";
import { formatDateTime } from "../../../shared/format.ts";
import { supervisionReason } from "../../../shared/notify-labels.ts";
import { RadioGroup } from "../../../shared/ui/RadioGroup.tsx";
import { useSession } from "../../session.ts";
import { TextField } from "../Field.tsx";
import { FormProblems } from "../FormProblems.tsx";

type Form = "listed" | "instruction";

const LABELS: Record<string, string> = { form: "督办方式", due: "督办期限", note: "督办要求" };

const FINISHED = new Set(["closed", "declined"]);

/**
 * 督办 on the case page: the case's one open supervision, or — for the county office's
 * supervisors and leaders — opening one before any deadline is broken (挂牌督办, or a
 * leader's 批示) with its own due date.
 */
export function SupervisionCard({
  tenant,
  petition: p,
  onOpened,
}: {
  tenant: string;
  petition: Petition;
  onOpened: () => void;
}) {
  const { me } = useSession();
  const mayOpen =
    me.unit.kind === "county" &&
    me.staff.roles.some((r) => r === "supervisor" || r === "leader") &&
    !FINISHED.has(p.status);
  const open = p.supervision;
  if (!open && !mayOpen) return null;
  return (
    <section class="card" aria-labelledby="supervision-title" data-testid="case-supervision">
      <h2 id="supervision-title">督办</h2>
      {open ? (
        <dl class="facts">
          <dt>督办事由</dt>
          <dd data-testid="supervision-reason">{supervisionReason(open.reason)}</dd>
          <dt>督办期限</dt>
          <dd>{formatDate(open.due)}</dd>
          <dt>启动时间</dt>
          <dd>{formatDateTime(open.openedAt)}</dd>
        </dl>
      ) : (
        <>
          <p class="hint">本案尚未督办。未超期也可挂牌督办或按领导批示督办，并另定督办期限。</p>
          <OpenForm tenant={tenant} petitionId={p.id} onOpened={onOpened} />
        </>
      )}
    </section>
  );
}

function OpenForm({
  tenant,
  petitionId,
  onOpened,
}: {
  tenant: string;
  petitionId: string;
  onOpened: () => void;
}) {
  const today = todayCst();
  const [form, setForm] = useState<Form | "">("");
  const [due, setDue] = useState(addDaysIso(today, 7));
  const [note, setNote] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const problems: Record<string, string> = {};
    if (!form) problems.form = "请选择挂牌督办或领导批示";
    if (!due) problems.due = "请填写督办期限";
    else if (due < today) problems.due = "督办期限不能早于今天";
    setLocal(problems);
    const first = Object.keys(problems)[0];
    if (first) {
      document.getElementById(first === "form" ? "early-form-listed" : `early-${first}`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await openEarlySupervision(tenant, petitionId, {
        form: form as Form,
        due,
        ...(note.trim() && { note: note.trim() }),
      });
      onOpened();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <form class="form" onSubmit={submit} noValidate>
      <RadioGroup
        name="early-form"
        legend="督办方式"
        options={[
          { value: "listed", label: "挂牌督办" },
          { value: "instruction", label: "领导批示督办" },
        ]}
        value={form}
        onValue={setForm}
        required
        error={local.form}
      />
      <TextField
        id="early-due"
        label="督办期限"
        type="date"
        min={today}
        required
        value={due}
        onValue={setDue}
        hint="承办单位须在此日期前办结或报告进展。"
        error={local.due}
      />
      <TextField
        id="early-note"
        label={form === "instruction" ? "批示内容（选填）" : "督办要求（选填）"}
        multiline
        maxLength={2000}
        value={note}
        onValue={setNote}
      />
      <FormProblems error={error} local={local} labels={LABELS} />
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={busy} aria-busy={busy}>
          启动督办
        </button>
      </div>
    </form>
  );
}
