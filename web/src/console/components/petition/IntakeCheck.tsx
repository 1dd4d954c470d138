import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type {
  CheckPetitionBody,
  CheckPetitionResult,
} from "../../../../../schema/api/petitions.ts";
import { checkPetition } from "../../../api/petitions.ts";
import { formatTrackingCode } from "../../../shared/dates.ts";
import { statusLabel } from "../../../shared/petition-labels.ts";
import { consolePath } from "../../../shared/tenant.ts";

const DEBOUNCE_MS = 400;
/** Saving waits at most this long for a last check; it never blocks registration. */
const BEFORE_SAVE_MS = 2_000;

interface Checked {
  key: string;
  result: CheckPetitionResult;
}

/**
 * Asks the server, while the clerk types, whether the petition about to be registered
 * repeats an earlier one, is already being handled below (§19) or skips a level. `body` is
 * null until a category and a valid ID number or mobile are there.
 */
export function useIntakeCheck(tenant: string, body: CheckPetitionBody | null) {
  const key = body ? JSON.stringify(body) : null;
  const [checked, setChecked] = useState<Checked | null>(null);
  const bodyRef = useRef(body);
  bodyRef.current = body;

  const run = useCallback(
    async (runKey: string, signal?: AbortSignal) => {
      const current = bodyRef.current;
      if (!current) return;
      try {
        const result = await checkPetition(tenant, current, signal);
        setChecked({ key: runKey, result });
      } catch {
        // A failed check leaves the form as it is: the flags are recorded on save anyway.
      }
    },
    [tenant],
  );

  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    const timer = setTimeout(() => void run(key, controller.signal), DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, run]);

  /** Before saving: make sure the current input was checked, but never wait long. */
  const checkNow = useCallback(async () => {
    if (!key || checked?.key === key) return;
    await Promise.race([run(key), new Promise((resolve) => setTimeout(resolve, BEFORE_SAVE_MS))]);
  }, [key, checked, run]);

  return { result: key && checked?.key === key ? checked.result : null, checkNow };
}

interface Props {
  tenant: string;
  result: CheckPetitionResult | null;
  unitName: (id: string) => string;
}

/** The warnings, in a live region so they are read out as they appear; never blocking. */
export function IntakeWarnings({ tenant, result, unitName }: Props) {
  const items = [];
  const caseHref = (id: string) => consolePath(tenant, `/petitions/${encodeURIComponent(id)}`);
  if (result?.repeat) {
    const r = result.repeat;
    items.push(
      <p key="repeat">
        <strong>
          <span aria-hidden="true">⚠ </span>重复信访
        </strong>
        ： 该信访人此前就同一事项有过信访，前案{" "}
        <a href={caseHref(r.of)} target="_blank" rel="noopener">
          {formatTrackingCode(r.trackingCode)}
          <span class="visually-hidden">（在新窗口打开）</span>
        </a>
        （{statusLabel(r.status)}）。
      </p>,
    );
    if (r.afterReReview) {
      items.push(
        <p key="re-review">
          <strong>
            <span aria-hidden="true">⚠ </span>复核后不再受理（第三十六条）
          </strong>
          ：前案已经复核，以同一事实和理由再次提出的，不再受理；仍应登记并告知信访人。
        </p>,
      );
    }
  }
  if (result?.inProgressBelow) {
    const below = result.inProgressBelow;
    items.push(
      <p key="below">
        <strong>
          <span aria-hidden="true">⚠ </span>下级正在办理
        </strong>
        ：{unitName(below.unitId)}正在办理同一事项（
        <a href={caseHref(below.of)} target="_blank" rel="noopener">
          查看该案<span class="visually-hidden">（在新窗口打开）</span>
        </a>
        ）。依照第十九条，可告知信访人等待其办理结果。
      </p>,
    );
  }
  if (result?.skipLevel) {
    items.push(
      <p key="skip">
        <strong>越级访</strong>：被反映单位在乡镇（村）一级，此前未经其办理。如实记录，照常登记。
      </p>,
    );
  }
  return (
    <div role="status" data-testid="intake-check">
      {items.length > 0 && (
        <div class="notice notice--warn">
          {items}
          <p class="hint">以上为登记前的提示，不影响登记。</p>
        </div>
      )}
    </div>
  );
}
