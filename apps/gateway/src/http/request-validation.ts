import type { z } from 'zod';
import { findInputProblem } from './input-walk';

export interface ValidationIssue {
  type: string;
  loc: (string | number)[];
  msg: string;
  input?: unknown;
}

/** Body or query that failed its schema: answered 422 with FastAPI-shaped details. */
export class RequestValidationError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super('request validation failed');
  }
}

export function parseRequest<S extends z.ZodType>(
  schema: S,
  value: unknown,
  location: 'body' | 'query' | 'path',
): z.output<S> {
  const problem = findInputProblem(value);
  if (problem) {
    throw new RequestValidationError([
      { type: 'invalid_input', loc: [location, ...problem.path], msg: problem.message },
    ]);
  }
  const result = schema.safeParse(value ?? (location === 'body' ? undefined : {}));
  if (result.success) return result.data;
  throw new RequestValidationError(
    result.error.issues.map((issue) => ({
      type: issue.code,
      loc: [
        location,
        ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
      ],
      msg: issue.message,
    })),
  );
}
