import { useEffect, useRef } from 'preact/hooks';
import type { Json, Memory } from '../api/api-types';
import { submitted } from '../ui/forms';
import { ErrorText } from '../ui/messages';
import { useSession } from '../ui/session-context';
import { messageOf, useAction } from '../ui/use-load';

interface MemoryEditFormProps {
  memory: Memory;
  onSaved: () => void;
  onCancel: () => void;
}

/** Text and metadata; metadata is sent only when it changed, as a whole JSON object. */
export function MemoryEditForm({ memory, onSaved, onCancel }: MemoryEditFormProps) {
  const { api } = useSession();
  const { error, busy, act } = useAction(onSaved);
  const shownMetadata = JSON.stringify(memory.metadata ?? {}, null, 2);
  const text = useRef<HTMLTextAreaElement>(null);
  useEffect(() => text.current?.focus(), []);
  const save = (values: Record<string, string>) =>
    act(async () => {
      const change: { text: string; metadata?: Json } = { text: values['text'] ?? '' };
      if ((values['metadata'] ?? '').trim() !== shownMetadata)
        change.metadata = metadataFrom(values['metadata'] ?? '');
      await api.updateMemory(memory.id, change);
    });
  return (
    <form class="edit" onSubmit={submitted((values) => void save(values))}>
      <label for="memory-text">Text</label>
      <textarea
        id="memory-text"
        ref={text}
        name="text"
        rows={3}
        required
        defaultValue={memory.memory}
      />
      <label for="memory-metadata">Metadata (a JSON object)</label>
      <textarea
        id="memory-metadata"
        name="metadata"
        rows={4}
        spellcheck={false}
        defaultValue={shownMetadata}
      />
      <ErrorText message={error} />
      <div class="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" class="quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function metadataFrom(text: string): Json {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text === '' ? '{}' : text);
  } catch (error) {
    throw new Error(`The metadata is not JSON: ${messageOf(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error('The metadata must be a JSON object.');
  return parsed as Json;
}
