import type { Entity } from '../api/api-types';
import { hashOf } from '../routing/hash-location';
import { formatTime, plural } from '../ui/format';
import { ErrorText, Loading } from '../ui/messages';
import { PageTitle } from '../ui/page-title';
import { pageParam, Pager } from '../ui/pager';
import { useSession } from '../ui/session-context';
import { useLoad } from '../ui/use-load';

const pageSize = 50;

/** Users, agents, apps and runs of the project with how many memories each holds. */
export function EntitiesPage({ params }: { params: Record<string, string> }) {
  const { api } = useSession();
  const page = pageParam(params['page']);
  const loaded = useLoad(() => api.entities(page, pageSize), String(page));
  const data = loaded.data;
  return (
    <>
      <PageTitle title="Users, agents, runs" />
      <ErrorText message={loaded.error} />
      {!data && loaded.loading && <Loading what="entities" />}
      {data && (
        <>
          <p class="muted" role="status">
            {[
              plural(data.total_users, 'user'),
              plural(data.total_agents, 'agent'),
              plural(data.total_apps, 'app'),
              plural(data.total_runs, 'run'),
            ].join(' · ')}
          </p>
          {data.results.length > 0 && (
            <table class="cards">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Type</th>
                  <th scope="col" class="number">
                    Memories
                  </th>
                  <th scope="col">Last change</th>
                </tr>
              </thead>
              <tbody>
                {data.results.map((entity) => (
                  <tr key={`${entity.type}:${entity.id}`}>
                    <td data-label="Name">
                      <a href={memoriesOf(entity)}>{entity.name}</a>
                    </td>
                    <td data-label="Type">{entity.type}</td>
                    <td data-label="Memories" class="number">
                      {entity.total_memories.toLocaleString('en')}
                    </td>
                    <td data-label="Last change">{formatTime(entity.updated_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {data.count > pageSize && (
            <Pager
              page={page}
              pageSize={pageSize}
              count={data.count}
              noun="entity"
              hrefOf={(target) => hashOf(['entities'], { page: target })}
            />
          )}
        </>
      )}
    </>
  );
}

/** The memory list filtered to one entity. */
function memoriesOf(entity: Entity): string {
  return hashOf(['memories'], { [`${entity.type}_id`]: entity.name });
}
