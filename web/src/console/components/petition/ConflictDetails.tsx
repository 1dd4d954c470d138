import { isApiError } from "../../../api/client.ts";
import {
  ACTION_LABELS,
  CLOSE_BLOCKER_LABELS,
  isPetitionAction,
} from "../../../shared/petition-labels.ts";

/** What a 409 says: which actions remain possible, or which close conditions are unmet. */
export function ConflictDetails({ error, onReload }: { error: unknown; onReload: () => void }) {
  if (!isApiError(error) || error.status !== 409) return null;
  const details = (error.details ?? {}) as { allowedActions?: unknown; blockers?: unknown };
  const blockers = Array.isArray(details.blockers) ? details.blockers.map(String) : [];
  const allowed = Array.isArray(details.allowedActions)
    ? details.allowedActions.map(String).filter(isPetitionAction)
    : null;
  return (
    <div class="notice notice--warn" data-testid="conflict">
      {blockers.length > 0 && (
        <>
          <p>
            <strong>暂不能结案</strong>，以下条件尚未满足：
          </p>
          <ul>
            {blockers.map((key) => (
              <li key={key}>{CLOSE_BLOCKER_LABELS[key] ?? key}</li>
            ))}
          </ul>
        </>
      )}
      {allowed && (
        <p>
          案件当前状态下可执行：
          {allowed.length > 0 ? allowed.map((a) => ACTION_LABELS[a]).join("、") : "无"}。
        </p>
      )}
      {blockers.length === 0 && (
        <p>
          <button type="button" class="button button--small" onClick={onReload}>
            重新加载案件
          </button>
        </p>
      )}
    </div>
  );
}
