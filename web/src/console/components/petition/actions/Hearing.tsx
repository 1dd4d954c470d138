import { useState } from "preact/hooks";
import { todayCst } from "../../../../shared/dates.ts";
import { TextField } from "../../Field.tsx";
import { type FieldsProps, opt, useSubmit } from "./fields.ts";

export function Hearing({ submitRef, send, errors }: FieldsProps) {
  const [startedOn, setStartedOn] = useState(todayCst());
  const [endedOn, setEndedOn] = useState(todayCst());
  const [note, setNote] = useState("");
  useSubmit(submitRef, () => void send<"recordHearing">({ startedOn, endedOn, note: opt(note) }));
  return (
    <>
      <p class="hint">听证所需时间不计入复核答复期限（第三十六条）。</p>
      <div class="form-grid">
        <TextField
          id="hearing-startedOn"
          label="听证开始日期"
          type="date"
          required
          value={startedOn}
          onValue={setStartedOn}
          error={errors.startedOn}
        />
        <TextField
          id="hearing-endedOn"
          label="听证结束日期"
          type="date"
          required
          value={endedOn}
          onValue={setEndedOn}
          error={errors.endedOn}
        />
      </div>
      <TextField
        id="hearing-note"
        label="听证情况（选填）"
        multiline
        maxLength={2000}
        value={note}
        onValue={setNote}
        error={errors.note}
      />
    </>
  );
}
