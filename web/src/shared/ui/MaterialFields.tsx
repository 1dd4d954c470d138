import type { Material } from "../../../../schema/api/petitions.ts";
import { TextField } from "../../console/components/Field.tsx";

export type MaterialForm = Required<{ [K in keyof Material]: string }>;

export const EMPTY_MATERIAL: MaterialForm = {
  facts: "",
  demands: "",
  hardships: "",
  history: "",
  priorHandling: "",
};

/** The five questions asked at every registration (五必问). */
export const MATERIAL_LABELS: Record<keyof Material, string> = {
  facts: "事实真相",
  demands: "诉求与理由",
  hardships: "实际困难",
  history: "信访经历",
  priorHandling: "此前办理情况",
};

const LIMITS: Record<keyof Material, number> = {
  facts: 10_000,
  demands: 5_000,
  hardships: 5_000,
  history: 5_000,
  priorHandling: 5_000,
};

const ORDER: (keyof Material)[] = ["facts", "demands", "hardships", "history", "priorHandling"];
const REQUIRED = new Set<keyof Material>(["facts", "demands"]);

interface Props {
  idPrefix: string;
  value: MaterialForm;
  onValue: (value: MaterialForm) => void;
  errors: Record<string, string>;
  /** Hints per question, e.g. plainer wording for citizens. */
  hints?: Partial<Record<keyof Material, string>>;
}

export function MaterialFields({ idPrefix, value, onValue, errors, hints = {} }: Props) {
  return (
    <>
      {ORDER.map((key) => (
        <TextField
          key={key}
          id={`${idPrefix}-${key}`}
          label={REQUIRED.has(key) ? MATERIAL_LABELS[key] : `${MATERIAL_LABELS[key]}（选填）`}
          multiline
          rows={key === "facts" ? 5 : 3}
          required={REQUIRED.has(key)}
          maxLength={LIMITS[key]}
          hint={hints[key]}
          value={value[key]}
          onValue={(text) => onValue({ ...value, [key]: text })}
          error={errors[key]}
        />
      ))}
    </>
  );
}

/** The material as the API takes it: optional answers left out when blank. */
export function materialBody(form: MaterialForm): Material {
  const body: Material = { facts: form.facts.trim(), demands: form.demands.trim() };
  for (const key of ["hardships", "history", "priorHandling"] as const) {
    const text = form[key].trim();
    if (text) body[key] = text;
  }
  return body;
}

/** The answers every registration needs, as problems keyed like the API's fields. */
export function materialProblems(form: MaterialForm): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!form.facts.trim()) problems.facts = "请填写事实真相";
  if (!form.demands.trim()) problems.demands = "请填写诉求与理由";
  return problems;
}

/**
 * Moves focus to the field of the first problem, on any intake form whose field ids follow
 * `${idPrefix}-name`, `-id`, `-phone`, `-category`, `-purpose-<code>` and the questions'.
 * Returns whether there was a problem.
 */
export function focusFirstProblem(
  idPrefix: string,
  problems: Record<string, string>,
  firstPurpose: string | undefined,
): boolean {
  const first = Object.keys(problems)[0];
  if (!first) return false;
  const focus: Record<string, string> = {
    purpose: `${idPrefix}-purpose-${firstPurpose ?? "suggestion"}`,
    categoryCode: `${idPrefix}-category`,
    "petitioner.name": `${idPrefix}-name`,
    "petitioner.idNumber": `${idPrefix}-id`,
    "petitioner.phone": `${idPrefix}-phone`,
    facts: `${idPrefix}-facts`,
    demands: `${idPrefix}-demands`,
  };
  // Other fields are named by their path: "fromAbove.level" is `${idPrefix}-fromAbove-level`.
  document.getElementById(focus[first] ?? `${idPrefix}-${first.replaceAll(".", "-")}`)?.focus();
  return true;
}
