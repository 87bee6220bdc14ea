import {
  DomainError,
  entityIdsOf,
  parseFilters,
  type EntityField,
  type Scope,
} from '@mnemo/contracts';
import type { AddInput } from '../memories/memory-add.service';
import type { ExtractionSettings } from '../tenancy/project-settings';
import type { PlatformAdd } from './platform-memories.schemas';

export const missingAddScope =
  'At least one of user_id, agent_id, app_id or run_id is required (at the top level or in filters).';

/**
 * The one place a Platform add body becomes the memory service's input. Request-level
 * instructions and categories win over the project's own.
 */
export function toAddInput(
  projectId: string,
  body: PlatformAdd,
  project: ExtractionSettings,
): AddInput {
  return {
    projectId,
    scope: addScope(body),
    messages: body.messages.map((message) => ({
      role: message.role,
      content: message.content,
      ...(message.name ? { name: message.name } : {}),
    })),
    metadata: body.metadata ?? {},
    expirationDate: body.expiration_date ?? null,
    infer: body.infer ?? true,
    prompt: body.custom_instructions || project.customInstructions,
    customCategories:
      body.custom_categories && body.custom_categories.length > 0
        ? body.custom_categories
        : project.customCategories,
    tracked: true,
  };
}

/** `async_mode: false` waits; so does `infer: false`, which has nothing slow to wait for. */
export function waitsForResult(body: PlatformAdd): boolean {
  return body.async_mode === false || body.infer === false;
}

const scopeKeys: [EntityField, keyof Scope][] = [
  ['user_id', 'userId'],
  ['agent_id', 'agentId'],
  ['app_id', 'appId'],
  ['run_id', 'runId'],
];

/** Who the memories belong to: top-level ids, else the single id each field names in `filters`. */
export function addScope(body: PlatformAdd): Scope {
  const fromFilters = body.filters
    ? entityIdsOf(parseFilters(body.filters, { dialect: 'platform' }))
    : undefined;
  const scope: Scope = {};
  for (const [field, key] of scopeKeys) {
    const topLevel = body[field];
    const named = fromFilters?.[field] ?? [];
    if (!topLevel && named.length > 1) {
      throw new DomainError(
        'validation_failed',
        `An add belongs to one ${field}; filters name ${named.length} (${named.join(', ')}).`,
      );
    }
    const id = topLevel || named[0];
    if (id) scope[key] = id;
  }
  if (Object.keys(scope).length === 0) throw new DomainError('validation_failed', missingAddScope);
  return scope;
}
