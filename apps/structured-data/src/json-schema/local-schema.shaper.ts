import type { JsonObject, MemoryRecord } from '@mnemo/contracts';
import { memoriesForKey, roleOfKey, type KeyRole } from './key-roles';
import { memoryFieldValue, memoryObject, metadataValue } from './memory-fields';
import {
  itemsOf,
  kindOf,
  numberOf,
  propertiesOf,
  requiredOf,
  resolveNode,
  type SchemaKind,
} from './schema-nodes';
import { emptyValueOf } from './schema-empty-values';

/** What a schema is filled from: the memories (newest first) and the ids the filters named. */
export interface ShapeSource {
  memories: MemoryRecord[];
  scope: { userId?: string; agentId?: string; appId?: string; runId?: string };
  now: Date;
}

/** Where the walk is: the property name, the memories in reach, the one memory of an array item. */
interface Slot {
  key?: string;
  memories: MemoryRecord[];
  item?: MemoryRecord;
  depth: number;
}

const maxDepth = 12;

/**
 * Fills a JSON Schema from memories without an LLM, deterministically: each property draws on the
 * memories its name points to (a role such as `memories`, `preferences`, `user_id`, a metadata
 * key, or memories sharing its words); array items take one memory each; required properties
 * with nothing to say get an empty value of their type.
 */
export function shapeLocally(schema: JsonObject, source: ShapeSource): unknown {
  return new LocalSchemaShaper(schema, source).shape();
}

class LocalSchemaShaper {
  constructor(
    private readonly root: JsonObject,
    private readonly source: ShapeSource,
  ) {}

  shape(): unknown {
    const node = resolveNode(this.root, this.root);
    const open = kindOf(node) === 'any' && node.enum === undefined && !('const' in node);
    if (open) return { memories: this.source.memories.map(memoryObject) };
    const slot: Slot = { memories: this.source.memories, depth: 0 };
    return this.fill(this.root, slot) ?? this.empty(this.root);
  }

  private fill(raw: unknown, slot: Slot): unknown {
    if (slot.depth > maxDepth) return undefined;
    const node = resolveNode(raw, this.root);
    if ('const' in node) return node.const;
    if (Array.isArray(node.enum)) return pickEnum(node.enum, slot);
    const kind = kindOf(node);
    switch (kind) {
      case 'object':
        return this.fillObject(node, slot);
      case 'array':
        return this.fillArray(node, slot);
      case 'string':
        return this.fillString(node, slot);
      case 'number':
      case 'integer':
        return fillNumber(kind, slot);
      case 'boolean':
        return fillBoolean(slot);
      case 'null':
        return undefined;
      case 'any':
        return fillAny(slot);
    }
  }

  private fillObject(node: JsonObject, slot: Slot): unknown {
    const properties = propertiesOf(node);
    if (properties.length === 0) return slot.item ? memoryObject(slot.item) : undefined;
    const memories = objectMemories(slot);
    const required = requiredOf(node);
    const result: JsonObject = {};
    let filled = false;
    for (const [name, child] of properties) {
      const value = this.fill(child, {
        key: name,
        memories,
        item: slot.item,
        depth: slot.depth + 1,
      });
      if (value !== undefined) filled = true;
      if (value !== undefined) result[name] = value;
      else if (required.has(name)) result[name] = this.empty(child);
    }
    return filled || slot.depth === 0 ? result : undefined;
  }

  private fillArray(node: JsonObject, slot: Slot): unknown {
    if (slot.item) {
      const value = slot.key === undefined ? undefined : memoryFieldValue(slot.key, slot.item);
      return Array.isArray(value) ? value : undefined;
    }
    const items = itemsOf(node);
    const itemKind = kindOf(resolveNode(items, this.root));
    const listed = this.listForRole(roleOfKey(slot.key), itemKind, slot);
    const values =
      listed ??
      memoriesForKey(slot.key, slot.memories)
        .map((memory) =>
          this.fill(items, { memories: [memory], item: memory, depth: slot.depth + 1 }),
        )
        .filter((value) => value !== undefined);
    const unique = node.uniqueItems === true ? dedupe(values) : values;
    const limited = unique.slice(0, numberOf(node, 'maxItems') ?? unique.length);
    return limited.length > 0 ? limited : undefined;
  }

