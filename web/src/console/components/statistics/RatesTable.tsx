import { Fragment } from "preact";
import type { Rate, Statistics } from "../../../api/statistics.ts";

type RateKey =
  | "timelyAcceptanceRate"
  | "onTimeReplyRate"
  | "evaluationRate"
  | "repeatRate"
  | "firstTimeResolutionRate"
  | "firstPetitionClosureRate";

const RATE_KEYS: RateKey[] = [
  "timelyAcceptanceRate",
  "onTimeReplyRate",
  "evaluationRate",
  "repeatRate",
  "firstTimeResolutionRate",
  "firstPetitionClosureRate",
];

export function formatRate(rate: Rate): string {
  if (rate.rate === null) return "—";
  return `${(rate.rate * 100).toFixed(1)}%（${rate.numerator}/${rate.denominator}）`;
}

interface Row {
  key: string;
  name: string;
  values: string[];
}

function rowsOf(columns: Statistics[]): Row[] {
  const first = columns[0];
  if (!first) return [];
  const d = first.definitions;
  return [
    { key: "batches", name: d.batches.name, values: columns.map((c) => String(c.batches)) },
    { key: "persons", name: d.persons.name, values: columns.map((c) => String(c.persons)) },
    ...RATE_KEYS.map((key) => ({
      key,
      name: d[key].name,
      values: columns.map((c) => formatRate(c[key])),
    })),
    {
      key: "satisfactionRateUnit",
      name: d.satisfactionRateUnit.name,
      values: columns.map((c) => formatRate(c.satisfactionRate.unit)),
    },
    {
      key: "satisfactionRateOffice",
      name: d.satisfactionRateOffice.name,
      values: columns.map((c) => formatRate(c.satisfactionRate.office)),
    },
    {
      key: "supervision",
      name: d.supervision.name,
      values: columns.map((c) => `启动 ${c.supervision.opened}，办结 ${c.supervision.resolved}`),
    },
  ];
}

/** The period's figures beside the periods they are compared with, and what each means. */
export function RatesTable({ columns, headings }: { columns: Statistics[]; headings: string[] }) {
  const rows = rowsOf(columns);
  const definitions = columns[0]?.definitions;
  return (
    <>
      <div class="table-scroll">
        <table class="table">
          <caption>主要指标（比率后括号内为分子/分母）</caption>
          <thead>
            <tr>
              <th scope="col">指标</th>
              {headings.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.name}</th>
                {r.values.map((v, i) => (
                  <td key={headings[i]}>{v}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {definitions && (
        <details class="help">
          <summary>指标口径说明</summary>
          <dl class="facts">
            {Object.entries(definitions).map(([key, d]) => (
              <Fragment key={key}>
                <dt>{d.name}</dt>
                <dd>{d.definition}</dd>
              </Fragment>
            ))}
          </dl>
        </details>
      )}
    </>
  );
}
