import { useState } from "preact/hooks";
import { changePassword } from "../../api/console.ts";
import { ErrorAlert, fieldErrors, SuccessStatus } from "../components/ErrorAlert.tsx";
import { TextField } from "../components/Field.tsx";
import { usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";

const MIN_LENGTH = 10;

/**
 * Staff replace the password an administrator gave them. Every other session of the
 * account is signed out, so whoever else knew the old password is out at once.
 */
export function PasswordPage() {
  const { me } = useSession();
  usePageTitle("修改密码", me.tenant.name);
  const [oldPassword, setOldPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!oldPassword) problems.oldPassword = "请输入原密码";
    if (newPassword.length < MIN_LENGTH) problems.newPassword = `新密码至少 ${MIN_LENGTH} 位`;
    else if (newPassword === oldPassword) problems.newPassword = "新密码不能与原密码相同";
    if (repeat !== newPassword) problems.repeat = "两次输入的新密码不一致";
    setLocal(problems);
    const first = Object.keys(problems)[0];
    if (first) {
      document.getElementById(`password-${first}`)?.focus();
      return;
    }
    setSaving(true);
    setError(null);
    setStatus(null);
    try {
      await changePassword({ oldPassword, newPassword });
      setOldPassword("");
      setNewPassword("");
      setRepeat("");
      setStatus("密码已修改。其他设备上的登录已全部退出。");
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const errors = { ...fieldErrors(error), ...local };
  return (
    <>
      <h1>修改密码</h1>
      <p class="lead">修改后，除当前页面外，其他设备上的登录将全部退出。</p>
      <form class="form card" onSubmit={submit} noValidate>
        <TextField
          id="password-oldPassword"
          label="原密码"
          type="password"
          autoComplete="current-password"
          value={oldPassword}
          onValue={setOldPassword}
          required
          maxLength={128}
          error={errors.oldPassword}
        />
        <TextField
          id="password-newPassword"
          label="新密码"
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onValue={setNewPassword}
          required
          maxLength={128}
          hint={`至少 ${MIN_LENGTH} 位，不能包含用户名。`}
          error={errors.newPassword}
        />
        <TextField
          id="password-repeat"
          label="再次输入新密码"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onValue={setRepeat}
          required
          maxLength={128}
          error={errors.repeat}
        />
        <ErrorAlert error={error} />
        <SuccessStatus message={status} />
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={saving} aria-busy={saving}>
            修改密码
          </button>
        </div>
      </form>
    </>
  );
}
