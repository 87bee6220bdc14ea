import { addEventStatuses, type AddEvent, type AddEventStatus } from '../api/api-types';
import { hashOf } from '../routing/hash-location';
import { formatTime } from '../ui/format';
import { ErrorText, Loading } from '../ui/messages';
import { PageTitle } from '../ui/page-title';
import { pageParam, Pager } from '../ui/pager';
import { useSession } from '../ui/session-context';
import { useLoad, usePolling } from '../ui/use-load';

const pageSize = 25;

/** Asynchronous adds and where they are: pending, running, done, or failed and why. */
export function EventsPage({ params }: { params: Record<string, string> }) {
  const { api } = useSession();
  const status = addEventStatuses.find((candidate) => candidate === params['status']);
  const page = pageParam(params['page']);
  const loaded = useLoad(() => api.events(status, page, pageSize), `${status}:${page}`);
  const data = loaded.data;
  const unfinished = data?.results.some((event) => !isFinished(event.status)) ?? false;
  usePolling(unfinished, loaded.reload);
  return (
    <>
      <PageTitle title="Add events" />
      <div class="inline-form">
        <label for="status">Status</label>
        <select
          id="status"
          value={status ?? ''}
          onChange={(event) => {
            location.hash = hashOf(['events'], { status: event.currentTarget.value });
          }}
        >
          <option value="">Any</option>
          {addEventStatuses.map((option) => (
            <option key={option} value={option}>
              {option.toLowerCase()}
            </option>
          ))}
        </select>
        <button type="button" class="quiet" onClick={loaded.reload}>
          Refresh
        </button>
      </div>
      <ErrorText message={loaded.error} />
      {!data && loaded.loading && <Loading what="events" />}
      {data && data.results.length === 0 && <p class="muted">No add events.</p>}
      {data && data.results.length > 0 && (
        <table class="cards">
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Status</th>
              <th scope="col">Outcome</th>
              <th scope="col">Event id</th>
            </tr>
          </thead>
          <tbody>
            {data.results.map((event) => (
              <tr key={event.id}>
                <td data-label="Received">{formatTime(event.created_at)}</td>
                <td data-label="Status">
                  <span class={`status status-${event.status.toLowerCase()}`}>
                    {event.status.toLowerCase()}
                  </span>
                  {event.latency !== null && <span class="muted"> {event.latency} ms</span>}
                </td>
                <td data-label="Outcome">
                  <Outcome event={event} />
                </td>
                <td data-label="Event id">
                  <code>{event.id}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && data.count > pageSize && (
        <Pager
          page={page}
          pageSize={pageSize}
          count={data.count}
          noun="event"
          hrefOf={(target) => hashOf(['events'], { status, page: target })}
        />
      )}
    </>
  );
}

function isFinished(status: AddEventStatus): boolean {
  return status === 'SUCCEEDED' || status === 'FAILED';
}

function Outcome({ event }: { event: AddEvent }) {
  if (event.error) {
    return (
      <p class="error-text">
        {event.error}
        {event.error_code && <span class="muted"> ({event.error_code})</span>}
      </p>
    );
  }
  if (!isFinished(event.status)) return <span class="muted">waiting</span>;
  if (event.results.length === 0) return <span class="muted">nothing to remember</span>;
  return (
    <ul class="plain">
      {event.results.map((result) => (
        <li key={`${result.id}:${result.event}`}>
          <span class="muted">{result.event}</span>{' '}
          {result.event === 'DELETE' ? (
            result.memory
          ) : (
            <a href={hashOf(['memories', result.id])}>{result.memory}</a>
          )}
        </li>
      ))}
    </ul>
  );
}
