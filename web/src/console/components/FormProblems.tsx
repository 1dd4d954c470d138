import { ErrorAlert } from "./ErrorAlert.tsx";

interface Props {
  /** What the server answered, if the form was sent. */
  error: unknown;
  /** Problems found before sending, by field. */
  local: Record<string, string>;
  /** Each field's name as the form shows it. */
  labels: Record<string, string>;
}

/** Everything wrong with a form, in one place above its buttons, named as the form names it. */
export function FormProblems({ error, local, labels }: Props) {
  const problems = Object.entries(local);
  return (
    <>
      <ErrorAlert error={error} labels={labels} />
      {problems.length > 0 && (
        <div class="alert alert--error" role="alert">
          <p>请先补充或修正以下内容：</p>
          <ul>
            {problems.map(([key, message]) => (
              <li key={key}>
                {labels[key] ?? key}：{message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
