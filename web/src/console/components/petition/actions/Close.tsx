import { useState } from "preact/hooks";
import type { CloseMethod } from "../../../../../../schema/api/petitions.ts";
import { CLOSE_METHOD_LABELS, labelOf } from "../../../../shared/petition-labels.ts";
import { RadioGroup } from "../../../../shared/ui/RadioGroup.tsx";
import { TextField } from "../../Field.tsx";
import { CaseFileChecklist } from "../CaseFiles.tsx";
import { type FieldsProps, opt, useSubmit } from "./fields.ts";

export function Close({ submitRef, send, errors, petition, lookup, tenant }: FieldsProps) {
  const [factsClear, setFactsClear] = useState(false);
  const [handled, setHandled] = useState(false);
  const [fileComplete, setFileComplete] = useState(false);
  const [petitionerOpinion, setOpinion] = useState("");
  const [method, setMethod] = useState<CloseMethod>("handled");
  const [summary, setSummary] = useState("");
  useSubmit(
    submitRef,
    () =>
      void send<"close">({
        factsClear,
        handled,
        fileComplete,
        petitionerOpinion: petitionerOpinion.trim(),
        method,
        summary: opt(summary),
      }),
  );
  const check = (id: string, label: string, value: boolean, set: (v: boolean) => void) => (
    <label class="check" for={id}>
      <input
        id={id}
        type="checkbox"
        checked={value}
        onChange={(e) => set(e.currentTarget.checked)}
      />
      {label}
    </label>
  );
  return (
    <>
      <fieldset class="field">
        <legend>结案条件</legend>
        <div class="checks checks--column">
          {check("close-factsClear", "事实已查清", factsClear, setFactsClear)}
          {check("close-handled", "问题已处理到位", handled, setHandled)}
          {check("close-fileComplete", "案卷材料齐全", fileComplete, setFileComplete)}
        </div>
        <CaseFileChecklist tenant={tenant} petitionId={petition.id} />
        <p class="hint" data-testid="owner-signoff">
          包案领导签字：
          {petition.ownerLeaderId
            ? `${lookup.staffName(petition.ownerLeaderId)}${petition.ownerSignedOff ? "，已签字" : "，尚未签字"}`
            : "未确定包案领导"}
        </p>
      </fieldset>
      <TextField
        id="close-opinion"
        label="信访人意见"
        multiline
        maxLength={2000}
        value={petitionerOpinion}
        onValue={setOpinion}
        hint={
          petition.evaluation.status === "done"
            ? "信访人已在网上评价：不填写时以其网上评价作为信访人意见。"
            : "记录信访人对处理结果的意见；未记录的不能结案。"
        }
        error={errors.petitionerOpinion}
      />
      <RadioGroup
        name="close-method"
        legend="结案方式"
        options={(Object.keys(CLOSE_METHOD_LABELS) as CloseMethod[]).map((m) => ({
          value: m,
          label: labelOf(CLOSE_METHOD_LABELS, m),
        }))}
        value={method}
        onValue={setMethod}
        required
        error={errors.method}
      />
      <TextField
        id="close-summary"
        label="结案说明（选填）"
        multiline
        maxLength={2000}
        value={summary}
        onValue={setSummary}
        error={errors.summary}
      />
    </>
  );
}
