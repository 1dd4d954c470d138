import { useState } from "preact/hooks";
import type { RecordSuggestionOutcomeBody } from "../../../../../schema/api/suggestions.ts";
import {
  SUGGESTION_ANSWERS,
  SUGGESTION_LIMITS,
  SUGGESTION_OUTCOME_LABELS,
} from "../../../../../schema/reference/suggestions.ts";
import { recordSuggestionOutcome, type Suggestion } from "../../../api/suggestions.ts";
import { todayCst } from "../../../shared/dates.ts";
import { fieldErrors } from "../ErrorAlert.tsx";
import { SelectField, TextField } from "../Field.tsx";
import { FormProblems } from "../FormProblems.tsx";

const LABELS: Record<string, string> = {
  outcome: "反馈结果",
  answeredOn: "反馈日期",
  note: "说明",
};

/** 记录反馈: the unit's answer to one suggestion, onto the version the page shows. */
export function OutcomeForm({
  tenant,
  suggestion,
  onSaved,
  onCancel,
}: {
  tenant: string;
  suggestion: Suggestion;
  onSaved: (s: Suggestion) => void;
  onCancel: () => void;
}) {
  const id = `sg-${suggestion.id}`;
  const [outcome, setOutcome] = useState<string>(
    suggestion.outcome === "pending" ? "" : suggestion.outcome,
  );
  const [answeredOn, setAnsweredOn] = useState(suggestion.answeredOn ?? todayCst());
  const [note, setNote] = useState(suggestion.outcomeNote ?? "");
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const p: Record<string, string> = {};
    if (!outcome) p.outcome = "请选择反馈结果";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(answeredOn)) p.answeredOn = "请填写反馈日期";
    else if (answeredOn > todayCst()) p.answeredOn = "反馈日期不能晚于今天";
    else if (answeredOn < suggestion.sentOn) p.answeredOn = "反馈日期不能早于建议发出日期";
    if (note.trim().length > SUGGESTION_LIMITS.note)
      p.note = `说明不能超过 ${SUGGESTION_LIMITS.note} 字`;
    setLocal(p);
    const first = Object.keys(p)[0];
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      onSaved(
        await recordSuggestionOutcome(tenant, suggestion.id, {
          version: suggestion.version,
          outcome: outcome as RecordSuggestionOutcomeBody["outcome"],
          answeredOn,
          ...(note.trim() && { note: note.trim() }),
        }),
      );
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const server = fieldErrors(error);
  return (
    <form class="sv-form" onSubmit={submit} aria-label={`记录反馈：${suggestion.title}`} noValidate>
      <div class="form-grid">
        <SelectField
          id={`${id}-outcome`}
          label="反馈结果"
          value={outcome}
          onValue={setOutcome}
          placeholder="请选择"
          options={SUGGESTION_ANSWERS.map((a) => ({
            value: a,
            label: SUGGESTION_OUTCOME_LABELS[a],
          }))}
          required
          error={local.outcome ?? server.outcome}
        />
        <TextField
          id={`${id}-answeredOn`}
          label="反馈日期"
          type="date"
          min={suggestion.sentOn}
          max={todayCst()}
          value={answeredOn}
          onValue={setAnsweredOn}
          required
          error={local.answeredOn ?? server.answeredOn}
        />
      </div>
      <TextField
        id={`${id}-note`}
        label="说明（选填）"
        multiline
        value={note}
        onValue={setNote}
        maxLength={SUGGESTION_LIMITS.note}
        error={local.note ?? server.note}
      />
      <FormProblems error={error} local={local} labels={LABELS} />
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={saving} aria-busy={saving}>
          保存反馈
        </button>
        <button type="button" class="button" onClick={onCancel}>
          取消
        </button>
      </div>
    </form>
  );
}
