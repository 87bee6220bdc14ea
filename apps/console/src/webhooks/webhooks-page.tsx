import { useState } from 'preact/hooks';
import type { Webhook } from '../api/api-types';
import { hashOf } from '../routing/hash-location';
import { ConfirmButton } from '../ui/confirm-button';
import { formatTime } from '../ui/format';
import { ErrorText, Loading, Notice } from '../ui/messages';
import { PageTitle } from '../ui/page-title';
import { useSession } from '../ui/session-context';
import { useAction, useLoad } from '../ui/use-load';
import { WebhookCreateForm } from './webhook-create-form';

/** The project's webhooks; each links to its delivery log. */
export function WebhooksPage() {
  const { api, identity, canWrite } = useSession();
  const loaded = useLoad(() => api.webhooks(identity.projectId), identity.projectId);
  const [created, setCreated] = useState<Webhook>();
  const { error: actionError, act } = useAction(loaded.reload);
  return (
    <>
      <PageTitle title="Webhooks" />
      <ErrorText message={loaded.error ?? actionError} />
      {created?.secret && (
        <Notice>
          Webhook “{created.name}” added. Its signing secret, shown only now:{' '}
          <code class="secret">{created.secret}</code>
        </Notice>
      )}
      {!loaded.data && loaded.loading && <Loading what="webhooks" />}
      {loaded.data?.length === 0 && <p class="muted">No webhooks yet.</p>}
      {loaded.data && loaded.data.length > 0 && (
        <table class="cards">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">URL</th>
              <th scope="col">Events</th>
              <th scope="col">State</th>
              {canWrite && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {loaded.data.map((webhook) => (
              <tr key={webhook.webhook_id}>
                <td data-label="Name">
                  <a href={hashOf(['webhooks', webhook.webhook_id])}>{webhook.name}</a>
                </td>
                <td data-label="URL" class="break">
                  {webhook.url}
                </td>
                <td data-label="Events">{webhook.event_types.join(', ')}</td>
                <td data-label="State">
                  {webhook.is_active ? 'active' : 'disabled'}
                  {webhook.disabled_reason && (
                    <span class="muted"> ({webhook.disabled_reason})</span>
                  )}
                  <br />
                  <span class="muted">since {formatTime(webhook.created_at)}</span>
                </td>
                {canWrite && (
                  <td data-label="Actions" class="actions">
                    <button
                      type="button"
                      class="quiet"
                      aria-label={`${webhook.is_active ? 'Disable' : 'Enable'} ${webhook.name}`}
                      onClick={() =>
                        void act(() => api.setWebhookActive(webhook.webhook_id, !webhook.is_active))
                      }
                    >
                      {webhook.is_active ? 'Disable' : 'Enable'}
                    </button>
                    <ConfirmButton
                      label="Delete"
                      name={`Delete ${webhook.name}`}
                      question={`Delete the webhook “${webhook.name}” and its delivery log?`}
                      onConfirm={() => act(() => api.deleteWebhook(webhook.webhook_id))}
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canWrite && (
        <WebhookCreateForm
          onCreated={(webhook) => {
            setCreated(webhook);
            loaded.reload();
          }}
        />
      )}
    </>
  );
}
