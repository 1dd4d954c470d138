import { useState } from "preact/hooks";
import { ErrorAlert, SuccessStatus } from "../ErrorAlert.tsx";
import { TextField } from "../Field.tsx";
import { type Saved, useSave } from "./save.ts";

// ---------------------------------------------------------------------------------------
// Email recipients

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function EmailSection({
  tenant,
  emailTo,
  onSaved,
}: {
  tenant: string;
  emailTo: string[];
  onSaved: Saved;
}) {
  const [text, setText] = useState(emailTo.join("\n"));
  const [local, setLocal] = useState<string | null>(null);
  const { saving, error, status, save } = useSave(tenant, onSaved);

  const submit = (event: Event) => {
    event.preventDefault();
    const list = [
      ...new Set(
        text
          .split(/[\s,，;；]+/)
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ];
    const bad = list.filter((a) => !EMAIL.test(a));
    if (bad.length > 0) setLocal(`邮箱地址格式不正确：${bad.join("、")}`);
    else if (list.length > 10) setLocal("最多 10 个收件人");
    else {
      setLocal(null);
      setText(list.join("\n"));
      void save(
        { emailTo: list },
        list.length ? `邮件收件人已保存（${list.length} 个）。` : "已清空邮件收件人。",
      );
      return;
    }
    document.getElementById("email-to")?.focus();
  };

  return (
    <section class="card" aria-labelledby="email-title">
      <h2 id="email-title">邮件收件人</h2>
      <form class="form" onSubmit={submit} noValidate>
        <TextField
          id="email-to"
          label="收件邮箱（选填）"
          multiline
          rows={3}
          value={text}
          onValue={setText}
          hint="每行一个，最多 10 个。经“邮件”渠道发出的通知发给这些地址。"
          error={local ?? undefined}
        />
        <ErrorAlert error={error} labels={{ emailTo: "收件邮箱" }} />
        <SuccessStatus message={status} />
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={saving}>
            保存邮件收件人
          </button>
        </div>
      </form>
    </section>
  );
}
