import { useState } from "preact/hooks";
import { todayCst } from "../../../../shared/dates.ts";
import { TextField } from "../../Field.tsx";
import { type FieldsProps, opt, useSubmit } from "./fields.ts";
import { UnitPicker } from "./UnitPicker.tsx";

export function Assign({ submitRef, send, errors, units, petition }: FieldsProps) {
  // An ordinary case goes first to the unit it is about; an accusation never does (§30).
  const reported =
    !petition.confidential &&
    petition.subjectUnitId &&
    petition.subjectUnitId !== petition.responsibleUnitId &&
    units.some((u) => u.id === petition.subjectUnitId && u.kind !== "county")
      ? petition.subjectUnitId
      : "";
  const [toUnitId, setToUnitId] = useState(reported);
  const [reportDue, setReportDue] = useState("");
  const [instructions, setInstructions] = useState("");
  useSubmit(
    submitRef,
    () =>
      void send<"assign">({
        toUnitId,
        reportDue: reportDue || undefined,
        instructions: opt(instructions),
      }),
  );
  return (
    <>
      <UnitPicker
        id="assign-toUnitId"
        label="交办单位"
        units={units}
        exclude={petition.responsibleUnitId}
        forbidden={petition.confidential ? petition.subjectUnitId : null}
        value={toUnitId}
        onValue={setToUnitId}
        error={errors.toUnitId}
      />
      <TextField
        id="assign-reportDue"
        label="办结报告期限（选填）"
        type="date"
        min={todayCst()}
        value={reportDue}
        onValue={setReportDue}
        hint="不填则为办理期限。承办单位须按期报送办结报告。"
        error={errors.reportDue}
      />
      <TextField
        id="assign-instructions"
        label="交办要求（选填）"
        multiline
        maxLength={2000}
        value={instructions}
        onValue={setInstructions}
        error={errors.instructions}
      />
    </>
  );
}
