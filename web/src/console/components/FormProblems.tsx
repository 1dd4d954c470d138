import { FixList } from "../../shared/ui/FixList.tsx";
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
  return (
    <>
      <ErrorAlert error={error} labels={labels} />
      <FixList problems={local} labels={labels} />
    </>
  );
}
