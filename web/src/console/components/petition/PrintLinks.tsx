import type { Petition } from "../../../../../schema/api/petitions.ts";
import type { Role } from "../../../../../schema/api/staff.ts";
import type { IssuedDocument } from "../../../api/statistics.ts";
import { consolePath } from "../../../shared/tenant.ts";
import { useSession } from "../../session.ts";
import { DOCUMENT_TITLES } from "../documents/DocumentBody.tsx";

/** Those who may number and print a document (issueDocument's roles). */
const PRINTERS: readonly Role[] = ["clerk", "handler", "leader", "supervisor"];

/** Which documents the case has reached: a notice of a decision it never took is not offered. */
export function printableKinds(p: Petition): IssuedDocument["kind"][] {
  const kinds: IssuedDocument["kind"][] = ["register_form"];
  if (p.status === "declined") kinds.push("decline_notice");
  if (p.routing) kinds.push("acceptance_notice");
  if (p.routing?.kind === "assign" || p.routing?.kind === "forward") {
    kinds.push("assignment_slip");
    if (p.status !== "closed") kinds.push("supervision_letter");
  }
  if (p.reply) kinds.push("handling_opinion");
  return kinds;
}

/**
 * The case's printable documents (受理告知书, 交办单 …): each opens its A4 page, which
 * numbers it (文号) the first time; a reprint keeps the number.
 */
export function PrintLinks({ tenant, petition }: { tenant: string; petition: Petition }) {
  const { me } = useSession();
  if (!me.staff.roles.some((r) => PRINTERS.includes(r))) return null;
  return (
    <section class="card" aria-labelledby="print-title">
      <h2 id="print-title">打印文书</h2>
      <ul>
        {printableKinds(petition).map((kind) => (
          <li key={kind}>
            <a href={consolePath(tenant, `/petitions/${petition.id}/print/${kind}`)}>
              {DOCUMENT_TITLES[kind]}
            </a>
          </li>
        ))}
      </ul>
      <p class="hint">首次打印时编发文号，重新打印沿用原文号。</p>
    </section>
  );
}
