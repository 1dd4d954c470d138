import { useState } from "preact/hooks";
import type { Unit } from "../../../../schema/api/units.ts";
import { listUnits } from "../../api/console.ts";
import { ErrorAlert, SuccessStatus } from "../components/ErrorAlert.tsx";
import { Loading } from "../components/Loading.tsx";
import { UnitCreateForm } from "../components/UnitCreateForm.tsx";
import { UnitTree } from "../components/UnitTree.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";
import { buildUnitTree } from "../units.ts";

export function UnitsPage() {
  const { tenant, me } = useSession();
  usePageTitle("单位管理", me.tenant.name);
  const units = useAsync(() => listUnits(tenant).then((r) => r.units), tenant);
  const [status, setStatus] = useState<string | null>(null);

  const upsert = (unit: Unit, message: string) => {
    units.setData((list = []) =>
      list.some((u) => u.id === unit.id)
        ? list.map((u) => (u.id === unit.id ? unit : u))
        : [...list, unit],
    );
    setStatus(message);
  };

  return (
    <>
      <h1>单位管理</h1>
      <p class="lead">县信访局下设乡镇/街道和县直部门，乡镇/街道下设村/社区。</p>
      <SuccessStatus message={status} />
      <section class="card" aria-labelledby="tree-title">
        <h2 id="tree-title">单位结构</h2>
        {units.data === undefined && units.loading && <Loading what="单位" />}
        <ErrorAlert error={units.error} />
        {units.data !== undefined &&
          (units.data.length === 0 ? (
            <p class="muted">尚未建立任何单位，请先添加县信访局。</p>
          ) : (
            <UnitTree
              tenant={tenant}
              nodes={buildUnitTree(units.data)}
              onUpdated={(unit) => upsert(unit, `已保存：${unit.name}`)}
            />
          ))}
      </section>
      {units.data !== undefined && (
        <section class="card" aria-labelledby="create-unit-title">
          <h2 id="create-unit-title">新增单位</h2>
          <UnitCreateForm
            tenant={tenant}
            units={units.data}
            onCreated={(unit) => upsert(unit, `已添加：${unit.name}`)}
          />
        </section>
      )}
    </>
  );
}
