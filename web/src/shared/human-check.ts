/**
 * Loads the ALTCHA widget from our own bundle, on first use only, so a citizen's page
 * stays light until a form needs it. The `external` build keeps styles and workers in
 * files of their own, which the pages' Content-Security-Policy allows (no inline code).
 */
let loading: Promise<void> | undefined;

interface AltchaGlobal {
  algorithms: Map<string, () => Worker>;
}

export function loadHumanCheck(): Promise<void> {
  loading ??= (async () => {
    await import("altcha/external");
    const [{ default: ShaWorker }] = await Promise.all([
      import("altcha/workers/sha?worker"),
      import("altcha/altcha.css"),
      import("altcha/i18n/zh-cn"),
    ]);
    const altcha = (globalThis as unknown as { $altcha: AltchaGlobal }).$altcha;
    altcha.algorithms.set("SHA-256", () => new ShaWorker());
  })();
  return loading;
}
