import type { PetitionStatus } from "../../../../../schema/api/petitions.ts";
import { statusLabel } from "../../../shared/petition-labels.ts";

const CLASS: Partial<Record<PetitionStatus, string>> = {
  closed: "tag tag--ok",
  declined: "tag",
  objected: "tag tag--warn",
  replied: "tag tag--info",
  reviewed: "tag tag--info",
  re_reviewed: "tag tag--info",
};

export function StatusTag({ status }: { status: PetitionStatus }) {
  return (
    <span class={CLASS[status] ?? "tag tag--info"} data-testid="status">
      {statusLabel(status)}
    </span>
  );
}
