import { type ComponentChildren, Fragment } from "preact";
import type { TenantContact } from "../../../schema/api/tenants.ts";
import { mailHref, telHref, webHref } from "../shared/links.ts";

type LinkKind = "web" | "tel" | "mail" | "text";

interface Row {
  key: keyof TenantContact;
  label: string;
  link: LinkKind;
}

// The order follows §18: how to petition online, where and when to come, how to follow up.
const ROWS: readonly Row[] = [
  { key: "onlinePetitionUrl", label: "网上信访", link: "web" },
  { key: "receptionPlace", label: "来访接待地点", link: "text" },
  { key: "receptionHours", label: "接待时间", link: "text" },
  { key: "address", label: "来信地址", link: "text" },
  { key: "phone", label: "咨询电话", link: "tel" },
  { key: "email", label: "电子邮箱", link: "mail" },
  { key: "website", label: "网站", link: "web" },
  { key: "progressQuery", label: "查询办理进度", link: "text" },
];

function Value({ text, link }: { text: string; link: LinkKind }): ComponentChildren {
  const href =
    link === "web"
      ? webHref(text)
      : link === "tel"
        ? telHref(text)
        : link === "mail"
          ? mailHref(text)
          : webHref(text);
  if (!href) return text;
  const external = href.startsWith("http");
  return (
    <a href={href} {...(external ? { rel: "noopener" } : {})}>
      {text}
    </a>
  );
}

export function ContactDetails({ contact }: { contact: TenantContact }) {
  const rows = ROWS.flatMap((row) => {
    const text = contact[row.key]?.trim();
    return text ? [{ ...row, text }] : [];
  });
  if (rows.length === 0) {
    return <p class="muted">本县尚未公布联系方式，请向县信访局咨询。</p>;
  }
  return (
    <dl class="facts">
      {rows.map((row) => (
        <Fragment key={row.key}>
          <dt>{row.label}</dt>
          <dd>
            <Value text={row.text} link={row.link} />
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}
