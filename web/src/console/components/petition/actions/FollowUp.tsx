import { useState } from "preact/hooks";
import { todayCst } from "../../../../shared/dates.ts";
import { TextField } from "../../Field.tsx";
import { type FieldsProps, useSubmit } from "./fields.ts";

export function FollowUp({ submitRef, send, errors }: FieldsProps) {
  const [visitedOn, setVisitedOn] = useState(todayCst());
  const [note, setNote] = useState("");
  useSubmit(
    submitRef,
    () => void send<"recordFollowUp">({ note: note.trim(), visitedOn: visitedOn || undefined }),
  );
  return (
    <>
      <TextField
        id="followup-visitedOn"
        label="回访日期"
        type="date"
        max={todayCst()}
        value={visitedOn}
        onValue={setVisitedOn}
        error={errors.visitedOn}
      />
      <TextField
        id="followup-note"
        label="回访情况"
        multiline
        required
        maxLength={2000}
        value={note}
        onValue={setNote}
        error={errors.note}
      />
    </>
  );
}
