import type { z } from 'zod';
import { findInputProblem } from '../http/input-walk';

/** Django-REST-style field errors: `{"name": ["This field is required."]}`, answered 400. */
export class FieldErrorsException extends Error {
  constructor(readonly fields: Record<string, string[]>) {
    super('invalid fields');
    this.name = 'FieldErrorsException';
  }
}

export const fieldRequired = 'This field is required.';
export const nonFieldErrors = 'non_field_errors';

/** Zod issues grouped by their top-level field, messages kept in order and deduplicated. */
export function fieldErrorsFrom(issues: readonly z.core.$ZodIssue[]): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of issues) {
    const head = issue.path[0];
    const field = head === undefined ? nonFieldErrors : String(head);
    const messages = (fields[field] ??= []);
    if (!messages.includes(issue.message)) messages.push(issue.message);
  }
  return fields;
}

/** Parses a body, throwing field errors when it does not fit. */
export function parseFields<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const got = Array.isArray(raw)
      ? 'list'
      : raw === null || raw === undefined
        ? 'null'
        : typeof raw;
    throw new FieldErrorsException({
      [nonFieldErrors]: [`Invalid data. Expected a dictionary, but got ${got}.`],
    });
  }
  const problem = findInputProblem(raw);
  if (problem) {
    throw new FieldErrorsException({
      [String(problem.path[0] ?? nonFieldErrors)]: [problem.message],
    });
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw new FieldErrorsException(fieldErrorsFrom(result.error.issues));
}
