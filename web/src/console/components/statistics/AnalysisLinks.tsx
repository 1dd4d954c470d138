import { consolePath } from "../../../shared/tenant.ts";
import { useSession } from "../../session.ts";
import "./analysis.css";

const PAGES = [
  { key: "figures", sub: "/statistics", label: "统计数据" },
  { key: "backlog", sub: "/statistics/backlog", label: "积案" },
  { key: "assessment", sub: "/statistics/assessment", label: "单位考核" },
  { key: "hot", sub: "/statistics/hot-issues", label: "月度研判" },
  { key: "annual", sub: "/statistics/annual-report", label: "年度报告", countyOffice: true },
] as const;

export type AnalysisPage = (typeof PAGES)[number]["key"];

/** The pages of 统计分析, one click apart; the annual report is the county office's. */
export function AnalysisLinks({ tenant, current }: { tenant: string; current: AnalysisPage }) {
  const { me } = useSession();
  const office = me.unit.kind === "county";
  return (
    <nav class="analysis-links no-print" aria-label="统计分析">
      <ul>
        {PAGES.filter((p) => office || !("countyOffice" in p)).map((p) => (
          <li key={p.key}>
            <a
              href={consolePath(tenant, p.sub)}
              aria-current={p.key === current ? "page" : undefined}
            >
              {p.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
