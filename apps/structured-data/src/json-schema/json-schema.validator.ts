import Ajv, { type AnySchemaObject, type ErrorObject } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { DomainError, type JsonObject } from '@mnemo/contracts';

export type SchemaCheck = { valid: true } | { valid: false; errors: string };

/** A caller's JSON Schema, compiled once, checking values against it. */
export interface CompiledSchema {
  readonly schema: JsonObject;
  check(value: unknown): SchemaCheck;
}

/**
 * Compiles JSON Schemas (draft-07, 2019-09, 2020-12) with Ajv. Each schema gets its own Ajv
 * instance, so one caller's `$id`s never collide with another's. Unknown keywords are allowed.
 */
export function compileJsonSchema(schema: JsonObject): CompiledSchema {
  const ajv = ajvFor(schema.$schema);
  const source = knownDraft(schema.$schema) ? schema : withoutDraft(schema);
  try {
    const validate = ajv.compile(source as AnySchemaObject);
    return {
      schema,
      check: (value) =>
        validate(value) ? { valid: true } : { valid: false, errors: describe(validate.errors) },
    };
  } catch (err) {
    throw new DomainError(
      'validation_failed',
      `schema is not a valid JSON Schema: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

function ajvFor(draft: unknown): Ajv {
  const options = { strict: false, allErrors: true };
  const ajv =
    typeof draft === 'string' && draft.includes('2020-12')
      ? new Ajv2020(options)
      : typeof draft === 'string' && draft.includes('2019-09')
        ? new Ajv2019(options)
        : new Ajv(options);
  addFormats(ajv);
  return ajv;
}

function knownDraft(draft: unknown): boolean {
  return (
    draft === undefined || (typeof draft === 'string' && /draft-07|2019-09|2020-12/.test(draft))
  );
}

// Older or unknown drafts are read as draft-07, the closest Ajv supports.
function withoutDraft(schema: JsonObject): JsonObject {
  const copy = { ...schema };
  delete copy.$schema;
  return copy;
}

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 10)
    .map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`)
    .join('; ');
}
