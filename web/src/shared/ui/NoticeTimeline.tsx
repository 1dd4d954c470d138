import { formatDateTime } from "../format.ts";

type NoticeMethod = "sms" | "letter" | "in_person" | "in_app";

interface Notice {
  at: string;
  method: NoticeMethod;
  content: string;
}

/**
 * 告知记录 as a list, the same for the petitioner's tracking page and the case page. Only
 * the in-app notice is named from where the reader stands: "本页" to the petitioner,
 * "查询页" to staff.
 */
export function NoticeTimeline({
  notices,
  inAppLabel,
}: {
  notices: readonly Notice[];
  inAppLabel: string;
}) {
  if (notices.length === 0) return <p class="muted">暂无告知记录。</p>;
  const labels: Record<NoticeMethod, string> = {
    sms: "短信",
    letter: "书面",
    in_person: "当面",
    in_app: inAppLabel,
  };
  return (
    <ol class="timeline">
      {notices.map((n, i) => (
        <li key={`${n.at}-${i}`} class="timeline__item">
          <p class="timeline__head">
            <time dateTime={n.at}>{formatDateTime(n.at)}</time>
            <strong>{labels[n.method]}告知</strong>
          </p>
          <p>{n.content}</p>
        </li>
      ))}
    </ol>
  );
}
