import { useState } from "preact/hooks";
import type { ReceptionSettings } from "../../../../schema/api/reception.ts";
import { getReceptionSettings, updateReceptionSettings } from "../../api/reception-staff.ts";
import { ErrorAlert, fieldErrors, SuccessStatus } from "../components/ErrorAlert.tsx";
import { TextField } from "../components/Field.tsx";
import { Loading } from "../components/Loading.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";

type RuleKey =
  | "minimumNoticeMinutes"
  | "horizonDays"
  | "monthlyBookingsPerPhone"
  | "walkInEvery"
  | "maxCalls";

const RULES: readonly { key: RuleKey; label: string; hint: string; min: number; max: number }[] = [
  {
    key: "minimumNoticeMinutes",
    label: "最短提前预约时间（分钟）",
    hint: "距时段开始不足这个时间的，预约页面显示“预约已截止”。",
    min: 0,
    max: 10080,
  },
  {
    key: "horizonDays",
    label: "最远可预约天数",
    hint: "更远的场次显示“尚未开放预约”。",
    min: 1,
    max: 366,
  },
  {
    key: "monthlyBookingsPerPhone",
    label: "每个手机号每月最多预约次数",
    hint: "已取消的预约不计入。",
    min: 1,
    max: 31,
  },
  {
    key: "walkInEvery",
    label: "现场来访穿插间隔",
    hint: "例如 3：每叫 2 位到时的预约群众，叫 1 位现场来访群众；没有到时的预约群众时按到场先后叫现场来访群众。",
    min: 1,
    max: 20,
  },
  {
    key: "maxCalls",
    label: "过号前最多叫号次数",
    hint: "叫满这个次数仍未到场的，记为未到。",
    min: 1,
    max: 10,
  },
];

/** The county's booking rules and calling order, set by its administrator. */
export function ReceptionRulesPage() {
  const { tenant, me } = useSession();
  usePageTitle("接访规则", me.tenant.name);
  const current = useAsync(() => getReceptionSettings(tenant), tenant);
  return (
    <>
      <h1>接访规则</h1>
      <p class="lead">
        领导接访日的预约限制和叫号规则。修改后立即生效，预约页面、叫号台和叫号大屏按新规则执行。
      </p>
      <section class="card" aria-labelledby="order-title">
        <h2 id="order-title">叫号顺序</h2>
        <ol>
          <li>
            预约群众从预约时段开始计算：提前到场的，等到预约时段再叫；迟到的，按到场时间排队。
          </li>
          <li>预约时段已到的群众，按时段先后叫号。</li>
          <li>现场来访群众按到场先后，按下方“穿插间隔”与预约群众交替叫号。</li>
          <li>叫号台、叫号大屏和群众手机上显示同一个顺序。</li>
        </ol>
      </section>
      <ErrorAlert error={current.error} />
      {current.data === undefined && current.loading && <Loading what="接访规则" />}
      {current.data && <RulesForm tenant={tenant} initial={current.data} />}
    </>
  );
}

function RulesForm({ tenant, initial }: { tenant: string; initial: ReceptionSettings }) {
  const [values, setValues] = useState<Record<RuleKey, string>>(
    () =>
      Object.fromEntries(RULES.map((r) => [r.key, String(initial[r.key])])) as Record<
        RuleKey,
        string
      >,
  );
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});

  const submit = async (event: Event) => {
    event.preventDefault();
    // Checked here, in Chinese, rather than by the browser's own bubbles.
    const problems: Record<string, string> = {};
    for (const r of RULES) {
      const n = Number(values[r.key]);
      if (values[r.key].trim() === "" || !Number.isInteger(n) || n < r.min || n > r.max) {
        problems[r.key] = `请填写 ${r.min}–${r.max} 之间的整数`;
      }
    }
    setLocal(problems);
    const first = Object.keys(problems)[0];
    if (first) {
      document.getElementById(`rule-${first}`)?.focus();
      return;
    }
    setSaving(true);
    setError(null);
    setStatus(null);
    try {
      const body = Object.fromEntries(RULES.map((r) => [r.key, Number(values[r.key])]));
      const saved = await updateReceptionSettings(tenant, body);
      setValues(
        Object.fromEntries(RULES.map((r) => [r.key, String(saved[r.key])])) as Record<
          RuleKey,
          string
        >,
      );
      setStatus("已保存，新规则立即生效。");
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const errors = fieldErrors(error);
  return (
    <form class="form card" onSubmit={submit} aria-labelledby="rules-title" noValidate>
      <h2 id="rules-title">预约与叫号设置</h2>
      <div class="form-grid">
        {RULES.map((rule) => (
          <TextField
            key={rule.key}
            id={`rule-${rule.key}`}
            label={rule.label}
            type="number"
            inputMode="numeric"
            min={rule.min}
            max={rule.max}
            required
            value={values[rule.key]}
            onValue={(v) => setValues((old) => ({ ...old, [rule.key]: v }))}
            hint={rule.hint}
            error={local[rule.key] ?? errors[rule.key]}
          />
        ))}
      </div>
      <ErrorAlert error={error} labels={Object.fromEntries(RULES.map((r) => [r.key, r.label]))} />
      <SuccessStatus message={status} />
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={saving} aria-busy={saving}>
          保存
        </button>
      </div>
    </form>
  );
}
