import { useState } from "preact/hooks";
import { type FieldsProps, useSubmit } from "./fields.ts";
import { PersonPicker, rankFor } from "./PersonPicker.tsx";

export function DesignateHandler({
  submitRef,
  send,
  errors,
  directory,
  lookup,
  petition,
  units,
}: FieldsProps) {
  const rank = rankFor(petition, units);
  const handlers = directory
    .filter((p) => p.roles.includes("handler"))
    .sort((a, b) => rank(a) - rank(b));
  const [handlerId, setHandlerId] = useState(petition.handlerId ?? "");
  useSubmit(submitRef, () => void send<"designateHandler">({ handlerId }));
  return (
    <PersonPicker
      id="handler-handlerId"
      label="承办人"
      people={handlers}
      lookup={lookup}
      value={handlerId}
      onValue={setHandlerId}
      error={errors.handlerId}
    />
  );
}
