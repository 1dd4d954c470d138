import { TextField } from "./Field.tsx";

export interface Representative {
  name: string;
  phone: string;
}

/**
 * 集体访代表 (§20): a group visit chooses representatives, whose names and phones are
 * sealed like the petitioner's. The county sets how many (default 5); the server checks.
 */
export function Representatives({
  value,
  onValue,
  max,
  errors,
}: {
  value: Representative[];
  onValue: (next: Representative[]) => void;
  max: number;
  errors: Record<string, string>;
}) {
  const set = (i: number, patch: Partial<Representative>) =>
    onValue(value.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset class="fieldset" data-testid="representatives">
      <legend>集体访代表（最多 {max} 人）</legend>
      {value.map((rep, i) => (
        <div class="form-grid" key={`rep-${i + 1}`}>
          <TextField
            id={`rep-${i}-name`}
            label={`代表 ${i + 1} 姓名`}
            value={rep.name}
            onValue={(v) => set(i, { name: v })}
            maxLength={50}
            error={errors[`representatives.${i}.name`]}
          />
          <TextField
            id={`rep-${i}-phone`}
            label={`代表 ${i + 1} 手机号（选填）`}
            inputMode="tel"
            value={rep.phone}
            onValue={(v) => set(i, { phone: v })}
            maxLength={20}
            error={errors[`representatives.${i}.phone`]}
          />
        </div>
      ))}
      {value.length < max && (
        <button
          type="button"
          class="button"
          onClick={() => onValue([...value, { name: "", phone: "" }])}
        >
          添加代表
        </button>
      )}
      {errors.representatives && (
        <p class="field__error" role="alert">
          {errors.representatives}
        </p>
      )}
    </fieldset>
  );
}
