import type { JsonObject } from '@mnemo/contracts';

export type SchemaKind =
  'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'any';

const kinds: readonly string[] = ['object', 'array', 'string', 'number', 'integer', 'boolean'];
const maxRefHops = 16;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A schema node with local `$ref`s followed and `allOf` merged; `anyOf`/`oneOf` take their first
 * non-null branch. Enough for filling a schema; the validator still judges the result.
 */
export function resolveNode(node: unknown, root: JsonObject, hops = 0): JsonObject {
  if (!isObject(node) || hops > maxRefHops) return {};
  const { $ref, allOf, anyOf, oneOf, ...rest } = node;
  let resolved: JsonObject = rest;
  if (typeof $ref === 'string')
    resolved = { ...resolveNode(pointer(root, $ref), root, hops + 1), ...rest };
  if (Array.isArray(allOf)) {
    resolved = allOf.reduce<JsonObject>(
      (merged, part) => merge(merged, resolveNode(part, root, hops + 1)),
      resolved,
    );
  }
  const branches: unknown[] | undefined = Array.isArray(anyOf)
    ? anyOf
    : Array.isArray(oneOf)
      ? oneOf
      : undefined;
  if (branches) {
    const chosen = branches.find(
      (branch) => kindOf(resolveNode(branch, root, hops + 1)) !== 'null',
    );
    if (chosen !== undefined) resolved = merge(resolved, resolveNode(chosen, root, hops + 1));
  }
  return resolved;
}

/** The node's kind: its first non-null `type`, else what `properties`/`items` imply. */
export function kindOf(node: JsonObject): SchemaKind {
  const types = Array.isArray(node.type) ? node.type : [node.type];
  const named = types.find(
    (type): type is string => typeof type === 'string' && kinds.includes(type),
  );
  if (named) return named as SchemaKind;
  if (types.includes('null')) return 'null';
  if (isObject(node.properties)) return 'object';
  if (node.items !== undefined || node.prefixItems !== undefined) return 'array';
  return 'any';
}

export function propertiesOf(node: JsonObject): [string, unknown][] {
  return isObject(node.properties) ? Object.entries(node.properties) : [];
}

export function requiredOf(node: JsonObject): Set<string> {
  return new Set(
    Array.isArray(node.required) ? node.required.filter((r) => typeof r === 'string') : [],
  );
}

export function itemsOf(node: JsonObject): unknown {
  if (Array.isArray(node.prefixItems)) return node.prefixItems[0];
  if (Array.isArray(node.items)) return node.items[0];
  return node.items ?? {};
}

export function numberOf(node: JsonObject, key: string): number | undefined {
  const value = node[key];
  return typeof value === 'number' ? value : undefined;
}

function merge(base: JsonObject, extra: JsonObject): JsonObject {
  const properties = {
    ...(isObject(base.properties) ? base.properties : {}),
    ...(isObject(extra.properties) ? extra.properties : {}),
  };
  const required = [...requiredOf(base), ...requiredOf(extra)];
  return {
    ...extra,
    ...base,
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
    ...(required.length > 0 ? { required: [...new Set(required)] } : {}),
  };
}

// `#/definitions/x`, `#/$defs/x`, `#` (JSON Pointer with ~0/~1 escapes); remote refs resolve to {}.
function pointer(root: JsonObject, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  const parts = ref.slice(1).split('/').filter(Boolean);
  return parts.reduce<unknown>((at, raw) => {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    return isObject(at) ? at[part] : Array.isArray(at) ? at[Number(part)] : undefined;
  }, root);
}
