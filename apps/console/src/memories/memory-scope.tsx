import type { Memory } from '../api/api-types';

/** The ids a memory is scoped by (the run is `session_id` in lists and `run_id` in searches). */
export function scopeOf(memory: Memory): [string, string][] {
  const run = memory.run_id ?? memory.session_id ?? null;
  const ids: [string, string | null][] = [
    ['user', memory.user_id],
    ['agent', memory.agent_id],
    ['app', memory.app_id],
    ['run', run],
  ];
  return ids.filter((pair): pair is [string, string] => pair[1] !== null && pair[1] !== '');
}

export function Scope({ memory }: { memory: Memory }) {
  return (
    <ul class="inline">
      {scopeOf(memory).map(([type, id]) => (
        <li key={type}>
          <span class="muted">{type}</span> {id}
        </li>
      ))}
    </ul>
  );
}

export function Categories({ categories }: { categories: string[] | null }) {
  if (!categories?.length) return <span class="muted">none</span>;
  return (
    <ul class="inline tags">
      {categories.map((category) => (
        <li key={category}>{category}</li>
      ))}
    </ul>
  );
}
