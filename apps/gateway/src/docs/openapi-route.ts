import type { OpenAPIRegistry, ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  detailErrorSchema,
  fieldErrorsSchema,
  validationErrorSchema,
} from './openapi-responses.schemas';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * How a route authenticates: `oss` reads only `X-API-Key` (the open-source server), `platform`
 * takes `Authorization: Token|Bearer <key>` or `X-API-Key`, `admin` the admin key, `none` none.
 */
export type RouteAuth = 'none' | 'oss' | 'oss-admin' | 'platform' | 'admin';

/** How a malformed request is answered: 422 issues, 400 `{"detail"}` or 400 field errors. */
export type RouteValidation = 'issues' | 'detail' | 'fields';

/** One gateway route as documented; `path` is written as Nest declares it (`/v1/memories/:id`). */
export interface RouteDoc {
  method: HttpMethod;
  path: string;
  summary: string;
  auth: RouteAuth;
  validation?: RouteValidation;
  body?: z.ZodType;
  query?: z.ZodObject;
  /** Schemas of path parameters; a parameter not named here is a plain string. */
  params?: Record<string, z.ZodType>;
  headers?: z.ZodObject;
  response: z.ZodType;
  status?: number;
  /** Answers other than the success and the usual errors (a probe's 503 body, say). */
  otherResponses?: Record<number, z.ZodType>;
  /** A POST that only reads (`@ReadRoute()`): READER keys may call it. */
  read?: boolean;
  description?: string;
}

export const securitySchemes = {
  Token: {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description: '`Token <key>`, as the Mem0 clients send it: enter `Token ` and the key.',
  },
  Bearer: { type: 'http', scheme: 'bearer', description: 'The key as a bearer token.' },
  ApiKey: {
    type: 'apiKey',
    in: 'header',
    name: 'X-API-Key',
    description: 'The open-source routes read only this header.',
  },
} as const;

const securityOf: Record<RouteAuth, Record<string, string[]>[]> = {
  none: [],
  oss: [{ ApiKey: [] }],
  'oss-admin': [{ ApiKey: [] }],
  platform: [{ Token: [] }, { Bearer: [] }, { ApiKey: [] }],
  admin: [{ Token: [] }, { Bearer: [] }, { ApiKey: [] }],
};

const authNotes: Record<RouteAuth, string> = {
  none: 'No authentication.',
  oss: 'The admin key, or a project key for its own project; without `MNEMO_ADMIN_API_KEY` no key is needed.',
  'oss-admin': 'The admin key; without `MNEMO_ADMIN_API_KEY` no key is needed.',
  platform: 'A project key (or the admin key, for the default project).',
  admin: 'The admin key (`MNEMO_ADMIN_API_KEY`) only.',
};

const json = (schema: z.ZodType, description: string): ResponseConfig => ({
  description,
  content: { 'application/json': { schema } },
});

function errorResponses(route: RouteDoc): Record<number, ResponseConfig> {
  const failure = (why: string) => json(detailErrorSchema, why);
  const invalid: Record<RouteValidation, [number, ResponseConfig]> = {
    issues: [422, json(validationErrorSchema, 'The request does not fit its schema')],
    detail: [400, failure('The request does not fit its schema')],
    fields: [400, json(fieldErrorsSchema, 'The request does not fit its schema')],
  };
  const [invalidStatus, invalidResponse] = invalid[route.validation ?? 'detail'];
  const errors: Record<number, ResponseConfig> = {
    400: failure('A request the route refuses'),
    [invalidStatus]: invalidResponse,
    404: failure('Unknown id, or one of another project'),
    413: failure('Body or result larger than the limits'),
    429: failure('Rate limit or a full queue; see Retry-After'),
    502: failure('The LLM or embedding provider failed (with `code`)'),
    503: failure('A service is down or timed out; see Retry-After'),
  };
  if (route.auth !== 'none') {
    errors[401] = failure('Missing or invalid API key');
    errors[403] = failure('A READER key on a write, or a non-admin key on an admin route');
  }
  return errors;
}

/** Nest's `:name` placeholders as OpenAPI's `{name}`. */
export function openApiPath(nestPath: string): string {
  return nestPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function pathParams(route: RouteDoc): z.ZodObject | undefined {
  const names = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]);
  if (names.length === 0) return undefined;
  return z.object(
    Object.fromEntries(names.map((name) => [name, route.params?.[name] ?? z.string()])),
  );
}

/** Registers one route with its auth, request, answer and every error it may give. */
export function registerRoute(registry: OpenAPIRegistry, tag: string, route: RouteDoc): void {
  const readNote = route.read ? ' A read: READER keys may call it.' : '';
  registry.registerPath({
    method: route.method,
    path: openApiPath(route.path),
    tags: [tag],
    summary: route.summary,
    description: [route.description, authNotes[route.auth] + readNote].filter(Boolean).join('\n\n'),
    security: securityOf[route.auth],
    request: {
      params: pathParams(route),
      query: route.query,
      headers: route.headers,
      body: route.body
        ? { required: true, content: { 'application/json': { schema: route.body } } }
        : undefined,
    },
    responses: {
      [route.status ?? 200]: json(route.response, 'Success'),
      ...errorResponses(route),
      ...Object.fromEntries(
        Object.entries(route.otherResponses ?? {}).map(([status, schema]) => [
          status,
          json(schema, 'Not ready: what is down'),
        ]),
      ),
    },
  });
}
