import { useState } from "preact/hooks";
import { todayCst } from "../../../../shared/dates.ts";
import { TextField } from "../../Field.tsx";
import { type FieldsProps, opt, useSubmit } from "./fields.ts";

export function RequestReview({ submitRef, send, errors, action }: FieldsProps) {
  const [requestedOn, setRequestedOn] = useState(todayCst());
  const [note, setNote] = useState("");
  useSubmit(
    submitRef,
    () => void send<"requestReview">({ requestedOn: requestedOn || undefined, note: opt(note) }),
  );
  const what = action === "requestReReview" ? "复核" : "复查";
  return (
    <>
      <TextField
        id={`${action}-requestedOn`}
        label={`${what}申请日期`}
        type="date"
        max={todayCst()}
        value={requestedOn}
        onValue={setRequestedOn}
        hint={`信访人应在收到意见之日起 30 日内申请${what}；答复期限 30 日。`}
        error={errors.requestedOn}
      />
      <TextField
        id={`${action}-note`}
        label="备注（选填）"
        multiline
        maxLength={2000}
        value={note}
        onValue={setNote}
        error={errors.note}
      />
    </>
  );
}
