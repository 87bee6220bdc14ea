import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildOpenApiDocument } from './openapi-document';

/** Swagger UI's files, served from the npm package: the docs page loads nothing from elsewhere. */
const uiAssets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Mnemo API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
  <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;

// "Authorize" keeps the key across reloads; "try it" calls the instance that served the page;
// no validator badge, which would send the document's URL to an outside validator.
const init = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  validatorUrl: null,
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
});
`;

/**
 * `/openapi.json`, the interactive docs at `/docs` and `/` sending callers there. Plain Fastify
 * routes, not controllers: they are about the API, not part of it, so the route checks that
 * enumerate the controllers do not see them.
 */
export function mountDocs(fastify: FastifyInstance): void {
  // Built before the gateway listens: a second of CPU that must not stall requests in flight.
  const document = JSON.stringify(buildOpenApiDocument());
  const assetDir = dirname(require.resolve('swagger-ui-dist/package.json'));
  const assets = new Map(
    Object.entries(uiAssets).map(([name, type]) => [
      name,
      { type, body: readFileSync(join(assetDir, name)) },
    ]),
  );
  assets.set('init.js', { type: 'text/javascript; charset=utf-8', body: Buffer.from(init) });

  fastify.get('/', (_request, reply) => reply.redirect('/docs', 302));
  fastify.get('/openapi.json', (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(document),
  );
  fastify.get('/docs', (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
  fastify.get<{ Params: { asset: string } }>('/docs/:asset', (request, reply) => {
    const asset = assets.get(request.params.asset);
    if (!asset) return reply.status(404).send({ detail: 'Not Found' });
    return reply.type(asset.type).header('cache-control', 'public, max-age=3600').send(asset.body);
  });
}
