import type { FieldsProps } from "./fields.ts";
import { NoteOnly } from "./NoteOnly.tsx";

export function Accept(props: FieldsProps) {
  return <NoteOnly {...props} label="受理意见" />;
}
