import { useState } from "preact/hooks";
import {
  ASSESSMENT_ITEM_DEFINITIONS,
  ASSESSMENT_ITEM_LABELS,
  ASSESSMENT_ITEMS,
  type AssessmentItem,
} from "../../../../schema/reference/oversight.ts";
import {
  getOversightSettings,
  type OversightSettings,
  updateOversightSettings,
} from "../../api/oversight.ts";
import { ErrorAlert, fieldErrors, SuccessStatus } from "../components/ErrorAlert.tsx";
import { TextField } from "../components/Field.tsx";
import { Loading } from "../components/Loading.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";

/** The county's backlog days (积案) and the points of each assessment item (考核). */
export function OversightSettingsPage() {
  const { tenant, me } = useSession();
  usePageTitle("考核设置", me.tenant.name);
  const current = useAsync(() => getOversightSettings(tenant), tenant);
  return (
    <>
      <h1>考核设置</h1>
      <p class="lead">
        积案的认定天数和各单位季度考核的指标分值。修改后，统计分析、积案清单和考核通报立即按新设置计算。
      </p>
      <ErrorAlert error={current.error} />
      {current.data === undefined && current.loading && <Loading what="考核设置" />}
      {current.data && <SettingsForm tenant={tenant} initial={current.data} />}
    </>
  );
}

type Values = { backlogDays: string } & Record<AssessmentItem, string>;

const toValues = (s: OversightSettings): Values => ({
  backlogDays: String(s.backlogDays),
  ...(Object.fromEntries(ASSESSMENT_ITEMS.map((k) => [k, String(s.weights[k])])) as Record<
    AssessmentItem,
    string
  >),
});

function SettingsForm({ tenant, initial }: { tenant: string; initial: OversightSettings }) {
  const [values, setValues] = useState<Values>(() => toValues(initial));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const total = ASSESSMENT_ITEMS.reduce((t, k) => t + (Number(values[k]) || 0), 0);

  const submit = async (event: Event) => {
    event.preventDefault();
    // Checked here, in Chinese, rather than by the browser's own bubbles.
    const problems: Record<string, string> = {};
    const outside = (value: string, min: number, max: number) => {
      const n = Number(value);
      return value.trim() === "" || !Number.isInteger(n) || n < min || n > max;
    };
    if (outside(values.backlogDays, 30, 730)) problems.backlogDays = "请填写 30–730 之间的整数";
    for (const k of ASSESSMENT_ITEMS) {
      if (outside(values[k], 0, 100)) problems[`weights.${k}`] = "请填写 0–100 之间的整数";
    }
    setLocal(problems);
    const first = Object.keys(problems)[0];
    if (first) {
      const id =
        first === "backlogDays" ? "oversight-backlog-days" : `oversight-weight-${first.slice(8)}`;
      document.getElementById(id)?.focus();
      return;
    }
    setSaving(true);
    setError(null);
    setStatus(null);
    try {
      const saved = await updateOversightSettings(tenant, {
        backlogDays: Number(values.backlogDays),
        weights: Object.fromEntries(
          ASSESSMENT_ITEMS.map((k) => [k, Number(values[k])]),
        ) as OversightSettings["weights"],
      });
      setValues(toValues(saved));
      setStatus("已保存，立即生效。");
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const errors = fieldErrors(error);
  const labels: Record<string, string> = { backlogDays: "积案认定天数" };
  for (const k of ASSESSMENT_ITEMS) labels[`weights.${k}`] = ASSESSMENT_ITEM_LABELS[k];
  return (
    <form class="form card" onSubmit={submit} aria-labelledby="oversight-form-title" noValidate>
      <h2 id="oversight-form-title">积案与考核</h2>
      <TextField
        id="oversight-backlog-days"
        label="积案认定天数"
        type="number"
        inputMode="numeric"
        min={30}
        max={730}
        required
        value={values.backlogDays}
        onValue={(v) => setValues((old) => ({ ...old, backlogDays: v }))}
        hint="自收到之日起超过这个天数仍未办结的事项计为积案；复核后再次信访的事项不论天数均计为积案。"
        error={local.backlogDays ?? errors.backlogDays}
      />
      <fieldset>
        <legend>考核指标分值（合计 {total} 分，得分按百分制折算）</legend>
        <div class="form-grid">
          {ASSESSMENT_ITEMS.map((k) => (
            <TextField
              key={k}
              id={`oversight-weight-${k}`}
              label={ASSESSMENT_ITEM_LABELS[k]}
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              required
              value={values[k]}
              onValue={(v) => setValues((old) => ({ ...old, [k]: v }))}
              hint={ASSESSMENT_ITEM_DEFINITIONS[k]}
              error={local[`weights.${k}`] ?? errors[`weights.${k}`]}
            />
          ))}
        </div>
      </fieldset>
      <ErrorAlert error={error} labels={labels} />
      <SuccessStatus message={status} />
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={saving} aria-busy={saving}>
          保存
        </button>
      </div>
    </form>
  );
}
