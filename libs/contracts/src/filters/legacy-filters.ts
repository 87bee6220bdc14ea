import { normaliseDate } from './filter-dates';
import { parseFilters } from './filter.parser';
import { entityFields, type FilterDialect, type FilterNode } from './filter.types';

/**
 * Filtering parameters older clients send beside (or instead of) `filters`: top-level entity ids
 * and `metadata` (v1 list/search, delete-all, the OSS server), `categories`, `keywords`,
 * `start_date` and `end_date` (v1/v3 list).
 */
export interface LegacyFilterParams {
  user_id?: unknown;
  agent_id?: unknown;
  app_id?: unknown;
  run_id?: unknown;
  metadata?: unknown;
  categories?: unknown;
  keywords?: unknown;
  start_date?: unknown;
  end_date?: unknown;
}

const isAbsent = (value: unknown): boolean => value === undefined || value === null || value === '';

/** The wire `filters` object equivalent to the legacy parameters. */
function toWireFilters(params: LegacyFilterParams): Record<string, unknown> {
  const wire: Record<string, unknown> = {};
  for (const field of entityFields) {
    if (!isAbsent(params[field])) wire[field] = params[field];
  }
  if (!isAbsent(params.metadata)) wire.metadata = params.metadata;
  if (!isAbsent(params.categories)) {
    const list = params.categories;
    wire.categories = { in: typeof list === 'string' ? [list] : list };
  }
  // A search box, not an exact token: case-insensitive like the Platform's list endpoint.
  if (!isAbsent(params.keywords)) wire.keywords = { icontains: params.keywords };
  const created: Record<string, unknown> = {};
  if (!isAbsent(params.start_date)) created.gte = normaliseDate(params.start_date, 'start_date');
  if (!isAbsent(params.end_date)) created.lte = normaliseDate(params.end_date, 'end_date');
  if (Object.keys(created).length > 0) wire.created_at = created;
  return wire;
}

/**
 * Converts the legacy flat parameters into a filter tree, or `undefined` when none is set, so a
 * caller can merge them with `filters` through `allOf`. `end_date` as a bare day is inclusive.
 */
export function legacyFilterNode(
  params: LegacyFilterParams,
  options: { dialect: FilterDialect },
): FilterNode | undefined {
  const wire = toWireFilters(params);
  return Object.keys(wire).length === 0 ? undefined : parseFilters(wire, options);
}
