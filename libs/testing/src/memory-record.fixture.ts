import type { MemoryRecord } from '@mnemo/contracts';

/** A memory record for specs: the id and the user, anything else as `extra` says. */
export function memoryRecordFixture(
  id: string,
  userId: string | null,
  extra: Partial<MemoryRecord> = {},
): MemoryRecord {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    id,
    projectId: 'p1',
    memory: `memory ${id}`,
    hash: id,
    metadata: null,
    categories: [],
    userId,
    agentId: null,
    appId: null,
    runId: null,
    actorId: null,
    role: null,
    expirationDate: null,
    createdAt: at,
    updatedAt: at,
    ...extra,
  };
}
