import { useState } from "preact/hooks";
import { todayCst } from "../../../../shared/dates.ts";
import { extensionDaysProblem, usePolicyRules } from "../../../policy.ts";
import { SelectField, TextField } from "../../Field.tsx";
import { type FieldsProps, opt, useSubmit } from "./fields.ts";

/** 延期申请: the handler asks; the unit's leader decides (§34). */
export function RequestExtension({ submitRef, send, errors, petition, tenant }: FieldsProps) {
  const most = usePolicyRules(tenant)?.extensionMax?.days;
  const [days, setDays] = useState("");
  const [reason, setReason] = useState("");
  const [local, setLocal] = useState<string | undefined>(undefined);
  useSubmit(submitRef, () => {
    const problem = extensionDaysProblem(days, most, petition.extensionDays);
    setLocal(problem);
    if (problem) {
      document.getElementById("extension-request-days")?.focus();
      return;
    }
    void send<"requestExtension">({ days: Number(days), reason: reason.trim() });
  });
  return (
    <>
      <TextField
        id="extension-request-days"
        label="申请延长天数"
        type="number"
        inputMode="numeric"
        min={1}
        max={most}
        required
        value={days}
        onValue={setDays}
        hint={`由本单位负责人审批${most ? `，累计不超过 ${most} 日` : ""}。${petition.extensionDays > 0 ? `已延期 ${petition.extensionDays} 日。` : ""}`}
        error={local ?? errors.days}
      />
      <TextField
        id="extension-request-reason"
        label="申请理由"
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

/** One reason, as refusing an extension and sending a report back both need. */
function Reason({
  id,
  label,
  value,
  onValue,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onValue: (v: string) => void;
  error?: string | undefined;
}) {
  return (
    <TextField
      id={id}
      label={label}
      multiline
      required
      maxLength={2000}
      value={value}
      onValue={onValue}
      error={error}
    />
  );
}

export function RefuseExtension({ submitRef, send, errors, petition }: FieldsProps) {
  const [reason, setReason] = useState("");
  useSubmit(submitRef, () => void send<"refuseExtension">({ reason: reason.trim() }));
  const asked = petition.extensionRequest;
  return (
    <>
      {asked && (
        <p>
          承办人申请延长 {asked.days} 日，理由：{asked.reason}
        </p>
      )}
      <Reason
        id="extension-refusal-reason"
        label="不批准的理由"
        value={reason}
        onValue={setReason}
        error={errors.reason}
      />
    </>
  );
}

export function AcceptReport({ submitRef, send, errors }: FieldsProps) {
  const [note, setNote] = useState("");
  useSubmit(submitRef, () => void send<"acceptReport">({ note: opt(note) }));
  return (
    <TextField
      id="report-acceptance-note"
      label="审核意见（选填）"
      multiline
      maxLength={2000}
      value={note}
      onValue={setNote}
      error={errors.note}
    />
  );
}

export function SendBack({ submitRef, send, errors }: FieldsProps) {
  const [reason, setReason] = useState("");
  const [reportDue, setReportDue] = useState("");
  useSubmit(submitRef, () => void send<"sendBack">({ reason: reason.trim(), reportDue }));
  return (
    <>
      <Reason
        id="send-back-reason"
        label="发回重办的理由"
        value={reason}
        onValue={setReason}
        error={errors.reason}
      />
      <TextField
        id="send-back-due"
        label="重新办结期限"
        type="date"
        min={todayCst()}
        required
        value={reportDue}
        onValue={setReportDue}
        error={errors.reportDue}
      />
    </>
  );
}

export function ReportUpward({ submitRef, send, errors }: FieldsProps) {
  const [reportedOn, setReportedOn] = useState(todayCst());
  const [note, setNote] = useState("");
  useSubmit(
    submitRef,
    () => void send<"reportUpward">({ reportedOn: reportedOn || undefined, note: opt(note) }),
  );
  return (
    <>
      <TextField
        id="upward-report-on"
        label="报送日期"
        type="date"
        max={todayCst()}
        value={reportedOn}
        onValue={setReportedOn}
        error={errors.reportedOn}
      />
      <TextField
        id="upward-report-note"
        label="报送说明（选填）"
        multiline
        maxLength={2000}
        value={note}
        onValue={setNote}
        error={errors.note}
      />
    </>
  );
}

/** 告知记录: a notice given by letter or on the spot, which meets the §23 clock. */
export function RecordNotice({ submitRef, send, errors }: FieldsProps) {
  const [method, setMethod] = useState<"letter" | "in_person">("letter");
  const [content, setContent] = useState("");
  useSubmit(submitRef, () => void send<"recordNotice">({ method, content: content.trim() }));
  return (
    <>
      <SelectField
        id="notice-method"
        label="告知方式"
        value={method}
        onValue={(v) => setMethod(v === "in_person" ? "in_person" : "letter")}
        options={[
          { value: "letter", label: "书面告知" },
          { value: "in_person", label: "当面告知" },
        ]}
        error={errors.method}
      />
      <TextField
        id="notice-content"
        label="告知内容"
        multiline
        required
        maxLength={2000}
        value={content}
        onValue={setContent}
        error={errors.content}
      />
    </>
  );
}
