import type { z } from 'zod';

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
