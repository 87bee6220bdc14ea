import type { MemoryRecord } from '@mnemo/contracts';

let counter = 0;

/** A memory record for specs: only the text is required, ids are predictable. */
export function memoryRecord(memory: string, extra: Partial<MemoryRecord> = {}): MemoryRecord {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return {
    id,
    projectId: 'p1',
    memory,
    hash: 'h',
    metadata: null,
    categories: [],
    userId: 'alex',
    agentId: null,
    appId: null,
    runId: null,
    actorId: null,
    role: null,
    expirationDate: null,
    createdAt: '2025-01-02T03:04:05.000Z',
    updatedAt: '2025-01-02T03:04:05.000Z',
    ...extra,
  };
}
