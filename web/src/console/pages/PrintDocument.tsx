import { useRoute } from "preact-iso";
import { listUnits } from "../../api/console.ts";
import { getPetition } from "../../api/petitions.ts";
import { type IssuedDocument, issueDocument } from "../../api/statistics.ts";
import { formatDate } from "../../shared/dates.ts";
import { consolePath } from "../../shared/tenant.ts";
import { DOCUMENT_TITLES, DocumentBody } from "../components/documents/DocumentBody.tsx";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { Loading } from "../components/Loading.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";
import "../components/documents/print.css";

const isKind = (k: string): k is IssuedDocument["kind"] => k in DOCUMENT_TITLES;

/**
 * A printable document of a case: the county's name, its 文号 and date, the text; on paper
 * only the document (the office seals it), on screen a print button and a way back.
 */
export function PrintDocumentPage() {
  const { tenant, me } = useSession();
  const { params } = useRoute();
  const id = params.id ?? "";
  const kind = params.kind ?? "";
  usePageTitle("打印文书", me.tenant.name);
  const data = useAsync(async () => {
    const which = kind;
    if (!isKind(which)) throw new Error("没有这种文书");
    const [doc, petition, units] = await Promise.all([
      issueDocument(tenant, id, which),
      getPetition(tenant, id),
      listUnits(tenant),
    ]);
    return { doc, petition, units: units.units };
  }, `${tenant}/${id}/${kind}`);

  return (
    <>
      <p class="no-print">
        <a href={consolePath(tenant, `/petitions/${id}`)}>返回案件</a>
        {data.data && (
          <>
            {" · "}
            <button type="button" class="button button--primary" onClick={() => window.print()}>
              打印
            </button>
          </>
        )}
      </p>
      {data.loading && <Loading />}
      <ErrorAlert error={data.error} />
      {data.data && (
        <article class="print-doc" aria-labelledby="doc-title">
          <h1 id="doc-title">{DOCUMENT_TITLES[data.data.doc.kind]}</h1>
          <p class="doc-number">{data.data.doc.number}</p>
          <DocumentBody
            doc={data.data.doc}
            petition={data.data.petition}
            unitName={(u) => data.data?.units.find((x) => x.id === u)?.name ?? ""}
          />
          {data.data.doc.attachments.length > 0 && (
            <section class="doc-attachments" aria-label="附件">
              <p>附件：</p>
              <ol>
                {data.data.doc.attachments.map((a) => (
                  <li key={a.name}>{a.name}</li>
                ))}
              </ol>
            </section>
          )}
          <p class="doc-sign">
            {data.data.doc.countyName}信访局
            <br />
            {formatDate(data.data.doc.issuedOn)}
          </p>
        </article>
      )}
    </>
  );
}
