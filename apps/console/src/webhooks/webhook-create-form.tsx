import { useState } from 'preact/hooks';
import { webhookEventTypes, type Webhook } from '../api/api-types';
import { checkedValues, formValues } from '../ui/forms';
import { ErrorText } from '../ui/messages';
import { useSession } from '../ui/session-context';
import { messageOf } from '../ui/use-load';

/** A new webhook; its signing secret is in the answer only, so it is shown here once. */
export function WebhookCreateForm({ onCreated }: { onCreated: (webhook: Webhook) => void }) {
  const { api, identity } = useSession();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const create = async (form: HTMLFormElement) => {
    const values = formValues(form);
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.createWebhook(identity.projectId, {
        name: values['name'] ?? '',
        url: values['url'] ?? '',
        event_types: checkedValues(form, 'event_types'),
      });
      form.reset();
      onCreated(created);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="panel"
      onSubmit={(event) => {
        event.preventDefault();
        void create(event.currentTarget);
      }}
    >
      <h2>Add a webhook</h2>
      <div class="fields">
        <div class="field">
          <label for="webhook-name">Name</label>
          <input id="webhook-name" name="name" required />
        </div>
        <div class="field wide">
          <label for="webhook-url">URL</label>
          <input id="webhook-url" name="url" type="url" required placeholder="https://" />
        </div>
      </div>
      <fieldset>
        <legend>Events</legend>
        {webhookEventTypes.map((type) => (
          <label key={type} class="check">
            <input type="checkbox" name="event_types" value={type} defaultChecked /> {type}
          </label>
        ))}
      </fieldset>
      <ErrorText message={error} />
      <button type="submit" disabled={busy}>
        Add webhook
      </button>
    </form>
  );
}
