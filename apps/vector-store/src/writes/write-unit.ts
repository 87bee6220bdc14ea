import type {
  AddResult,
  JsonObject,
  MemoryRecord,
  MemoryWriteCommand,
  Scope,
} from '@mnemo/contracts';

/** A text's embedding and the model that made it. */
export interface TextVector {
  vector: Float32Array;
  model: string;
}

export interface AddChange {
  kind: 'add';
  text: string;
  scope: Scope;
  metadata: JsonObject;
  categories: string[];
  role?: string;
  actorId?: string;
  expirationDate: string | null;
  /** carried by the command (base64 float32), or filled in by the embedder before commit */
  carried?: string;
  embedded?: TextVector;
  /** an IMPORT op: the id and times it keeps; always answered (ADD, or NONE when skipped) */
  imported?: ImportedIdentity;
}

/** What an imported memory keeps from its source. */
export interface ImportedIdentity {
  id: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface UpdateChange {
  kind: 'update';
  memoryId: string;
  text?: string;
  categories?: string[];
  metadata?: JsonObject;
  expirationDate?: string | null;
  /** a direct edit is recorded even when the text stays; an add's UPDATE then changes nothing */
  edit: boolean;
  carried?: string;
  embedded?: TextVector;
}

export interface DeleteChange {
  kind: 'delete';
  memoryId: string;
}

export type MemoryChange = AddChange | UpdateChange | DeleteChange;

/** What one change did: the add result it answers with, and the memory as it now stands. */
export interface ChangeOutcome {
  result?: AddResult;
  record?: MemoryRecord;
}

/** The changes of one write (a command or a direct edit), applied all or nothing. */
export interface WriteUnit {
  projectId: string;
  /** the command's event id: applied once, its results kept in applied_writes */
  eventId?: string;
  /** the embedder model of the carried vectors */
  embeddingModel?: string;
  changes: MemoryChange[];
}

export interface UnitOutcome {
  results: AddResult[];
  /** one per change, in order; empty for a replay answered from applied_writes */
  changes: ChangeOutcome[];
}

/** A write command as changes: ADD metadata is the command's merged with the op's own. */
export function commandUnit(command: MemoryWriteCommand): WriteUnit {
  return {
    projectId: command.projectId,
    eventId: command.eventId,
    embeddingModel: command.embeddingModel,
    changes: command.ops.map((op): MemoryChange => {
      switch (op.op) {
        case 'ADD':
          return {
            kind: 'add',
            text: op.text,
            scope: command.scope,
            metadata: { ...command.metadata, ...op.metadata },
            categories: op.categories ?? [],
            role: op.role,
            actorId: op.actorId,
            expirationDate: command.expirationDate ?? null,
            carried: op.vector,
          };
        case 'UPDATE':
          return {
            kind: 'update',
            memoryId: op.memoryId,
            text: op.text,
            categories: op.categories,
            edit: false,
            carried: op.vector,
          };
        case 'DELETE':
          return { kind: 'delete', memoryId: op.memoryId };
        case 'IMPORT':
          return {
            kind: 'add',
            text: op.text,
            scope: op.scope,
            metadata: op.metadata ?? {},
            categories: op.categories ?? [],
            role: op.role,
            actorId: op.actorId,
            expirationDate: op.expirationDate ?? null,
            carried: op.vector,
            imported: {
              id: op.id,
              createdAt: new Date(op.createdAt),
              updatedAt: new Date(op.updatedAt),
            },
          };
      }
    }),
  };
}

/** Roughly the bytes a unit holds in memory and sends to SQL: what the group-commit byte cap counts. */
export function unitBytes(unit: WriteUnit): number {
  let bytes = 64;
  for (const change of unit.changes) {
    bytes += 64;
    if (change.kind === 'delete') continue;
    bytes += (change.text?.length ?? 0) * 2 + (change.carried?.length ?? 0);
    if (change.metadata) bytes += JSON.stringify(change.metadata).length;
  }
  return bytes;
}

/** Changes that still need the embedder: a text and no vector. */
export function needsEmbedding(change: MemoryChange): change is AddChange | UpdateChange {
  return (
    change.kind !== 'delete' &&
    change.text !== undefined &&
    change.carried === undefined &&
    change.embedded === undefined
  );
}
