import type { Petition } from "../../../../../schema/api/petitions.ts";
import { statusLabel } from "../../../shared/petition-labels.ts";
import { consolePath } from "../../../shared/tenant.ts";
import { LegalRouteNote } from "../../../shared/ui/Badges.tsx";

interface Props {
  tenant: string;
  petition: Pick<Petition, "flags" | "confidential"> & Partial<Pick<Petition, "deadlines">>;
  unitName: (id: string) => string;
}

/**
 * What registration found out about the case: a repeat of an earlier one, the same matter
 * in progress below (§19), a first petition (3-7-21 targets), a skip-level visit, a legal
 * route. None of these blocks anything; they guide the next step.
 */
export function Flags({ tenant, petition, unitName }: Props) {
  const { flags } = petition;
  const items = [];
  if (flags.repeat) {
    const earlier = flags.repeat;
    items.push(
      <div key="repeat" class="notice notice--warn" data-testid="flag-repeat">
        <p>
          <strong>
            <span aria-hidden="true">⚠ </span>重复信访
          </strong>
          ：同一信访人的同一事项此前已有案件{" "}
          <a href={consolePath(tenant, `/petitions/${encodeURIComponent(earlier.of)}`)}>
            {earlier.trackingCode}
          </a>
          （{statusLabel(earlier.status)}）。
        </p>
        {earlier.afterReReview && (
          <p>前案已经复核。依照《信访工作条例》第三十六条，以同一事实和理由提出的，不再受理。</p>
        )}
      </div>,
    );
  }
  if (flags.final && !flags.repeat?.afterReReview) {
    const final = flags.final;
    items.push(
      <div key="final" class="notice notice--warn" data-testid="flag-final">
        <p>
          <strong>
            <span aria-hidden="true">⚠ </span>已经复核
          </strong>
          ：同一事项的前案{" "}
          <a href={consolePath(tenant, `/petitions/${encodeURIComponent(final.of)}`)}>
            {final.trackingCode}
          </a>{" "}
          已经复核。依照《信访工作条例》第三十六条，以同一事实和理由提出的，不再受理。
        </p>
      </div>,
    );
  }
  if (flags.inProgressBelow) {
    const below = flags.inProgressBelow;
    items.push(
      <div key="below" class="notice notice--warn" data-testid="flag-in-progress-below">
        <p>
          <strong>
            <span aria-hidden="true">⚠ </span>下级正在办理
          </strong>
          ：{unitName(below.unitId)}正在办理同一事项（
          <a href={consolePath(tenant, `/petitions/${encodeURIComponent(below.of)}`)}>查看该案</a>
          ）。依照第十九条，建议不予受理，并告知信访人等待其办理结果。
        </p>
      </div>,
    );
  }
  if (flags.firstPetition) {
    items.push(
      <p key="first" class="notice" data-testid="flag-first">
        <strong>初信初访</strong>：{firstPetitionTargets(petition.deadlines)}
      </p>,
    );
  }
  if (flags.skipLevel) {
    items.push(
      <p key="skip" class="notice">
        <strong>越级访</strong>：已如实记录，照常登记办理。
      </p>,
    );
  }
  if (flags.legalRoute) items.push(<LegalRouteNote key="legal" note={flags.legalRoute} />);
  if (items.length === 0) return <p class="muted">无特别提示。</p>;
  return <div class="stack">{items}</div>;
}

/** The county's own first-petition targets, as the case's clocks hold them (e.g. "3-7-21"). */
function firstPetitionTargets(deadlines: Petition["deadlines"] | undefined): string {
  const meet = deadlines?.targetMeet?.days;
  const feedback = deadlines?.targetFeedback?.days;
  const close = deadlines?.targetClose?.days;
  if (meet === undefined || feedback === undefined || close === undefined) {
    return "首次信访，优先见面、及时反馈、尽早办结。";
  }
  return `按“${meet}-${feedback}-${close}”要求，${meet} 日内见面、${feedback} 日内反馈、${close} 日内办结。`;
}
