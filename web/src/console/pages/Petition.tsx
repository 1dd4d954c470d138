import { useEffect, useRef, useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import type { Petition, PetitionerView } from "../../../../schema/api/petitions.ts";
import type { DirectoryEntry } from "../../../../schema/api/staff.ts";
import { isApiError } from "../../api/client.ts";
import { listUnits } from "../../api/console.ts";
import { getPetition, getStaffDirectory } from "../../api/petitions.ts";
import { formatDate, formatTrackingCode } from "../../shared/dates.ts";
import { formatDateTime } from "../../shared/format.ts";
import {
  CHANNEL_LABELS,
  CLOSE_METHOD_LABELS,
  deadlineLabel,
  EVALUATION_STATUS_LABELS,
  labelOf,
  PURPOSE_LABELS,
  SATISFACTION_LABELS,
} from "../../shared/petition-labels.ts";
import { consolePath } from "../../shared/tenant.ts";
import { DeadlineBadge, DeadlinesTable } from "../../shared/ui/Deadlines.tsx";
import { MATERIAL_LABELS } from "../../shared/ui/MaterialFields.tsx";
import { ReplyView } from "../../shared/ui/ReplyView.tsx";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { Loading } from "../components/Loading.tsx";
import { ActionPanel } from "../components/petition/ActionPanel.tsx";
import { Correct, mayCorrect } from "../components/petition/actions/Correct.tsx";
import { CaseFiles } from "../components/petition/CaseFiles.tsx";
import {
  FromAboveFacts,
  JointHandlingCard,
  NoticeRecord,
} from "../components/petition/CaseworkCards.tsx";
import { SupervisionCard } from "../components/petition/EarlySupervision.tsx";
import { Flags } from "../components/petition/Flags.tsx";
import { PrintLinks } from "../components/petition/PrintLinks.tsx";
import { Recusal } from "../components/petition/Recusal.tsx";
import { StatusTag } from "../components/petition/StatusTag.tsx";
import { Timeline } from "../components/petition/Timeline.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { type Lookup, makeLookup } from "../lookup.ts";
import { usePolicy } from "../policy.ts";
import { useSession } from "../session.ts";

export function PetitionPage() {
  const { tenant, me } = useSession();
  const { params } = useRoute();
  const id = params.id ?? "";
  const petition = useAsync(() => getPetition(tenant, id), `${tenant}/${id}`);
  // Names for the ids on the case; the page still works (with fewer names) without them.
  const names = useAsync(
    () =>
      Promise.allSettled([listUnits(tenant), getStaffDirectory(tenant)]).then(([u, d]) => ({
        units: u.status === "fulfilled" ? u.value.units : [],
        staff: d.status === "fulfilled" ? d.value.staff : ([] as DirectoryEntry[]),
      })),
    tenant,
  );
  const [recused, setRecused] = useState(false);
  const p = petition.data;
  usePageTitle(p ? `信访事项 ${formatTrackingCode(p.trackingCode)}` : "信访事项", me.tenant.name);

  const notFound =
    isApiError(petition.error) && (petition.error.status === 404 || petition.error.status === 403);

  if (recused) return <Recused tenant={tenant} />;

  if (!p) {
    return (
      <>
        <h1>信访事项</h1>
        {petition.loading && <Loading what="信访事项" />}
        {notFound ? (
          <p role="alert">
            {isApiError(petition.error) && petition.error.status === 403
              ? "您无权查看此信访事项（可能已申请回避，或不属于本单位）。"
              : "没有找到此信访事项。"}
          </p>
        ) : (
          <ErrorAlert error={petition.error} />
        )}
        <p>
          <a href={consolePath(tenant, "/work")}>返回我的工作</a>
        </p>
      </>
    );
  }

  const lookup = makeLookup(names.data?.units ?? [], names.data?.staff ?? []);
  return (
    <>
      <CaseHeader petition={p} tenant={tenant} />
      {/* A failed reload keeps the case on screen and says why. */}
      <ErrorAlert error={petition.error} />
      <ActionPanel
        tenant={tenant}
        petition={p}
        units={names.data?.units ?? []}
        directory={names.data?.staff ?? []}
        lookup={lookup}
        onUpdated={(updated) => petition.setData(() => updated)}
        onReload={petition.reload}
      />
      <div class="case-grid">
        <section class="card" aria-labelledby="petitioner-title">
          <h2 id="petitioner-title">信访人</h2>
          <PetitionerFacts petition={p} />
        </section>
        <section class="card" aria-labelledby="holders-title">
          <h2 id="holders-title">承办与包案</h2>
          <Holders petition={p} lookup={lookup} />
        </section>
      </div>
      <section class="card" aria-labelledby="material-title">
        <h2 id="material-title">五必问</h2>
        <dl class="facts facts--wide">
          {(["facts", "demands", "hardships", "history", "priorHandling"] as const).map((key) => (
            <Fact key={key} label={MATERIAL_LABELS[key]} value={p.material[key]} />
          ))}
        </dl>
      </section>
      <CaseFiles
        tenant={tenant}
        petitionId={p.id}
        lookup={lookup}
        canAttach={me.staff.roles.some((r) =>
          ["clerk", "handler", "leader", "supervisor"].includes(r),
        )}
      />
      <section class="card" aria-labelledby="flags-title">
        <h2 id="flags-title">登记提示</h2>
        <Flags tenant={tenant} petition={p} unitName={lookup.unitName} />
      </section>
      <section class="card" aria-labelledby="deadlines-title">
        <h2 id="deadlines-title">期限</h2>
        <DeadlinesTable deadlines={p.deadlines} caption="期限" />
        {(p.extensionDays > 0 || p.pausedDays > 0) && (
          <p class="hint">
            {p.extensionDays > 0 && `已延期 ${p.extensionDays} 日。`}
            {p.pausedDays > 0 && `听证等不计入期限的时间 ${p.pausedDays} 日。`}
          </p>
        )}
      </section>
      <SupervisionCard tenant={tenant} petition={p} onOpened={petition.reload} />
      {p.breaches && p.breaches.length > 0 && (
        <section class="card card--alert" aria-labelledby="breaches-title" data-testid="breaches">
          <h2 id="breaches-title">
            <span aria-hidden="true">⚠ </span>已超期记录
          </h2>
          <p class="hint">期限扫描记下的超期，已转县信访局督办。</p>
          <table class="table table--compact">
            <caption class="visually-hidden">已超期记录</caption>
            <thead>
              <tr>
                <th scope="col">期限</th>
                <th scope="col">截止日期</th>
                <th scope="col">记录时间</th>
              </tr>
            </thead>
            <tbody>
              {p.breaches.map((b) => (
                <tr key={`${b.deadlineKey}-${b.due}`}>
                  <th scope="row" data-label="期限">
                    <span>{deadlineLabel(b.deadlineKey)}</span>
                  </th>
                  <td data-label="截止日期">
                    <span>
                      {formatDate(b.due)} <DeadlineBadge state="overdue" />
                    </span>
                  </td>
                  <td data-label="记录时间">
                    <span>{formatDateTime(b.at)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {p.routing && (
        <section class="card" aria-labelledby="routing-title">
          <h2 id="routing-title">流转</h2>
          <Routing petition={p} lookup={lookup} />
        </section>
      )}
      {p.reply && <ReplyView reply={p.reply} unitName={lookup.unitName(p.reply.unitId)} />}
      <section class="card" aria-labelledby="evaluation-title">
        <h2 id="evaluation-title">满意度评价</h2>
        <Evaluation petition={p} />
      </section>
      {p.closure && (
        <section class="card" aria-labelledby="closure-title">
          <h2 id="closure-title">结案</h2>
          <dl class="facts">
            <dt>结案日期</dt>
            <dd>{formatDate(p.closure.on)}</dd>
            <dt>结案方式</dt>
            <dd>{labelOf(CLOSE_METHOD_LABELS, p.closure.method)}</dd>
            <dt>信访人意见</dt>
            <dd>{p.closure.petitionerOpinion || "—"}</dd>
            {p.closure.summary && (
              <>
                <dt>结案说明</dt>
                <dd>{p.closure.summary}</dd>
              </>
            )}
          </dl>
        </section>
      )}
      <JointHandlingCard
        tenant={tenant}
        petition={p}
        units={names.data?.units ?? []}
        lookup={lookup}
      />
      <NoticeRecord petition={p} />
      <PrintLinks tenant={tenant} petition={p} />
      <section class="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">办理过程</h2>
        <Timeline entries={p.timeline ?? []} lookup={lookup} />
      </section>
      {mayCorrect(me, p) && (
        <Correct
          tenant={tenant}
          petition={p}
          onUpdated={(updated) => petition.setData(() => updated)}
          onReload={petition.reload}
        />
      )}
      <Recusal tenant={tenant} petitionId={p.id} onDeclared={() => setRecused(true)} />
    </>
  );
}

function Recused({ tenant }: { tenant: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <h1 ref={heading} tabindex={-1}>
        已申请回避
      </h1>
      <p>您已就此信访事项申请回避，此案将由其他工作人员办理，您不能再查看或办理。</p>
      <p>
        <a href={consolePath(tenant, "/work")}>返回我的工作</a>
      </p>
    </>
  );
}

function CaseHeader({ petition: p, tenant }: { petition: Petition; tenant: string }) {
  // A group visit by the county's own number (§20), not a number written here.
  const groupAt = usePolicy(tenant)?.groupVisit.alertAt;
  const next = p.nextDeadline;
  const nextClock = next ? p.deadlines[next.key] : undefined;
  return (
    <header class="case-header">
      <h1>
        信访事项 <span class="case-header__code">{formatTrackingCode(p.trackingCode)}</span>
      </h1>
      <p class="case-header__tags">
        <StatusTag status={p.status} />
        {p.confidential && (
          <span class="tag tag--secret" title="涉及检举控告，信访人身份和材料保密">
            保密
          </span>
        )}
        {p.anonymous && <span class="tag">匿名</span>}
        {groupAt !== undefined && p.headcount >= groupAt && (
          <span class="tag">集体访 {p.headcount} 人</span>
        )}
      </p>
      <dl class="facts">
        <dt>查询码</dt>
        <dd data-testid="tracking-code" data-code={p.trackingCode}>
          {formatTrackingCode(p.trackingCode)}
        </dd>
        <dt>内容分类</dt>
        <dd>
          {p.categoryName}（{p.categoryCode}）
        </dd>
        <dt>来源 · 目的</dt>
        <dd>
          {labelOf(CHANNEL_LABELS, p.channel)} · {labelOf(PURPOSE_LABELS, p.purpose)}
        </dd>
        <dt>收到 · 登记</dt>
        <dd>
          {formatDate(p.receivedOn)} 收到 · {formatDateTime(p.registeredAt)} 登记
        </dd>
        {p.fromAbove && <FromAboveFacts fromAbove={p.fromAbove} />}
        {next && (
          <>
            <dt>下一期限</dt>
            <dd>
              {deadlineLabel(next.key)}：{formatDate(next.due)}{" "}
              {nextClock && <DeadlineBadge state={nextClock.state} />}
            </dd>
          </>
        )}
      </dl>
    </header>
  );
}

function Fact({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value?.trim() ? value : <span class="muted">（未填写）</span>}</dd>
    </>
  );
}

function PersonFacts({ person }: { person: PetitionerView }) {
  return (
    <>
      <Fact label="姓名" value={person.name} />
      <Fact label="身份证号码" value={person.idNumber} />
      <Fact label="手机号码" value={person.phone} />
      <Fact label="住址" value={person.address} />
    </>
  );
}

function PetitionerFacts({ petition: p }: { petition: Petition }) {
  if (p.anonymous) return <p>匿名信访，未登记信访人信息。</p>;
  if (!p.petitioner) return <p class="muted">无权查看信访人信息。</p>;
  const masked = p.petitioner.masked || p.representatives?.some((r) => r.masked);
  return (
    <>
      <dl class="facts">
        <PersonFacts person={p.petitioner} />
        <dt>人数</dt>
        <dd>{p.headcount} 人</dd>
      </dl>
      {p.representatives && p.representatives.length > 0 && (
        <>
          <h3>代表</h3>
          {p.representatives.map((r, i) => (
            <dl class="facts" key={`${r.name}-${i}`}>
              <PersonFacts person={r} />
            </dl>
          ))}
        </>
      )}
      {masked && (
        <p class="hint">
          {p.confidential
            ? "涉及检举控告，信访人身份保密，已按权限隐去部分信息。"
            : "已按权限隐去部分信息。"}
        </p>
      )}
    </>
  );
}

function Holders({ petition: p, lookup }: { petition: Petition; lookup: Lookup }) {
  return (
    <dl class="facts">
      <dt>登记单位</dt>
      <dd>{lookup.unitName(p.registeringUnitId)}</dd>
      <dt>责任单位</dt>
      <dd>{lookup.unitName(p.responsibleUnitId)}</dd>
      <dt>承办人</dt>
      <dd>{p.handlerId ? lookup.staffName(p.handlerId) : "未指定"}</dd>
      <dt>包案领导</dt>
      <dd>
        {p.ownerLeaderId
          ? `${lookup.staffName(p.ownerLeaderId)}（${p.ownerSignedOff ? "已签字" : "未签字"}）`
          : "未确定"}
      </dd>
      <dt>被反映对象</dt>
      <dd>
        {[p.subjectUnitId ? lookup.unitName(p.subjectUnitId) : "", p.subjectText ?? ""]
          .filter(Boolean)
          .join("；") || "—"}
      </dd>
    </dl>
  );
}

const ROUTING_KIND = { accept: "受理", forward: "转送", assign: "交办" } as const;

function Routing({ petition: p, lookup }: { petition: Petition; lookup: Lookup }) {
  const r = p.routing;
  if (!r) return null;
  return (
    <dl class="facts">
      <dt>方式</dt>
      <dd>{ROUTING_KIND[r.kind] ?? r.kind}</dd>
      <dt>流向</dt>
      <dd>
        {lookup.unitName(r.fromUnitId)} → {lookup.unitName(r.toUnitId)}
      </dd>
      <dt>日期</dt>
      <dd>{formatDate(r.on)}</dd>
      {r.reportDue && (
        <>
          <dt>办结报告期限</dt>
          <dd>{formatDate(r.reportDue)}</dd>
        </>
      )}
      {r.instructions && (
        <>
          <dt>交办要求</dt>
          <dd>{r.instructions}</dd>
        </>
      )}
      {r.objection && (
        <>
          <dt>异议</dt>
          <dd>
            {lookup.unitName(r.objection.byUnitId)}于 {formatDate(r.objection.on)} 提出：
            {r.objection.reason}
          </dd>
        </>
      )}
    </dl>
  );
}

function Evaluation({ petition: p }: { petition: Petition }) {
  const e = p.evaluation;
  return (
    <dl class="facts">
      <dt>状态</dt>
      <dd>
        {labelOf(EVALUATION_STATUS_LABELS, e.status)}
        {e.status === "pending" && e.closesOn && `（${formatDate(e.closesOn)} 前）`}
      </dd>
      {e.handlingUnit && (
        <>
          <dt>对承办单位</dt>
          <dd>{labelOf(SATISFACTION_LABELS, e.handlingUnit)}</dd>
        </>
      )}
      {e.office && (
        <>
          <dt>对信访部门</dt>
          <dd>{labelOf(SATISFACTION_LABELS, e.office)}</dd>
        </>
      )}
      {e.comment && (
        <>
          <dt>意见</dt>
          <dd>{e.comment}</dd>
        </>
      )}
      {e.at && (
        <>
          <dt>评价时间</dt>
          <dd>{formatDateTime(e.at)}</dd>
        </>
      )}
    </dl>
  );
}
