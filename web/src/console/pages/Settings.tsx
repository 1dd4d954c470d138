import { useState } from "preact/hooks";
import type { PublicTenant, TenantContact } from "../../../../schema/api/tenants.ts";
import { getPublicTenant, updateTenant } from "../../api/console.ts";
import { publicPath } from "../../shared/tenant.ts";
import { ErrorAlert, fieldErrors, SuccessStatus } from "../components/ErrorAlert.tsx";
import { TextField } from "../components/Field.tsx";
import { Loading } from "../components/Loading.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";

type ContactKey = keyof TenantContact;

interface ContactField {
  key: ContactKey;
  label: string;
  hint?: string;
  type?: "text" | "email" | "tel";
  inputMode?: "url";
  multiline?: boolean;
  placeholder?: string;
}

// Same order as the public page: §18 asks for the online channel, address, phone, reception
// times and places, and how to check progress.
const CONTACT_FIELDS: readonly ContactField[] = [
  {
    key: "onlinePetitionUrl",
    label: "网上信访渠道",
    hint: "网上信访平台的网址。",
    inputMode: "url",
    placeholder: "https://",
  },
  {
    key: "receptionPlace",
    label: "来访接待地点",
    placeholder: "如：县人民来访接待中心（××路××号）",
  },
  {
    key: "receptionHours",
    label: "接待时间",
    multiline: true,
    placeholder: "如：工作日 8:30–12:00，14:30–17:30",
  },
  { key: "address", label: "来信地址", hint: "含邮政编码。" },
  { key: "phone", label: "咨询电话", type: "tel" },
  { key: "email", label: "电子邮箱", type: "email" },
  { key: "website", label: "网站", inputMode: "url", placeholder: "https://" },
  {
    key: "progressQuery",
    label: "查询办理进度的方式",
    multiline: true,
    hint: "告诉群众如何凭查询码查询办理进度和评价。",
  },
];

const LABELS: Record<string, string> = Object.fromEntries([
  ["name", "县名称"],
  ...CONTACT_FIELDS.map((f) => [f.key, f.label]),
]);

export function SettingsPage() {
  const { tenant, me } = useSession();
  usePageTitle("公开信息", me.tenant.name);
  const current = useAsync(() => getPublicTenant(tenant), tenant);

  return (
    <>
      <h1>公开信息</h1>
      <p class="lead">
        这些信息显示在本县的公开页面上，供群众了解信访渠道。
        <a href={publicPath(tenant)}>查看公开页面</a>
      </p>
      <ErrorAlert error={current.error} />
      {current.data === undefined && current.loading && <Loading what="公开信息" />}
      {current.data !== undefined && <SettingsForm tenant={tenant} initial={current.data} />}
    </>
  );
}

function SettingsForm({ tenant, initial }: { tenant: string; initial: PublicTenant }) {
  const { refresh } = useSession();
  const [name, setName] = useState(initial.name);
  const [contact, setContact] = useState<TenantContact>(initial.contact);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    setStatus(null);
    // Blank fields are left out: the contact object replaces the published one, so a
    // cleared field disappears from the public page.
    const cleaned: TenantContact = {};
    for (const field of CONTACT_FIELDS) {
      const value = contact[field.key]?.trim();
      if (value) cleaned[field.key] = value;
    }
    try {
      const saved = await updateTenant(tenant, { name: name.trim(), contact: cleaned });
      setName(saved.name);
      setContact(saved.contact);
      setStatus("已保存，公开页面已同步更新。");
      // The console header shows the county name.
      void refresh().catch(() => {});
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const errors = fieldErrors(error);
  const errorFor = (key: string) => errors[key] ?? errors[`contact.${key}`];
  return (
    <form noValidate class="form" onSubmit={submit}>
      <section class="card" aria-labelledby="county-title">
        <h2 id="county-title">县（市、区）</h2>
        <TextField
          id="tenant-name"
          label="县名称"
          value={name}
          onValue={setName}
          required
          maxLength={50}
          error={errorFor("name")}
        />
      </section>
      <section class="card" aria-labelledby="contact-title">
        <h2 id="contact-title">信访渠道与联系方式</h2>
        <div class="form">
          {CONTACT_FIELDS.map((field) => (
            <TextField
              key={field.key}
              id={`contact-${field.key}`}
              label={field.label}
              hint={field.hint}
              type={field.type}
              inputMode={field.inputMode}
              multiline={field.multiline}
              placeholder={field.placeholder}
              maxLength={500}
              value={contact[field.key] ?? ""}
              onValue={(value) => setContact((c) => ({ ...c, [field.key]: value }))}
              error={errorFor(field.key)}
            />
          ))}
        </div>
      </section>
      <ErrorAlert error={error} labels={LABELS} />
      <SuccessStatus message={status} />
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={saving}>
          保存公开信息
        </button>
      </div>
    </form>
  );
}
