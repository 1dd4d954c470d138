import { useState } from "preact/hooks";
import { type FieldsProps, useSubmit } from "./fields.ts";
import { PersonPicker, rankFor } from "./PersonPicker.tsx";

export function AssignOwner({
  submitRef,
  send,
  errors,
  directory,
  lookup,
  petition,
  units,
}: FieldsProps) {
  const rank = rankFor(petition, units);
  const leaders = directory
    .filter((p) => p.roles.includes("leader"))
    .sort((a, b) => rank(a) - rank(b));
  const [leaderId, setLeaderId] = useState(petition.ownerLeaderId ?? "");
  useSubmit(submitRef, () => void send<"assignOwner">({ leaderId }));
  return (
    <PersonPicker
      id="owner-leaderId"
      label="包案领导"
      people={leaders}
      lookup={lookup}
      value={leaderId}
      onValue={setLeaderId}
      hint="包案领导包掌握情况、包思想教育、包跟踪督办、包解决化解、包息诉息访。"
      error={errors.leaderId}
    />
  );
}
