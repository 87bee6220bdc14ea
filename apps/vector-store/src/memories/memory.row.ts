import type { MemoryRecord } from '@mnemo/contracts';
import { bufferToFloat32 } from '@mnemo/persistence';

/** A memories row as the driver returns it from a raw query. */
export interface MemoryRow {
  project_id: string;
  id: string;
  memory: string;
  hash: string;
  metadata: string | Record<string, unknown> | null;
  categories: string | string[] | null;
  user_id: string | null;
  agent_id: string | null;
  app_id: string | null;
  run_id: string | null;
  actor_id: string | null;
  role: string | null;
  embedding: Buffer;
  embedding_model: string;
  expiration_date: string | Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface StoredMemory {
  record: MemoryRecord;
  embedding: Float32Array;
  embeddingModel: string;
}

export function fromRow(row: MemoryRow): StoredMemory {
  return {
    record: {
      id: row.id,
      projectId: row.project_id,
      memory: row.memory,
      hash: row.hash,
      metadata: parseJson(row.metadata),
      categories: parseJson(row.categories) ?? [],
      userId: row.user_id,
      agentId: row.agent_id,
      appId: row.app_id,
      runId: row.run_id,
      actorId: row.actor_id,
      role: row.role,
      expirationDate: toDateString(row.expiration_date),
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    },
    embedding: bufferToFloat32(row.embedding),
    embeddingModel: row.embedding_model,
  };
}

// MariaDB stores JSON as text, MySQL returns parsed values: accept both.
function parseJson<T>(value: string | T | null): T | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

export function toDateString(value: string | Date | null): string | null {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return value.slice(0, 10);
}
