import type { FieldsProps } from "./fields.ts";
import { NoteOnly } from "./NoteOnly.tsx";

export function ObjectForm(props: FieldsProps) {
  return (
    <NoteOnly
      {...props}
      label="异议理由"
      required
      hint="收到后 5 个工作日内，说明不属于本单位职权范围的理由（第二十三条）。"
    />
  );
}
