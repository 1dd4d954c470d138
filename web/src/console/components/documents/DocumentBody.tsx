import type { Petition } from "../../../../../schema/api/petitions.ts";
import type { IssuedDocument } from "../../../api/statistics.ts";
import { formatDate, formatTrackingCode } from "../../../shared/dates.ts";
import { CHANNEL_LABELS, PURPOSE_LABELS } from "../../../shared/petition-labels.ts";

export const DOCUMENT_TITLES: Record<IssuedDocument["kind"], string> = {
  acceptance_notice: "信访事项受理告知书",
  decline_notice: "信访事项不予受理告知书",
  assignment_slip: "信访事项交办单",
  supervision_letter: "信访事项督办函",
  handling_opinion: "信访处理意见书",
  register_form: "信访事项登记表",
};

interface Props {
  doc: IssuedDocument;
  petition: Petition;
  unitName: (id: string) => string;
}

const who = (p: Petition) => p.petitioner?.name ?? (p.anonymous ? "匿名信访人" : "信访人");

/** The text of each document, from the case as it stands (§22, §23, §32, §41 forms). */
export function DocumentBody({ doc, petition: p, unitName }: Props) {
  const office = `${doc.countyName}信访局`;
  const received = formatDate(p.receivedOn);
  const code = formatTrackingCode(p.trackingCode);
  switch (doc.kind) {
    case "acceptance_notice":
      return (
        <>
          <p>{who(p)}：</p>
          <p>
            您于{received}提出的信访事项（查询码 {code}），经审查，符合受理条件，本机关决定予以受理
            {p.routing && p.routing.kind !== "accept"
              ? `，并已${p.routing.kind === "assign" ? "交由" : "转送"}${unitName(p.routing.toUnitId)}办理`
              : ""}
            。办理机关将自受理之日起六十日内办结并书面答复您。您可凭查询码查询办理进度。
          </p>
          <p>特此告知。</p>
        </>
      );
    case "decline_notice":
      return (
        <>
          <p>{who(p)}：</p>
          <p>
            您于{received}提出的信访事项（查询码 {code}
            ），经审查，不属于本机关信访受理范围，本机关不予受理。
            {p.flags.legalRoute ? `您可以依照${p.flags.legalRoute}的规定，向有关机关提出。` : ""}
          </p>
          <p>特此告知。</p>
        </>
      );
    case "assignment_slip":
      return (
        <table>
          <tbody>
            <tr>
              <th scope="row">承办单位</th>
              <td>{p.routing ? unitName(p.routing.toUnitId) : unitName(p.responsibleUnitId)}</td>
            </tr>
            <tr>
              <th scope="row">查询码</th>
              <td>{code}</td>
            </tr>
            <tr>
              <th scope="row">收到日期</th>
              <td>{received}</td>
            </tr>
            <tr>
              <th scope="row">信访人</th>
              <td>{who(p)}</td>
            </tr>
            <tr>
              <th scope="row">反映问题</th>
              <td>{p.material.facts}</td>
            </tr>
            <tr>
              <th scope="row">交办要求</th>
              <td>
                {p.routing?.instructions ?? "请依法依规办理，按期书面答复信访人，并报送办结报告。"}
                {p.routing?.reportDue
                  ? `办结报告请于${formatDate(p.routing.reportDue)}前报送。`
                  : ""}
              </td>
            </tr>
          </tbody>
        </table>
      );
    case "supervision_letter":
      return (
        <>
          <p>{unitName(p.responsibleUnitId)}：</p>
          <p>
            {received}收到的信访事项（查询码 {code}）已交由你单位办理
            {p.nextDeadline ? `，办理期限为${formatDate(p.nextDeadline.due)}` : ""}
            。请你单位高度重视，依法依规抓紧办理，及时书面答复信访人，并将办理情况报送{office}。
          </p>
          <p>特此督办。</p>
        </>
      );
    case "handling_opinion":
      return p.reply ? (
        <>
          <p>{who(p)}：</p>
          <h2>一、信访人的请求</h2>
          <p>{p.reply.request}</p>
          <h2>二、事实和理由</h2>
          <p>{p.reply.factsAndReasons}</p>
          <h2>三、处理意见</h2>
          <p>{p.reply.decision}</p>
          <h2>四、依据</h2>
          <p>{p.reply.legalBasis}</p>
          <p>
            如不服本处理意见，可以自收到本意见书之日起三十日内，请求原办理机关的上一级机关复查。
          </p>
        </>
      ) : (
        <p>该信访事项尚未作出书面答复。</p>
      );
    case "register_form":
      return (
        <table>
          <tbody>
            <tr>
              <th scope="row">查询码</th>
              <td>{code}</td>
            </tr>
            <tr>
              <th scope="row">收到日期</th>
              <td>{received}</td>
            </tr>
            <tr>
              <th scope="row">信访人</th>
              <td>
                {who(p)}（{p.headcount} 人）
              </td>
            </tr>
            <tr>
              <th scope="row">渠道 / 目的</th>
              <td>
                {CHANNEL_LABELS[p.channel]} / {PURPOSE_LABELS[p.purpose]}
              </td>
            </tr>
            <tr>
              <th scope="row">内容分类</th>
              <td>
                {p.categoryCode} {p.categoryName}
              </td>
            </tr>
            <tr>
              <th scope="row">事实真相</th>
              <td>{p.material.facts}</td>
            </tr>
            <tr>
              <th scope="row">诉求</th>
              <td>{p.material.demands}</td>
            </tr>
            <tr>
              <th scope="row">承办单位</th>
              <td>{unitName(p.responsibleUnitId)}</td>
            </tr>
          </tbody>
        </table>
      );
  }
}
