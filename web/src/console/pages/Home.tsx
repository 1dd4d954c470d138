import { lazy } from "preact-iso";
import type { Role } from "../../../../schema/api/staff.ts";
import { ROLE_LABELS, UNIT_KIND_LABELS } from "../../shared/labels.ts";
import { consolePath } from "../../shared/tenant.ts";
import { CalendarWarning } from "../components/CalendarWarning.tsx";
import { usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";

// The dashboards (and the case list and figures they draw) load after the page's frame.
const HomeDashboards = lazy(() =>
  import("../components/home/Dashboards.tsx").then((m) => m.HomeDashboards),
);

export function HomePage() {
  const { tenant, me, isAdmin } = useSession();
  const { staff, unit } = me;
  usePageTitle("首页", me.tenant.name);
  const has = (...roles: Role[]) => staff.roles.some((r) => roles.includes(r));
  const canWork = has("clerk", "handler", "leader", "supervisor", "viewer");
  const canRegister = has("clerk", "leader");
  const canFollowSupervision = has("supervisor", "leader", "tenant_admin");

  return (
    <>
      <h1>您好，{staff.displayName}</h1>
      <p class="lead">欢迎使用{me.tenant.name}信访工作平台。</p>
      {isAdmin && <CalendarWarning tenant={tenant} />}
      <HomeDashboards />
      <div class="grid">
        <section class="card" aria-labelledby="me-title">
          <h2 id="me-title">我的信息</h2>
          <dl class="facts">
            <dt>姓名</dt>
            <dd>{staff.displayName}</dd>
            <dt>工号</dt>
            <dd>{staff.badgeNumber ?? "未设置"}</dd>
            <dt>职务</dt>
            <dd>{staff.position ?? "未设置"}</dd>
            <dt>所属单位</dt>
            <dd>
              {unit.name} <span class="tag">{UNIT_KIND_LABELS[unit.kind]}</span>
            </dd>
            <dt>角色</dt>
            <dd>
              {staff.roles.length > 0 ? (
                <ul class="tags" aria-label="我的角色">
                  {staff.roles.map((role) => (
                    <li key={role} class="tag">
                      {ROLE_LABELS[role]}
                    </li>
                  ))}
                </ul>
              ) : (
                "尚未分配角色，请联系系统管理员。"
              )}
            </dd>
          </dl>
          <p class="hint">接待群众时请主动亮明工号、姓名和职务。</p>
        </section>
        {(canWork || canRegister || canFollowSupervision) && (
          <section class="card" aria-labelledby="work-title">
            <h2 id="work-title">信访工作</h2>
            {/* Link texts differ from the nav's so each link name on the page is unique. */}
            <ul>
              {canWork && (
                <li>
                  <a href={consolePath(tenant, "/work")}>查看待办信访事项</a>
                  ：按最近的期限排序，已超期的标红。
                </li>
              )}
              {canRegister && (
                <li>
                  <a href={consolePath(tenant, "/petitions/new")}>登记新的信访事项</a>
                  ：来信、来访、来电，当场生成查询码。
                </li>
              )}
              {canFollowSupervision && (
                <li>
                  <a href={consolePath(tenant, "/supervision")}>查看超期督办</a>
                  ：按承办单位列出已超期的案件和督办记录。
                </li>
              )}
              {canWork && (
                <li>
                  <a href={consolePath(tenant, "/statistics")}>查看本月统计和趋势</a>
                  ：批次、人次、及时受理率、按期答复率、满意率，各单位排名和近十二个月趋势。
                </li>
              )}
              <li>
                <a href={consolePath(tenant, "/inbox")}>查看我的消息</a>
                ：期限提醒、超期和督办通知。
              </li>
            </ul>
          </section>
        )}
        {isAdmin && (
          <section class="card" aria-labelledby="admin-title">
            <h2 id="admin-title">系统管理</h2>
            {/* Link texts differ from the nav's so each link name on the page is unique. */}
            <ul>
              <li>
                <a href={consolePath(tenant, "/units")}>维护单位结构</a>
                ：县信访局、乡镇（街道）、县直部门和村（社区）。
              </li>
              <li>
                <a href={consolePath(tenant, "/staff")}>开设和维护账号</a>
                ：分配角色、调整单位、停用或重置密码。
              </li>
              <li>
                <a href={consolePath(tenant, "/calendar")}>录入放假和调休安排</a>
                ：期限计算所用的法定节假日和调休上班日。
              </li>
              <li>
                <a href={consolePath(tenant, "/settings")}>编辑公开联系方式</a>
                ：向群众公布的信访渠道、接待时间地点和进度查询方式。
              </li>
              <li>
                <a href={consolePath(tenant, "/notifications")}>配置通知渠道</a>
                ：企业微信、钉钉、短信、邮件、对接系统，及各类通知的发送路由和模板。
              </li>
              <li>
                <a href={consolePath(tenant, "/deliveries")}>查看消息发送情况</a>
                ：每条消息的发送状态、重试次数和服务商回应。
              </li>
            </ul>
          </section>
        )}
      </div>
    </>
  );
}
