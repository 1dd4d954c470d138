import { useState } from "preact/hooks";
import type { Outcome } from "../../../../../../schema/api/petitions.ts";
import { OUTCOME_LABELS } from "../../../../shared/petition-labels.ts";
import { RadioGroup } from "../../../../shared/ui/RadioGroup.tsx";
import { TextField } from "../../Field.tsx";
import { type FieldsProps, useSubmit } from "./fields.ts";

export function Reply({ submitRef, send, errors, petition }: FieldsProps) {
  const [request, setRequest] = useState(petition.material.demands);
  const [factsAndReasons, setFacts] = useState("");
  const [decision, setDecision] = useState("");
  const [legalBasis, setLegalBasis] = useState("");
  const [outcome, setOutcome] = useState<Outcome | "">("");
  const [missing, setMissing] = useState(false);
  useSubmit(submitRef, () => {
    if (!outcome) {
      setMissing(true);
      document.getElementById("reply-outcome-support")?.focus();
      return;
    }
    void send<"reply">({
      request: request.trim(),
      factsAndReasons: factsAndReasons.trim(),
      decision: decision.trim(),
      legalBasis: legalBasis.trim(),
      outcome,
    });
  });
  return (
    <>
      <p class="hint">
        处理意见书应载明信访人的请求、事实和理由、处理意见及其法律法规依据（第三十二条）。
      </p>
      <TextField
        id="reply-request"
        label="信访请求"
        multiline
        required
        maxLength={5000}
        value={request}
        onValue={setRequest}
        error={errors.request}
      />
      <TextField
        id="reply-facts"
        label="事实和理由"
        multiline
        rows={5}
        required
        maxLength={10000}
        value={factsAndReasons}
        onValue={setFacts}
        error={errors.factsAndReasons}
      />
      <TextField
        id="reply-decision"
        label="处理意见"
        multiline
        required
        maxLength={5000}
        value={decision}
        onValue={setDecision}
        error={errors.decision}
      />
      <TextField
        id="reply-legal-basis"
        label="法律依据"
        multiline
        required
        maxLength={5000}
        value={legalBasis}
        onValue={setLegalBasis}
        error={errors.legalBasis}
      />
      <RadioGroup
        name="reply-outcome"
        legend="处理结果"
        options={(Object.keys(OUTCOME_LABELS) as Outcome[]).map((o) => ({
          value: o,
          label: OUTCOME_LABELS[o],
        }))}
        value={outcome}
        onValue={(o) => {
          setOutcome(o);
          setMissing(false);
        }}
        required
        error={missing ? "请选择处理结果" : errors.outcome}
      />
    </>
  );
}
