import { useEffect, useRef, useState } from 'preact/hooks';
import type { HistoryEntry, Memory } from '../api/api-types';
import { hashOf } from '../routing/hash-location';
import { ConfirmButton } from '../ui/confirm-button';
import { formatTime } from '../ui/format';
import { ErrorText, Loading } from '../ui/messages';
import { PageTitle } from '../ui/page-title';
import { useSession } from '../ui/session-context';
import { useLoad } from '../ui/use-load';
import { MemoryEditForm } from './memory-edit-form';
import { MemoryHistory } from './memory-history';
import { Categories, Scope } from './memory-scope';

/** One memory: what it says, where it belongs, its metadata and every change it went through. */
export function MemoryPage({ id }: { id: string }) {
  const { api, canWrite, notify } = useSession();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  // Saving or cancelling removes the form: the focus goes back to the button that opened it.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const loaded = useLoad<{ memory: Memory; history: HistoryEntry[] }>(async () => {
    const [memory, history] = await Promise.all([api.memory(id), api.history(id)]);
    return { memory, history };
  }, id);
  const memory = loaded.data?.memory;
  return (
    <>
      <PageTitle title="Memory" />
      <p>
        <a href={hashOf(['memories'])}>← All memories</a>
      </p>
      <ErrorText message={loaded.error} />
      {!loaded.data && loaded.loading && <Loading what="the memory" />}
      {memory && loaded.data && (
        <>
          {editing ? (
            <MemoryEditForm
              memory={memory}
              onCancel={() => setEditing(false)}
              onSaved={() => {
                setEditing(false);
                notify('Memory saved.');
                loaded.reload();
              }}
            />
          ) : (
            <>
              <blockquote class="memory-text">{memory.memory}</blockquote>
              {canWrite && (
                <div class="actions">
                  <button type="button" ref={editButton} onClick={() => setEditing(true)}>
                    Edit
                  </button>
                  <ConfirmButton
                    label="Delete"
                    question={`Delete the memory “${memory.memory}”? This cannot be undone.`}
                    onConfirm={async () => {
                      await api.deleteMemory(memory.id);
                      notify('Memory deleted.', hashOf(['memories']));
                    }}
                  />
                </div>
              )}
            </>
          )}
          <MemoryFacts memory={memory} />
          <h2>History</h2>
          <MemoryHistory entries={loaded.data.history} />
        </>
      )}
    </>
  );
}

function MemoryFacts({ memory }: { memory: Memory }) {
  return (
    <dl class="facts">
      <dt>Id</dt>
      <dd>
        <code>{memory.id}</code>
      </dd>
      <dt>Scope</dt>
      <dd>
        <Scope memory={memory} />
      </dd>
      <dt>Categories</dt>
      <dd>
        <Categories categories={memory.categories} />
      </dd>
      <dt>Created</dt>
      <dd>{formatTime(memory.created_at)}</dd>
      <dt>Updated</dt>
      <dd>{formatTime(memory.updated_at) || '–'}</dd>
      {memory.expiration_date && (
        <>
          <dt>Expires</dt>
          <dd>{memory.expiration_date}</dd>
        </>
      )}
      <dt>Metadata</dt>
      <dd>
        {memory.metadata && Object.keys(memory.metadata).length > 0 ? (
          <pre>{JSON.stringify(memory.metadata, null, 2)}</pre>
        ) : (
          <span class="muted">none</span>
        )}
      </dd>
    </dl>
  );
}
