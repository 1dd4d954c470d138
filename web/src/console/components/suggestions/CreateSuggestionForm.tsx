import { useState } from "preact/hooks";
import {
  SUGGESTION_KIND_LABELS,
  SUGGESTION_KINDS,
  SUGGESTION_LIMITS,
  type SuggestionKind,
} from "../../../../../schema/reference/suggestions.ts";
import { createSuggestion, type Suggestion } from "../../../api/suggestions.ts";
import { todayCst } from "../../../shared/dates.ts";
import { fieldErrors, SuccessStatus } from "../ErrorAlert.tsx";
import { SelectField, TextField } from "../Field.tsx";
import { FormProblems } from "../FormProblems.tsx";

const LABELS: Record<string, string> = {
  kind: "建议类别",
  unitId: "报送单位",
  sentOn: "发出日期",
  title: "标题",
  content: "建议内容",
  trackingCode: "相关案件查询码",
};

const IDS: Record<string, string> = {
  kind: "sg-kind",
  unitId: "sg-unit",
  sentOn: "sg-sent-on",
  title: "sg-title",
  content: "sg-content",
  trackingCode: "sg-case",
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

interface Values {
  kind: string;
  unitId: string;
  sentOn: string;
  title: string;
  content: string;
  trackingCode: string;
}

const empty = (): Values => ({
  kind: "",
  unitId: "",
  sentOn: todayCst(),
  title: "",
  content: "",
  trackingCode: "",
});

/** What is wrong with the form, in Chinese, by field; empty when it may be sent. */
export function suggestionProblems(v: Values, today: string): Record<string, string> {
  const p: Record<string, string> = {};
  if (!v.kind) p.kind = "请选择建议类别";
  if (!v.unitId) p.unitId = "请选择建议报送的单位";
  if (!ISO_DAY.test(v.sentOn)) p.sentOn = "请填写发出日期";
  else if (v.sentOn > today) p.sentOn = "发出日期不能晚于今天";
  if (!v.title.trim()) p.title = "请填写标题";
  else if (v.title.trim().length > SUGGESTION_LIMITS.title)
    p.title = `标题不能超过 ${SUGGESTION_LIMITS.title} 字`;
  if (!v.content.trim()) p.content = "请填写建议内容";
  else if (v.content.trim().length > SUGGESTION_LIMITS.content)
    p.content = `建议内容不能超过 ${SUGGESTION_LIMITS.content} 字`;
  const code = v.trackingCode.replace(/[\s-]/g, "");
  if (code && !/^[0-9A-Za-z]{1,30}$/.test(code)) p.trackingCode = "查询码只含字母和数字";
  return p;
}

/** 登记建议: the office records a suggestion it sent; its answer is recorded later. */
export function CreateSuggestionForm({
  tenant,
  units,
  onCreated,
}: {
  tenant: string;
  units: readonly { id: string; name: string }[];
  onCreated: (s: Suggestion) => void;
}) {
  const [values, setValues] = useState<Values>(empty);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const set = (key: keyof Values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  const submit = async (event: Event) => {
    event.preventDefault();
    const problems = suggestionProblems(values, todayCst());
    setLocal(problems);
    setStatus(null);
    const first = Object.keys(problems)[0];
    if (first) {
      document.getElementById(IDS[first] ?? "")?.focus();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const code = values.trackingCode.replace(/[\s-]/g, "");
      const created = await createSuggestion(tenant, {
        kind: values.kind as SuggestionKind,
        unitId: values.unitId,
        sentOn: values.sentOn,
        title: values.title.trim(),
        content: values.content.trim(),
        ...(code && { trackingCode: code }),
      });
      onCreated(created);
      setValues(empty());
      setStatus(`已登记：${created.title}`);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const server = fieldErrors(error);
  const err = (key: string) => local[key] ?? server[key];
  return (
    <form class="form card" onSubmit={submit} aria-labelledby="sg-form-title" noValidate>
      <h2 id="sg-form-title">登记建议</h2>
      <div class="form-grid">
        <SelectField
          id={IDS.kind ?? ""}
          label={LABELS.kind ?? ""}
          value={values.kind}
          onValue={set("kind")}
          placeholder="请选择"
          options={SUGGESTION_KINDS.map((k) => ({ value: k, label: SUGGESTION_KIND_LABELS[k] }))}
          required
          error={err("kind")}
        />
        <SelectField
          id={IDS.unitId ?? ""}
          label={LABELS.unitId ?? ""}
          value={values.unitId}
          onValue={set("unitId")}
          placeholder="请选择"
          options={units.map((u) => ({ value: u.id, label: u.name }))}
          required
          error={err("unitId")}
        />
        <TextField
          id={IDS.sentOn ?? ""}
          label={LABELS.sentOn ?? ""}
          type="date"
          max={todayCst()}
          value={values.sentOn}
          onValue={set("sentOn")}
          required
          error={err("sentOn")}
        />
      </div>
      <TextField
        id={IDS.title ?? ""}
        label={LABELS.title ?? ""}
        value={values.title}
        onValue={set("title")}
        maxLength={SUGGESTION_LIMITS.title}
        required
        error={err("title")}
      />
      <TextField
        id={IDS.content ?? ""}
        label={LABELS.content ?? ""}
        multiline
        rows={5}
        value={values.content}
        onValue={set("content")}
        maxLength={SUGGESTION_LIMITS.content}
        required
        error={err("content")}
      />
      <TextField
        id={IDS.trackingCode ?? ""}
        label="相关案件查询码（选填）"
        value={values.trackingCode}
        onValue={set("trackingCode")}
        hint="建议由某件信访事项引起时填写；只能关联您有权查看的事项。"
        error={err("trackingCode")}
      />
      <FormProblems error={error} local={local} labels={LABELS} />
      <SuccessStatus message={status} />
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={saving} aria-busy={saving}>
          登记
        </button>
      </div>
    </form>
  );
}
