import { useState } from "preact/hooks";
import { todayCst } from "../../../../shared/dates.ts";
import { periodText, usePolicyRules } from "../../../policy.ts";
import { TextField } from "../../Field.tsx";
import { type FieldsProps, opt, useSubmit } from "./fields.ts";

export function RequestReview({ submitRef, send, errors, action, tenant }: FieldsProps) {
  const rules = usePolicyRules(tenant);
  const reReview = action === "requestReReview";
  const ask = periodText(rules?.[reReview ? "reReviewRequest" : "reviewRequest"]);
  const answer = periodText(rules?.[reReview ? "reReviewAnswer" : "reviewAnswer"]);
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
        hint={
          ask && answer
            ? `信访人应在收到意见之日起 ${ask}内申请${what}；答复期限 ${answer}。`
            : undefined
        }
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
