import { useState } from "preact/hooks";
import { TextField } from "../../Field.tsx";
import { type FieldsProps, useSubmit } from "./fields.ts";

export function Extend({ submitRef, send, errors, petition }: FieldsProps) {
  const [days, setDays] = useState("30");
  const [reason, setReason] = useState("");
  useSubmit(submitRef, () => void send<"extend">({ days: Number(days), reason: reason.trim() }));
  return (
    <>
      <TextField
        id="extend-days"
        label="延长天数"
        type="number"
        inputMode="numeric"
        min={1}
        max={30}
        required
        value={days}
        onValue={setDays}
        hint={`最多延长 30 日，须经本单位负责人批准，并将延期理由告知信访人（第三十四条）。${petition.extensionDays > 0 ? `已延期 ${petition.extensionDays} 日。` : ""}`}
        error={errors.days}
      />
      <TextField
        id="extend-reason"
        label="延期理由"
        multiline
        required
        maxLength={2000}
        value={reason}
        onValue={setReason}
        error={errors.reason}
      />
    </>
  );
}
