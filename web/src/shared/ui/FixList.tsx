/**
 * What has to be filled in or fixed before a form can go, from the page's own checks: each
 * problem under its field's name as the form shows it. Citizens' and staff's forms alike.
 */
export function FixList({
  problems,
  labels,
}: {
  problems: Record<string, string>;
  labels: Record<string, string>;
}) {
  const entries = Object.entries(problems);
  if (entries.length === 0) return null;
  return (
    <div class="alert alert--error" role="alert">
      <p>请先补充或修正以下内容：</p>
      <ul>
        {entries.map(([key, message]) => (
          <li key={key}>
            {labels[key] ?? key}：{message}
          </li>
        ))}
      </ul>
    </div>
  );
}
