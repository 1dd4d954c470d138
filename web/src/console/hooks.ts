import { useCallback, useEffect, useRef, useState } from "preact/hooks";

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
}

/**
 * Loads data for a page. Earlier data stays on screen while reloading, and answers that
 * arrive after a newer request started (or after unmount) are dropped.
 */
export function useAsync<T>(load: () => Promise<T>, key: string) {
  const [state, setState] = useState<AsyncState<T>>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  // `key` names what is being loaded; `attempt` forces a reload of the same thing.
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    loadRef.current().then(
      (data) => live && setState({ data, error: undefined, loading: false }),
      (error: unknown) => live && setState((s) => ({ ...s, error, loading: false })),
    );
    return () => {
      live = false;
    };
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const setData = useCallback(
    (update: (data: T | undefined) => T) =>
      setState((s) => ({ ...s, data: update(s.data), error: undefined })),
    [],
  );
  return { ...state, reload, setData };
}

export function usePageTitle(title: string, county?: string): void {
  useEffect(() => {
    document.title = [title, county, "连心桥"].filter(Boolean).join(" · ");
  }, [title, county]);
}
