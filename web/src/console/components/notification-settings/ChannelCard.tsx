import { useState } from "preact/hooks";
import { ErrorAlert, fieldErrors, SuccessStatus } from "../ErrorAlert.tsx";
import { TextField } from "../Field.tsx";
import type { ChannelSpec } from "./channel-specs.ts";
import { type Saved, useSave } from "./save.ts";

export function ChannelCard({
  tenant,
  spec,
  onSaved,
}: {
  tenant: string;
  spec: ChannelSpec;
  onSaved: Saved;
}) {
  const initial = () => Object.fromEntries(spec.fields.map((f) => [f.key, f.initial ?? ""]));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [local, setLocal] = useState<Record<string, string>>({});
  const { saving, error, status, save, setStatus, setError } = useSave(tenant, onSaved);
  const id = (key: string) => `ch-${spec.key}-${key.replace(/[^A-Za-z0-9]/g, "-")}`;

  const submit = async (event: Event) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    for (const f of spec.fields) {
      const value = values[f.key]?.trim() ?? "";
      const needed = f.secret ? !spec.configured : !f.optional;
      if (!value && needed) {
        problems[f.key] = f.secret ? "新配置的渠道需要填写密钥" : `请填写${f.label}`;
      } else if (value && f.minLength && value.length < f.minLength) {
        problems[f.key] = `至少 ${f.minLength} 个字符`;
      }
    }
    setLocal(problems);
    const first = spec.fields.find((f) => problems[f.key]);
    if (first) {
      setError(null);
      setStatus(null);
      document.getElementById(id(first.key))?.focus();
      return;
    }
    const ok = await save(
      { channels: { [spec.key]: spec.build(values) } },
      `${spec.title}已保存。`,
    );
    // Secrets typed in are not kept in the page once stored.
    if (ok) {
      setValues((v) =>
        Object.fromEntries(
          Object.entries(v).map(([k, val]) => {
            const field = spec.fields.find((f) => f.key === k);
            return [k, field?.secret || field?.reenter ? "" : val];
          }),
        ),
      );
    }
  };

  const remove = async () => {
    if (!window.confirm(`确定移除${spec.title}？移除后不再经此渠道发送通知。`)) return;
    setLocal({});
    if (await save({ channels: { [spec.key]: null } }, `${spec.title}已移除。`)) {
      setValues(Object.fromEntries(spec.fields.map((f) => [f.key, ""])));
    }
  };

  const server = fieldErrors(error);
  const fieldError = (key: string) => local[key] ?? server[`channels.${spec.key}.${key}`];
  const titleId = `ch-${spec.key}-title`;
  return (
    <section class="card channel" aria-labelledby={titleId} data-channel={spec.key}>
      <div class="channel__head">
        <h3 id={titleId}>{spec.title}</h3>
        {spec.configured ? (
          <span class="tag tag--ok" data-testid="channel-state">
            <span aria-hidden="true" class="tag__icon">
              ✓
            </span>
            已配置
          </span>
        ) : (
          <span class="tag" data-testid="channel-state">
            未配置
          </span>
        )}
      </div>
      <p class="hint">{spec.intro}</p>
      <form class="form" onSubmit={submit} noValidate>
        {spec.fields.map((f) => {
          const hint = [
            f.hint,
            f.masked
              ? f.secret
                ? `当前：${f.masked}，留空保持不变。`
                : `当前：${f.masked}，保存时需重新填写完整地址。`
              : "",
          ]
            .filter(Boolean)
            .join(" ");
          return (
            <TextField
              key={f.key}
              id={id(f.key)}
              label={f.label}
              type={f.secret ? "password" : f.type}
              autoComplete={f.secret ? "new-password" : "off"}
              value={values[f.key] ?? ""}
              onValue={(value) => setValues((v) => ({ ...v, [f.key]: value }))}
              placeholder={f.secret && f.masked ? "留空保持不变" : f.placeholder}
              hint={hint || undefined}
              maxLength={f.type === "url" ? 1000 : 200}
              error={fieldError(f.key)}
            />
          );
        })}
        {spec.extra && <p class="hint code-text">{spec.extra}</p>}
        <ErrorAlert error={error} />
        <SuccessStatus message={status} />
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={saving}>
            {spec.configured ? `保存${spec.title}` : `启用${spec.title}`}
          </button>
          {spec.configured && (
            <button type="button" class="button" disabled={saving} onClick={remove}>
              移除
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
