import type { JsonObject } from '@mnemo/contracts';
import { kindOf, numberOf, propertiesOf, requiredOf, resolveNode } from './schema-nodes';

const maxDepth = 12;

/** The value a required property gets when the memories say nothing about it. */
export function emptyValueOf(raw: unknown, root: JsonObject, now: Date, depth = 0): unknown {
  const node = resolveNode(raw, root);
  if ('default' in node) return node.default;
  if ('const' in node) return node.const;
  if (Array.isArray(node.enum)) return node.enum[0];
  switch (kindOf(node)) {
    case 'object':
      return depth > maxDepth ? {} : emptyObject(node, root, now, depth);
    case 'array':
      return [];
    case 'string':
      return emptyString(node, now);
    case 'number':
      return numberOf(node, 'minimum') ?? 0;
    case 'integer':
      return Math.ceil(numberOf(node, 'minimum') ?? 0);
    case 'boolean':
      return false;
    case 'null':
    case 'any':
      return null;
  }
}

function emptyObject(node: JsonObject, root: JsonObject, now: Date, depth: number): JsonObject {
  const required = requiredOf(node);
  return Object.fromEntries(
    propertiesOf(node)
      .filter(([name]) => required.has(name))
      .map(([name, child]) => [name, emptyValueOf(child, root, now, depth + 1)]),
  );
}

function emptyString(node: JsonObject, now: Date): string {
  if (node.format === 'date-time') return now.toISOString();
  if (node.format === 'date') return now.toISOString().slice(0, 10);
  return '';
}
