import { isApiError, retryAfterSeconds, validationIssues } from "../api/client.ts";
import { formatDuration } from "../shared/format.ts";

interface Props {
  error: unknown;
  /** Chinese names for the fields this form shows; problems with other fields read as plain text. */
  labels?: Record<string, string>;
}

const HAN = /\p{Script=Han}/u;

/**
 * The one sentence a citizen reads for a failed request: the server's Chinese message, or a
 * plain one by kind when the message is generic or not Chinese. Never a field name or an id.
 */
export function citizenMessage(error: unknown): string {
  if (!isApiError(error)) return "操作失败，请稍后重试。";
  if (error.status === 0) return "网络连接失败，请检查网络后重试。";
  if (error.status >= 500) return "服务暂时不可用，请稍后再试。";
  if (error.code === "VALIDATION_FAILED" && error.message === "请求参数有误") {
    return "填写的内容有误，请检查后重试。";
  }
  if (HAN.test(error.message)) return error.message;
  if (error.status === 429) return "操作过于频繁，请稍后再试。";
  if (error.status === 404) return "没有找到相关信息，请核对后重试。";
  return "操作失败，请稍后重试。";
}

/** Field problems as citizens read them: a known label, or the message alone. */
export function citizenIssues(error: unknown, labels: Record<string, string>): string[] {
  const top = citizenMessage(error);
  const lines = new Set<string>();
  for (const issue of validationIssues(error)) {
    if (!HAN.test(issue.message) || issue.message === top) continue;
    const field = issue.path.replace(/^(body|query|param)\./, "");
    const label = labels[field] ?? labels[field.split(".").pop() ?? ""];
    lines.add(label ? `${label}：${issue.message}` : issue.message);
  }
  return [...lines];
}

/**
 * The error box of citizens' pages. The request id stays out of the text (staff and the logs
 * have it); it rides on the element so a clerk helping on the phone can still find it.
 */
export function CitizenErrorAlert({ error, labels = {} }: Props) {
  if (!error) return null;
  const wait = retryAfterSeconds(error);
  const issues = citizenIssues(error, labels);
  return (
    <div
      class="alert alert--error"
      role="alert"
      data-request-id={isApiError(error) ? error.requestId : undefined}
    >
      <p>{citizenMessage(error)}</p>
      {wait !== null && <p>请在 {formatDuration(wait)} 后再试。</p>}
      {issues.length > 0 && (
        <ul>
          {issues.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
