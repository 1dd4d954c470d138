import { useState } from "preact/hooks";
import { TextField } from "../../Field.tsx";
import { type FieldsProps, opt, useSubmit } from "./fields.ts";
import { UnitPicker } from "./UnitPicker.tsx";

export function Forward({ submitRef, send, errors, units, petition }: FieldsProps) {
  const [toUnitId, setToUnitId] = useState("");
  const [note, setNote] = useState("");
  useSubmit(submitRef, () => void send<"forward">({ toUnitId, note: opt(note) }));
  return (
    <>
      <UnitPicker
        id="forward-toUnitId"
        label="转送单位"
        units={units}
        exclude={petition.responsibleUnitId}
        forbidden={petition.confidential ? petition.subjectUnitId : null}
        value={toUnitId}
        onValue={setToUnitId}
        error={errors.toUnitId}
      />
      <TextField
        id="forward-note"
        label="转送说明（选填）"
        multiline
        maxLength={2000}
        value={note}
        onValue={setNote}
        error={errors.note}
      />
    </>
  );
}
