import type { Memory, ScoredMemory } from '../api/api-types';
import { hashOf } from '../routing/hash-location';
import { formatScore, formatTime, plural } from '../ui/format';
import { ErrorText, Loading } from '../ui/messages';
import { PageTitle } from '../ui/page-title';
import { pageParam, Pager } from '../ui/pager';
import { useSession } from '../ui/session-context';
import { useLoad } from '../ui/use-load';
import { filtersOf } from './memory-filters';
import { MemoryQueryForm, searchDefaults } from './memory-query-form';
import { Categories, Scope } from './memory-scope';

const pageSize = 25;

type Found =
  | { mode: 'list'; memories: Memory[]; count: number }
  | { mode: 'search'; memories: ScoredMemory[] };

/** The project's memories: filtered and paged, or searched (then ranked, with their scores). */
export function MemoriesPage({ params }: { params: Record<string, string> }) {
  const { api } = useSession();
  const query = params['q'] ?? '';
  const page = pageParam(params['page']);
  const paramsKey = JSON.stringify(params);
  const found = useLoad<Found>(async () => {
    const filters = filtersOf(params);
    if (query === '') {
      const listed = await api.listMemories(filters, page, pageSize);
      return { mode: 'list', memories: listed.results, count: listed.count };
    }
    const topK = Number(params['top_k'] ?? searchDefaults.top_k);
    const threshold = Number(params['threshold'] ?? searchDefaults.threshold);
    const searched = await api.searchMemories(query, filters, topK, threshold);
    return { mode: 'search', memories: searched.results };
  }, paramsKey);

  const data = found.data;
  return (
    <>
      <PageTitle title="Memories" />
      <MemoryQueryForm key={paramsKey} params={params} />
      <ErrorText message={found.error} />
      {found.loading && !data && <Loading what="memories" />}
      {data && !found.error && (
        <section aria-busy={found.loading}>
          <h2 class="sr-only">Results</h2>
          <p class="muted" role="status">
            {data.mode === 'search'
              ? `${plural(data.memories.length, 'result')} for “${query}”, best first`
              : plural(data.count, 'memory', 'memories')}
          </p>
          {data.memories.length > 0 && <MemoryTable data={data} />}
          {data.mode === 'list' && data.count > pageSize && (
            <Pager
              page={page}
              pageSize={pageSize}
              count={data.count}
              noun="memory"
              hrefOf={(target) => hashOf(['memories'], { ...params, page: target })}
            />
          )}
        </section>
      )}
    </>
  );
}

function MemoryTable({ data }: { data: Found }) {
  const scored = data.mode === 'search';
  return (
    <table class="cards">
      <thead>
        <tr>
          {scored && <th scope="col">Score</th>}
          <th scope="col">Memory</th>
          <th scope="col">Scope</th>
          <th scope="col">Categories</th>
          <th scope="col">Updated</th>
        </tr>
      </thead>
      <tbody>
        {data.memories.map((memory) => (
          <tr key={memory.id}>
            {scored && (
              <td data-label="Score">
                <ScoreCell memory={memory as ScoredMemory} />
              </td>
            )}
            <td data-label="Memory">
              <a href={hashOf(['memories', memory.id])}>{memory.memory}</a>
            </td>
            <td data-label="Scope">
              <Scope memory={memory} />
            </td>
            <td data-label="Categories">
              <Categories categories={memory.categories} />
            </td>
            <td data-label="Updated">{formatTime(memory.updated_at ?? memory.created_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ScoreCell({ memory }: { memory: ScoredMemory }) {
  const parts = memory.score_breakdown;
  return (
    <>
      <strong class="score">{formatScore(memory.score)}</strong>
      {parts && (
        <span class="muted breakdown">
          semantic {formatScore(parts.semantic)} · keyword {formatScore(parts.bm25)}
        </span>
      )}
    </>
  );
}
