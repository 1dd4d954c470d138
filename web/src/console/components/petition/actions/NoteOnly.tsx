import { useState } from "preact/hooks";
import type { ActionInput as ActionBodies } from "../../../../../../schema/api/petitions.ts";
import { TextField } from "../../Field.tsx";
import { type FieldsProps, opt, useSubmit } from "./fields.ts";

export function NoteOnly({
  submitRef,
  send,
  errors,
  action,
  label,
  required,
  hint,
}: FieldsProps & { label: string; required?: boolean; hint?: string }) {
  const [note, setNote] = useState("");
  useSubmit(submitRef, () => {
    const text = opt(note);
    if (action === "object") void send<"object">({ reason: text ?? "" });
    else void send({ note: text } as ActionBodies["accept"]);
  });
  return (
    <TextField
      id={`${action}-note`}
      label={required ? label : `${label}（选填）`}
      multiline
      required={required}
      maxLength={2000}
      value={note}
      onValue={setNote}
      hint={hint}
      error={errors.note ?? errors.reason}
    />
  );
}
