import { useState } from "preact/hooks";
import { extensionDaysProblem, usePolicyRules } from "../../../policy.ts";
import { TextField } from "../../Field.tsx";
import { type FieldsProps, useSubmit } from "./fields.ts";

export function Extend({ submitRef, send, errors, petition, tenant }: FieldsProps) {
  const most = usePolicyRules(tenant)?.extensionMax?.days;
  const [days, setDays] = useState("");
  const [reason, setReason] = useState("");
  const [local, setLocal] = useState<string | undefined>(undefined);
  useSubmit(submitRef, () => {
    const problem = extensionDaysProblem(days, most, petition.extensionDays);
    setLocal(problem);
    if (problem) {
      document.getElementById("extend-days")?.focus();
      return;
    }
    void send<"extend">({ days: Number(days), reason: reason.trim() });
  });
  return (
    <>
      <TextField
        id="extend-days"
        label="延长天数"
        type="number"
        inputMode="numeric"
        min={1}
        max={most}
        required
        value={days}
        onValue={setDays}
        hint={`${most ? `累计最多延长 ${most} 日，` : ""}须经本单位负责人批准，并将延期理由告知信访人（第三十四条）。${petition.extensionDays > 0 ? `已延期 ${petition.extensionDays} 日。` : ""}`}
        error={local ?? errors.days}
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
