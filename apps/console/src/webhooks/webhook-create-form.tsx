import { webhookEventTypes, type Webhook } from '../api/api-types';
import { checkedValues, submitted } from '../ui/forms';
import { ErrorText } from '../ui/messages';
import { useSession } from '../ui/session-context';
import { useAction } from '../ui/use-load';

/** A new webhook; its signing secret is in the answer only, so it is shown here once. */
export function WebhookCreateForm({ onCreated }: { onCreated: (webhook: Webhook) => void }) {
  const { api, identity } = useSession();
  const { error, busy, act } = useAction();
  const create = (values: Record<string, string>, form: HTMLFormElement) =>
    act(async () => {
      const created = await api.createWebhook(identity.projectId, {
        name: values['name'] ?? '',
        url: values['url'] ?? '',
        event_types: checkedValues(form, 'event_types'),
      });
      form.reset();
      onCreated(created);
    });
  return (
    <form class="panel" onSubmit={submitted((values, form) => void create(values, form))}>
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
