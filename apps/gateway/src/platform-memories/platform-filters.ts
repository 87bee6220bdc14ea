import {
  DomainError,
  entityFields,
  hasEntityScope,
  normaliseDate,
  parseFilters,
  type JsonObject,
} from '@mnemo/contracts';
import type { EntityIdFields } from './platform-memories.schemas';

/** The flat filtering parameters some routes take beside (or instead of) `filters`. */
export interface FlatFilterParams extends EntityIdFields {
  metadata?: JsonObject | null;
  categories?: string[] | null;
  keywords?: string | null;
  start_date?: string | number | null;
  end_date?: string | number | null;
}

export const missingEntityScope =
  'filters must name at least one of user_id, agent_id, app_id or run_id, e.g. {"user_id": "alice"}';

/** The wire filters equivalent to flat parameters; the vector-store parses the wire form. */
export function flatFilters(params: FlatFilterParams): JsonObject {
  const wire: JsonObject = {};
  for (const field of entityFields) {
    const value = params[field];
    if (value) wire[field] = value;
  }
  if (params.metadata && Object.keys(params.metadata).length > 0)
    wire['metadata'] = params.metadata;
  if (params.categories && params.categories.length > 0) {
    wire['categories'] = { in: params.categories };
  }
  // A search box, not an exact token: case-insensitive like the Platform's list endpoint.
  if (params.keywords) wire['keywords'] = { icontains: params.keywords };
  const created: JsonObject = {};
  // Checked here so a bad date is reported under the parameter's own name.
  if (present(params.start_date)) created['gte'] = normaliseDate(params.start_date, 'start_date');
  if (present(params.end_date)) created['lte'] = normaliseDate(params.end_date, 'end_date');
  if (Object.keys(created).length > 0) wire['created_at'] = created;
  return wire;
}

/** ANDs wire filter objects, leaving out empty ones. */
export function allFilters(...parts: JsonObject[]): JsonObject {
  const nonEmpty = parts.filter((part) => Object.keys(part).length > 0);
  if (nonEmpty.length === 0) return {};
  return nonEmpty.length === 1 ? nonEmpty[0] : { AND: nonEmpty };
}

/**
 * Validates wire filters in the Platform grammar (400 naming the culprit) and requires that every
 * row they match is pinned to an entity, as the Platform's list and search do.
 */
export function requireScoped(filters: JsonObject, message = missingEntityScope): JsonObject {
  if (!hasEntityScope(parseFilters(filters, { dialect: 'platform' }), { dialect: 'platform' })) {
    throw new DomainError('validation_failed', message);
  }
  return filters;
}

/** v3 list and search take entity ids only inside `filters`, as the Platform does. */
export function rejectTopLevelIds(body: EntityIdFields): void {
  const given = entityFields.filter((field) => body[field] !== undefined && body[field] !== null);
  if (given.length > 0) {
    throw new DomainError(
      'validation_failed',
      `Top-level entity parameters (${given.join(', ')}) are not supported here; put them in filters, e.g. {"filters": {"${given[0]}": "..."}}`,
    );
  }
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}