  // Lists of names rather than of memories: categories and entity ids.
  private listForRole(
    role: KeyRole | undefined,
    itemKind: SchemaKind,
    slot: Slot,
  ): unknown[] | undefined {
    if (itemKind !== 'string' && itemKind !== 'any') return undefined;
    if (role === 'categories')
      return distinct(slot.memories.flatMap((memory) => memory.categories));
    if (role === 'user' || role === 'agent' || role === 'app' || role === 'run') {
      return distinct(slot.memories.map((memory) => entityIdOf(role, memory)));
    }
    return undefined;
  }

  private fillString(node: JsonObject, slot: Slot): unknown {
    const format = typeof node.format === 'string' ? node.format : undefined;
    const text = this.stringFor(format, slot);
    const max = numberOf(node, 'maxLength');
    return typeof text === 'string' && max !== undefined ? text.slice(0, max) : text;
  }

  private stringFor(format: string | undefined, slot: Slot): string | undefined {
    if (slot.item) {
      return asText(
        slot.key === undefined ? slot.item.memory : memoryFieldValue(slot.key, slot.item),
      );
    }
    const role = roleOfKey(slot.key);
    if (format === 'date-time' || format === 'date' || role === 'timestamp') {
      const iso = this.source.now.toISOString();
      return format === 'date' ? iso.slice(0, 10) : iso;
    }
    if (role === 'user' || role === 'agent' || role === 'app' || role === 'run') {
      return this.scopeId(role) ?? mostCommon(slot.memories.map((m) => entityIdOf(role, m)));
    }
    if (role === 'topic') return mostCommon(slot.memories.flatMap((memory) => memory.categories));
    const meta =
      slot.key === undefined ? undefined : asText(metadataValue(slot.key, slot.memories));
    if (meta !== undefined) return meta;
    const chosen = memoriesForKey(slot.key, slot.memories);
    return chosen.length > 0 ? chosen.map((memory) => memory.memory).join('; ') : undefined;
  }

  private scopeId(role: 'user' | 'agent' | 'app' | 'run'): string | undefined {
    const { scope } = this.source;
    return { user: scope.userId, agent: scope.agentId, app: scope.appId, run: scope.runId }[role];
  }

  private empty(raw: unknown): unknown {
    return emptyValueOf(raw, this.root, this.source.now);
  }
}

function objectMemories(slot: Slot): MemoryRecord[] {
  if (slot.item) return [slot.item];
  const matches = memoriesForKey(slot.key, slot.memories);
  return matches.length > 0 ? matches : slot.memories;
}

function fillNumber(kind: 'number' | 'integer', slot: Slot): number | undefined {
  const raw = numberSource(slot);
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return kind === 'integer' ? Math.round(value) : value;
}

function numberSource(slot: Slot): unknown {
  if (slot.item) return slot.key === undefined ? undefined : memoryFieldValue(slot.key, slot.item);
  if (roleOfKey(slot.key) === 'count') return slot.memories.length;
  return slot.key === undefined ? undefined : metadataValue(slot.key, slot.memories);
}

function fillBoolean(slot: Slot): boolean | undefined {
  if (slot.key === undefined) return undefined;
  const value = slot.item
    ? memoryFieldValue(slot.key, slot.item)
    : metadataValue(slot.key, slot.memories);
  return typeof value === 'boolean' ? value : undefined;
}

function fillAny(slot: Slot): unknown {
  if (slot.item)
    return slot.key === undefined ? memoryObject(slot.item) : memoryFieldValue(slot.key, slot.item);
  if (roleOfKey(slot.key) === 'count') return slot.memories.length;
  const chosen = memoriesForKey(slot.key, slot.memories);
  return chosen.length > 0 ? chosen.map((memory) => memory.memory) : undefined;
}

// An enum value named in the memories' words or categories, else nothing.
function pickEnum(values: unknown[], slot: Slot): unknown {
  const haystack = (slot.item ? [slot.item] : slot.memories)
    .flatMap((memory) => [memory.memory, ...memory.categories])
    .join(' \n ')
    .toLowerCase();
  return values.find(
    (value) => typeof value === 'string' && value !== '' && haystack.includes(value.toLowerCase()),
  );
}

function entityIdOf(role: 'user' | 'agent' | 'app' | 'run', memory: MemoryRecord): string | null {
  return { user: memory.userId, agent: memory.agentId, app: memory.appId, run: memory.runId }[role];
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((entry) => typeof entry === 'string'))
    return value.join(', ');
  return undefined;
}

function distinct(values: (string | null | undefined)[]): string[] {
  return [
    ...new Set(
      values.filter((value): value is string => typeof value === 'string' && value !== ''),
    ),
  ];
}

function mostCommon(values: (string | null | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

function dedupe(values: unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = JSON.stringify(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
