import { isApiError, retryAfterSeconds, validationIssues } from "../../api/client.ts";
import { formatDuration } from "../../shared/format.ts";

interface Props {
  error: unknown;
  /** Chinese names for request fields, so validation details read naturally. */
  labels?: Record<string, string>;
}

export function fieldLabel(path: string, labels: Record<string, string>): string {
  const clean = path.replace(/^body\./, "");
  return labels[clean] ?? labels[clean.split(".").pop() ?? ""] ?? clean;
}

/** Server validation messages keyed by field path (without any "body." prefix). */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of validationIssues(error)) {
    const path = issue.path.replace(/^body\./, "");
    out[path] ??= issue.message;
  }
  return out;
}

export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  return "操作失败，请稍后重试。";
}

export function ErrorAlert({ error, labels = {} }: Props) {
  if (!error) return null;
  const issues = validationIssues(error);
  const wait = retryAfterSeconds(error);
  return (
    <div class="alert alert--error" role="alert">
      <p>{errorMessage(error)}</p>
      {wait !== null && <p>剩余时间：{formatDuration(wait)}</p>}
      {issues.length > 0 && (
        <ul>
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              {issue.path ? `${fieldLabel(issue.path, labels)}：` : ""}
              {issue.message}
            </li>
          ))}
        </ul>
      )}
      {isApiError(error) && error.requestId && <p class="hint">请求编号：{error.requestId}</p>}
    </div>
  );
}

export function SuccessStatus({ message }: { message: string | null }) {
  // The live region stays mounted so assistive technology notices when text appears in it.
  return (
    <p role="status" class={message ? "alert alert--success" : "visually-hidden"}>
      {message ?? ""}
    </p>
  );
}
