import { useState } from "preact/hooks";
import type { NotificationSettingsView as NotificationSettings } from "../../../../../schema/api/notifications.ts";
import { putNotificationSettings } from "../../../api/notify.ts";

export type Saved = (settings: NotificationSettings) => void;

/** One PUT per section: a section's mistakes never hold back another's changes. */
export function useSave(tenant: string, onSaved: Saved) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const save = async (body: Parameters<typeof putNotificationSettings>[1], done: string) => {
    setSaving(true);
    setError(null);
    setStatus(null);
    try {
      onSaved(await putNotificationSettings(tenant, body));
      setStatus(done);
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setSaving(false);
    }
  };
  return { saving, error, status, setError, setStatus, save };
}
