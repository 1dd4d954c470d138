import type { FromAbove } from "../../../../../schema/api/petitions.ts";
import { SOURCE_LEVEL_LABELS, type SourceLevelCode } from "../../../shared/petition-labels.ts";
import { SelectField, TextField } from "../Field.tsx";

export interface FromAboveForm {
  on: boolean;
  level: SourceLevelCode | "";
  reference: string;
  due: string;
}

export const EMPTY_FROM_ABOVE: FromAboveForm = { on: false, level: "", reference: "", due: "" };

export const FROM_ABOVE_LABELS: Record<string, string> = {
  "fromAbove.level": "上级层级",
  "fromAbove.reference": "上级文号",
  "fromAbove.due": "上级办理期限",
};

/** What is missing or wrong before sending, keyed as the server names the fields. */
export function fromAboveProblems(form: FromAboveForm, today: string): Record<string, string> {
  if (!form.on) return {};
  const problems: Record<string, string> = {};
  if (!form.level) problems["fromAbove.level"] = "请选择交办、转送的上级层级";
  if (!form.reference.trim()) problems["fromAbove.reference"] = "请填写上级文号或交办单号";
  if (form.due && form.due < today) problems["fromAbove.due"] = "上级办理期限不能早于今天";
  return problems;
}

export function fromAboveBody(form: FromAboveForm): FromAbove | undefined {
  if (!form.on || !form.level) return undefined;
  return {
    level: form.level,
    reference: form.reference.trim(),
    ...(form.due && { due: form.due }),
  };
}

/**
 * 上级交办/转送: a case handed down or forwarded by the city, province or national office is
 * registered with its level, the upstream reference and the upstream deadline (which governs
 * when earlier than ours); it then owes a 办结报告 upward.
 */
export function FromAboveFields({
  value,
  onValue,
  errors,
  today,
}: {
  value: FromAboveForm;
  onValue: (next: FromAboveForm) => void;
  errors: Record<string, string>;
  today: string;
}) {
  const set = (patch: Partial<FromAboveForm>) => onValue({ ...value, ...patch });
  const levels = Object.entries(SOURCE_LEVEL_LABELS) as [SourceLevelCode, string][];
  return (
    <>
      <div class="field field--check">
        <label class="check" for="intake-from-above">
          <input
            id="intake-from-above"
            type="checkbox"
            checked={value.on}
            onChange={(e) => set({ on: e.currentTarget.checked })}
          />
          上级交办、转送的信访事项
        </label>
      </div>
      {value.on && (
        <div class="form-grid" data-testid="from-above-fields">
          <SelectField
            id="intake-fromAbove-level"
            label="上级层级"
            value={value.level}
            onValue={(v) => set({ level: (v as SourceLevelCode) || "" })}
            options={levels.map(([code, label]) => ({ value: code, label }))}
            placeholder="请选择"
            required
            error={errors["fromAbove.level"]}
          />
          <TextField
            id="intake-fromAbove-reference"
            label="上级文号"
            value={value.reference}
            onValue={(v) => set({ reference: v })}
            maxLength={60}
            required
            hint="交办单、转送单上的编号。"
            error={errors["fromAbove.reference"]}
          />
          <TextField
            id="intake-fromAbove-due"
            label="上级办理期限（选填）"
            type="date"
            min={today}
            value={value.due}
            onValue={(v) => set({ due: v })}
            hint="早于本县期限时，按上级期限办理；办结后须向上级报送办结报告。"
            error={errors["fromAbove.due"]}
          />
        </div>
      )}
    </>
  );
}
