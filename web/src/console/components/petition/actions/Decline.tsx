import { useState } from "preact/hooks";
import type { DeclineGround } from "../../../../../../schema/api/petitions.ts";
import { DECLINE_GROUND_LABELS } from "../../../../shared/petition-labels.ts";
import { RadioGroup } from "../../../../shared/ui/RadioGroup.tsx";
import { TextField } from "../../Field.tsx";
import { type FieldsProps, useSubmit } from "./fields.ts";

export function Decline({ submitRef, send, errors, petition }: FieldsProps) {
  const initial: DeclineGround = petition.flags.repeat?.afterReReview
    ? "after_re_review"
    : petition.flags.inProgressBelow
      ? "in_progress_below"
      : "not_ours";
  const [ground, setGround] = useState<DeclineGround>(initial);
  const [reason, setReason] = useState("");
  useSubmit(submitRef, () => void send<"decline">({ ground, reason: reason.trim() }));
  return (
    <>
      <RadioGroup
        name="decline-ground"
        legend="理由类别"
        options={(Object.keys(DECLINE_GROUND_LABELS) as DeclineGround[]).map((g) => ({
          value: g,
          label: DECLINE_GROUND_LABELS[g],
        }))}
        value={ground}
        onValue={setGround}
        required
        error={errors.ground}
      />
      <TextField
        id="decline-reason"
        label="不予受理理由"
        multiline
        required
        maxLength={2000}
        value={reason}
        onValue={setReason}
        hint="将书面告知信访人，并告知其依法可以采取的途径。"
        error={errors.reason}
      />
    </>
  );
}
