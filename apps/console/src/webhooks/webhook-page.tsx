import { useState } from 'preact/hooks';
import type { Delivery } from '../api/api-types';
import { hashOf } from '../routing/hash-location';
import { formatTime } from '../ui/format';
import { ErrorText, Loading, Notice } from '../ui/messages';
import { PageTitle } from '../ui/page-title';
import { useSession } from '../ui/session-context';
import { useAction, useLoad, usePolling } from '../ui/use-load';

/** One webhook's delivery log, newest first, with a redeliver button on each delivery. */
export function WebhookPage({ id }: { id: string }) {
  const { api, identity, canWrite } = useSession();
  const loaded = useLoad(async () => {
    const [webhooks, deliveries] = await Promise.all([
      api.webhooks(identity.projectId),
      api.deliveries(id),
    ]);
    return { webhook: webhooks.find((webhook) => webhook.webhook_id === id), deliveries };
  }, id);
  const [redelivered, setRedelivered] = useState<string>();
  const pending = loaded.data?.deliveries.some((delivery) => delivery.status === 'pending');
  usePolling(pending ?? false, loaded.reload);
  const { error: actionError, act } = useAction(loaded.reload);
  const redeliver = (delivery: Delivery) =>
    act(async () => {
      await api.redeliver(delivery.delivery_id);
      setRedelivered(delivery.delivery_id);
    });
  const webhook = loaded.data?.webhook;
  return (
    <>
      <PageTitle title="Webhook deliveries">
        Deliveries{webhook ? ` of “${webhook.name}”` : ''}
      </PageTitle>
      <p>
        <a href={hashOf(['webhooks'])}>← All webhooks</a>
      </p>
      {webhook && (
        <p class="break">
          <span class="muted">To</span> {webhook.url}{' '}
          <span class="muted">on {webhook.event_types.join(', ')}</span>
        </p>
      )}
      <ErrorText message={loaded.error ?? actionError} />
      {redelivered && <Notice>Delivery {redelivered} queued again.</Notice>}
      <button type="button" class="quiet" onClick={loaded.reload}>
        Refresh
      </button>
      {!loaded.data && loaded.loading && <Loading what="deliveries" />}
      {loaded.data?.deliveries.length === 0 && <p class="muted">Nothing delivered yet.</p>}
      {loaded.data && loaded.data.deliveries.length > 0 && (
        <table class="cards">
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Last attempt</th>
              <th scope="col">Delivery id</th>
              {canWrite && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {loaded.data.deliveries.map((delivery) => (
              <tr key={delivery.delivery_id}>
                <td data-label="Event">
                  {delivery.event_type}
                  <br />
                  <span class="muted">{formatTime(delivery.created_at)}</span>
                </td>
                <td data-label="Status">
                  <span class={`status status-${delivery.status}`}>{delivery.status}</span>
                  <span class="muted">
                    {' '}
                    after {delivery.attempts} attempt{delivery.attempts === 1 ? '' : 's'}
                  </span>
                  {delivery.next_attempt_at && (
                    <span class="muted"> · next {formatTime(delivery.next_attempt_at)}</span>
                  )}
                </td>
                <td data-label="Last attempt">
                  <LastAttempt delivery={delivery} />
                </td>
                <td data-label="Delivery id">
                  <code>{delivery.delivery_id}</code>
                </td>
                {canWrite && (
                  <td data-label="Actions">
                    <button
                      type="button"
                      aria-label={`Redeliver ${delivery.delivery_id}`}
                      onClick={() => void redeliver(delivery)}
                    >
                      Redeliver
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function LastAttempt({ delivery }: { delivery: Delivery }) {
  if (delivery.attempts === 0) return <span class="muted">not yet</span>;
  return (
    <>
      {delivery.last_status_code !== null && <>HTTP {delivery.last_status_code}</>}
      {delivery.last_latency_ms !== null && (
        <span class="muted"> in {delivery.last_latency_ms} ms</span>
      )}
      {delivery.last_error && delivery.last_error !== `HTTP ${delivery.last_status_code}` && (
        <p class="error-text">{delivery.last_error}</p>
      )}
    </>
  );
}
