import type { HistoryEntry } from '../api/api-types';
import { formatTime } from '../ui/format';
import { textDiff } from './text-diff';

/** Each change of a memory, newest first, with a word diff of its text. */
export function MemoryHistory({ entries }: { entries: HistoryEntry[] }) {
  if (entries.length === 0) return <p class="muted">No history.</p>;
  return (
    <ol class="history" reversed>
      {[...entries].reverse().map((entry) => (
        <li key={entry.id}>
          <p>
            <strong class={`event event-${entry.event.toLowerCase()}`}>{entry.event}</strong>{' '}
            <time dateTime={entry.created_at}>{formatTime(entry.created_at)}</time>
          </p>
          <Diff before={entry.old_memory} after={entry.new_memory} />
        </li>
      ))}
    </ol>
  );
}

function Diff({ before, after }: { before: string | null; after: string | null }) {
  return (
    <p class="diff">
      {textDiff(before, after).map((part, index) =>
        part.kind === 'added' ? (
          <ins key={index}>{part.text}</ins>
        ) : part.kind === 'removed' ? (
          <del key={index}>{part.text}</del>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </p>
  );
}
