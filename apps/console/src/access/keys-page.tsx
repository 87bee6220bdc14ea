import { useState } from 'preact/hooks';
import { ConfirmButton } from '../ui/confirm-button';
import { formatTime } from '../ui/format';
import { submitted } from '../ui/forms';
import { ErrorText, Loading, Notice } from '../ui/messages';
import { PageTitle } from '../ui/page-title';
import { useSession } from '../ui/session-context';
import { useAction, useLoad } from '../ui/use-load';

/** The admin key only: the project's API keys (prefixes; a key itself is shown once). */
export function KeysPage() {
  const { api, identity } = useSession();
  const { projectId } = identity;
  const loaded = useLoad(() => api.keys(projectId), projectId);
  const [created, setCreated] = useState<string>();
  const { error, act } = useAction(loaded.reload);
  const keys = loaded.data?.keys;
  return (
    <>
      <PageTitle title="API keys" />
      <ErrorText message={loaded.error ?? error} />
      {created && (
        <Notice>
          New key, shown only now: <code class="secret">{created}</code>
        </Notice>
      )}
      {!keys && loaded.loading && <Loading what="keys" />}
      {keys && keys.length > 0 && (
        <table class="cards">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Label</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.id}>
                <td data-label="Key">
                  <code>{key.prefix}…</code>
                </td>
                <td data-label="Label">{key.label ?? <span class="muted">none</span>}</td>
                <td data-label="Created">{formatTime(key.created_at)}</td>
                <td data-label="Last used">{formatTime(key.last_used_at) || 'never'}</td>
                <td data-label="Actions">
                  {key.revoked ? (
                    <span class="muted">revoked</span>
                  ) : (
                    <ConfirmButton
                      label="Revoke"
                      name={`Revoke ${key.prefix}`}
                      question={`Revoke the key ${key.prefix}…? Callers using it are refused from now on.`}
                      onConfirm={() => act(() => api.revokeKey(key.id))}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        class="panel"
        onSubmit={submitted((values, form) => {
          void act(async () => {
            const made = await api.createKey(projectId, {
              label: values['label'] || undefined,
              email: values['email'] || undefined,
            });
            setCreated(made.api_key);
            form.reset();
          });
        })}
      >
        <h2>Make a key</h2>
        <div class="fields">
          <div class="field">
            <label for="key-label">Label</label>
            <input id="key-label" name="label" />
          </div>
          <div class="field wide">
            <label for="key-email">For member (email; optional)</label>
            <input id="key-email" name="email" type="email" aria-describedby="key-email-hint" />
          </div>
        </div>
        <p id="key-email-hint" class="hint">
          A key made for a member has the member's role; without one it is an owner key.
        </p>
        <button type="submit">Make key</button>
      </form>
    </>
  );
}
