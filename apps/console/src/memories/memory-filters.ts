import type { Json } from '../api/api-types';

export const entityFields = ['user_id', 'agent_id', 'app_id', 'run_id'] as const;

/** The filter form's fields, kept in the console's URL so a filtered list can be linked. */
export const filterFields = [
  ...entityFields,
  'categories',
  'contains',
  'from',
  'to',
  'filter',
] as const;
export type FilterField = (typeof filterFields)[number];
export type FilterForm = Partial<Record<FilterField, string>>;

/** Every memory is scoped by at least one entity: this matches them all (the API wants a scope). */
export const anyEntity: Json = { OR: entityFields.map((field) => ({ [field]: '*' })) };

export class FilterFormError extends Error {}

/**
 * The form as filters of the Platform's v2 grammar (the same the API documents), ANDed: entity
 * ids, categories (any of), a case-insensitive text match, a creation date range, and the raw
 * JSON filter written in the form's last field.
 */
export function filtersOf(form: FilterForm): Json {
  const conditions: Json[] = [];
  for (const field of entityFields) {
    const value = form[field]?.trim();
    if (value) conditions.push({ [field]: value });
  }
  if (!conditions.length) conditions.push(anyEntity);
  const categories = listOf(form.categories);
  if (categories.length) conditions.push({ categories: { in: categories } });
  const contains = form.contains?.trim();
  if (contains) conditions.push({ keywords: { icontains: contains } });
  const created: Json = {};
  if (form.from) created['gte'] = form.from;
  if (form.to) created['lte'] = form.to;
  if (Object.keys(created).length) conditions.push({ created_at: created });
  const written = form.filter?.trim();
  if (written) conditions.push(parseWritten(written));
  return conditions.length === 1 ? conditions[0] : { AND: conditions };
}

function listOf(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function parseWritten(text: string): Json {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new FilterFormError(`The filter is not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new FilterFormError(
      'The filter must be a JSON object, e.g. {"metadata": {"source": "chat"}}',
    );
  return parsed as Json;
}
