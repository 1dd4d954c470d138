import { useState } from "preact/hooks";
import type {
  NotificationSettingsView as NotificationSettings,
  MessageTemplate as Template,
} from "../../../../../schema/api/notifications.ts";
import type { NotifyEvent } from "../../../../../schema/reference/notify-events.ts";
import {
  DEFAULT_TEMPLATES,
  EVENT_LABELS,
  EVENTS,
  PLACEHOLDER_LABELS,
  TEMPLATE_BODY_MAX,
  TEMPLATE_TITLE_MAX,
  templateProblems,
} from "../../../shared/notify-labels.ts";
import { ErrorAlert, fieldErrors, SuccessStatus } from "../ErrorAlert.tsx";
import { TextField } from "../Field.tsx";
import { type Saved, useSave } from "./save.ts";

// ---------------------------------------------------------------------------------------
// Templates

export function TemplatesSection({
  tenant,
  templates,
  onSaved,
}: {
  tenant: string;
  templates: NotificationSettings["templates"];
  onSaved: Saved;
}) {
  const [drafts, setDrafts] = useState<Record<NotifyEvent, Template>>(
    () =>
      Object.fromEntries(
        EVENTS.map((e) => [
          e,
          { title: templates[e]?.title ?? "", body: templates[e]?.body ?? "" },
        ]),
      ) as Record<NotifyEvent, Template>,
  );
  const [local, setLocal] = useState<Record<string, string>>({});
  const { saving, error, status, save, setError, setStatus } = useSave(tenant, onSaved);

  const set = (event: NotifyEvent, part: keyof Template) => (value: string) =>
    setDrafts((d) => ({ ...d, [event]: { ...d[event], [part]: value } }));

  const submit = (e: Event) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    const body: Partial<Record<NotifyEvent, Template>> = {};
    for (const event of EVENTS) {
      const draft = drafts[event];
      if (!draft.title.trim() && !draft.body.trim()) continue;
      const def = DEFAULT_TEMPLATES[event];
      // Half an override takes the other half from the default.
      const next = {
        title: draft.title.trim() || def.title,
        body: draft.body.trim() || def.body,
      };
      const t = templateProblems(next.title, "标题", TEMPLATE_TITLE_MAX, def.params);
      const b = templateProblems(next.body, "正文", TEMPLATE_BODY_MAX, def.params);
      if (t.length) problems[`${event}.title`] = t.join("；");
      if (b.length) problems[`${event}.body`] = b.join("；");
      const current = templates[event];
      if (!current || current.title !== next.title || current.body !== next.body) {
        body[event] = next;
      }
    }
    setLocal(problems);
    const first = Object.keys(problems)[0];
    if (first) {
      setError(null);
      setStatus(null);
      const [event, part] = [
        first.slice(0, first.lastIndexOf(".")),
        first.slice(first.lastIndexOf(".") + 1),
      ];
      const details = document.getElementById(`tpl-${event.replace(".", "-")}`);
      if (details instanceof HTMLDetailsElement) details.open = true;
      document.getElementById(`tpl-${event.replace(".", "-")}-${part}`)?.focus();
      return;
    }
    if (Object.keys(body).length === 0) {
      setStatus("模板没有改动。");
      return;
    }
    void save({ templates: body }, `已保存 ${Object.keys(body).length} 个消息模板。`);
  };

  // The server reports template problems as templates.<event> (event names contain dots).
  const serverProblems: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors(error))) {
    const event = EVENTS.find(
      (e) => path === `templates.${e}` || path.startsWith(`templates.${e}.`),
    );
    if (event) serverProblems[event] = message;
  }

  return (
    <section class="card" aria-labelledby="templates-title">
      <h2 id="templates-title">消息模板</h2>
      <p class="hint">
        留空使用默认措辞。花括号中的占位符发送时替换为实际内容，只能使用列出的占位符。
      </p>
      <form class="form" onSubmit={submit} noValidate>
        {EVENTS.map((event) => {
          const def = DEFAULT_TEMPLATES[event];
          const key = event.replace(".", "-");
          const custom = templates[event] !== undefined;
          return (
            <details key={event} id={`tpl-${key}`} class="template" data-event={event}>
              <summary>
                {EVENT_LABELS[event]}
                {custom && <span class="tag tag--info">已自定义</span>}
              </summary>
              <div class="form template__body">
                <p class="hint">
                  可用占位符：
                  {def.params.map((p, i) => (
                    <span key={p}>
                      {i > 0 && "、"}
                      <code>{`{${p}}`}</code> {PLACEHOLDER_LABELS[p] ?? ""}
                    </span>
                  ))}
                </p>
                <TextField
                  id={`tpl-${key}-title`}
                  label={`标题（默认：${def.title}）`}
                  value={drafts[event].title}
                  onValue={set(event, "title")}
                  placeholder={def.title}
                  maxLength={TEMPLATE_TITLE_MAX}
                  error={local[`${event}.title`]}
                />
                <TextField
                  id={`tpl-${key}-body`}
                  label="正文"
                  multiline
                  rows={3}
                  value={drafts[event].body}
                  onValue={set(event, "body")}
                  placeholder={def.body}
                  hint={`默认：${def.body}`}
                  maxLength={TEMPLATE_BODY_MAX}
                  error={local[`${event}.body`] ?? serverProblems[event]}
                />
                <div class="actions">
                  <button
                    type="button"
                    class="button button--small"
                    onClick={() =>
                      setDrafts((d) => ({ ...d, [event]: { title: def.title, body: def.body } }))
                    }
                  >
                    填入默认措辞
                  </button>
                </div>
              </div>
            </details>
          );
        })}
        <ErrorAlert error={error} />
        <SuccessStatus message={status} />
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={saving}>
            保存消息模板
          </button>
        </div>
      </form>
    </section>
  );
}
