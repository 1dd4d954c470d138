import type { FieldsProps } from "./fields.ts";
import { NoteOnly } from "./NoteOnly.tsx";

export function SignOff(props: FieldsProps) {
  return (
    <NoteOnly
      {...props}
      label="签字意见"
      hint="包案领导确认已掌握情况、跟踪督办并同意按现有处理意见办结。"
    />
  );
}
