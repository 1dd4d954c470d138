import { periodText, usePolicyRules } from "../../../policy.ts";
import type { FieldsProps } from "./fields.ts";
import { NoteOnly } from "./NoteOnly.tsx";

export function ObjectForm(props: FieldsProps) {
  const rules = usePolicyRules(props.tenant);
  const within = periodText(props.petition.deadlines.objection ?? rules?.objection);
  return (
    <NoteOnly
      {...props}
      label="异议理由"
      required
      hint={`${within ? `收到后 ${within}内，` : ""}说明不属于本单位职权范围的理由（第二十三条）。`}
    />
  );
}
