import { useState } from "preact/hooks";
import type { NotificationSettingsView as NotificationSettings } from "../../../../../schema/api/notifications.ts";
import { ErrorAlert, fieldErrors, SuccessStatus } from "../ErrorAlert.tsx";
import { TextField } from "../Field.tsx";
import { type Saved, useSave } from "./save.ts";

// ---------------------------------------------------------------------------------------
// Quiet hours

export function QuietHoursSection({
  tenant,
  quietHours,
  onSaved,
}: {
  tenant: string;
  quietHours: NotificationSettings["quietHours"];
  onSaved: Saved;
}) {
  const [on, setOn] = useState(quietHours !== null);
  const [start, setStart] = useState(quietHours?.start ?? "21:00");
  const [end, setEnd] = useState(quietHours?.end ?? "08:00");
  const { saving, error, status, save } = useSave(tenant, onSaved);
  const errors = fieldErrors(error);

  const submit = (event: Event) => {
    event.preventDefault();
    void save(
      { quietHours: on ? { start, end } : null },
      on ? `免打扰时段已设为 ${start}–${end}。` : "已关闭免打扰时段。",
    );
  };

  return (
    <section class="card" aria-labelledby="quiet-title">
      <h2 id="quiet-title">免打扰时段</h2>
      <p class="hint">
        时段内不给群众发短信（验证码除外），到时段结束再发。时段可跨午夜，如 21:00 至次日 08:00。
      </p>
      <form noValidate class="form" onSubmit={submit}>
        <div class="field field--check">
          <label class="check" for="quiet-on">
            <input
              id="quiet-on"
              type="checkbox"
              checked={on}
              onChange={(e) => setOn(e.currentTarget.checked)}
            />
            启用免打扰时段
          </label>
        </div>
        {on && (
          <div class="form-grid">
            <TextField
              id="quiet-start"
              label="开始时间"
              type="time"
              value={start}
              onValue={setStart}
              required
              error={errors["quietHours.start"]}
            />
            <TextField
              id="quiet-end"
              label="结束时间"
              type="time"
              value={end}
              onValue={setEnd}
              required
              error={errors["quietHours.end"]}
            />
          </div>
        )}
        <ErrorAlert error={error} labels={{ start: "开始时间", end: "结束时间" }} />
        <SuccessStatus message={status} />
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={saving}>
            保存免打扰时段
          </button>
        </div>
      </form>
    </section>
  );
}
