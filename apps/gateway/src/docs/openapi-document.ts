import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { importRoutes } from '../imports/memory-import.openapi';
import { ossRoutes, serviceRoutes } from './openapi-oss.routes';
import { platformExtraRoutes } from './openapi-extras.routes';
import { platformMemoryRoutes } from './openapi-platform.routes';
import { registerRoute, securitySchemes, type RouteDoc } from './openapi-route';
import { channelBRoutes, tenancyRoutes } from './openapi-tenancy.routes';

/** Every documented route by tag, in the order the docs page shows them. */
/** The document's own version, raised when a route or a shape changes. */
const documentVersion = '1.0.0';

export const documentedRoutes: Record<string, RouteDoc[]> = {
  'Open-source memories': ossRoutes,
  'Platform memories': platformMemoryRoutes,
  'Platform extras': platformExtraRoutes,
  'Mnemo import': importRoutes,
  'Channel B': channelBRoutes,
  'Projects and keys': tenancyRoutes,
  Service: serviceRoutes,
};

const description = [
  'Mnemo speaks both Mem0 wire protocols: the open-source server (bare paths, `X-API-Key`) and',
  'the hosted Platform API (`/v1`, `/v2`, `/v3`, `/api/v1`, `Authorization: Token <key>`).',
  'Trailing slashes are accepted on every route. Errors are `{"detail": ...}`. The same memory',
  'tools are served to MCP clients over Streamable HTTP at `/mcp`, with the same keys.',
].join(' ');

/**
 * The OpenAPI 3.1 document, generated from the zod schemas the routes validate with. No
 * `servers`: "try it" on the docs page calls the instance that served it.
 */
export function buildOpenApiDocument() {
  const registry = new OpenAPIRegistry();
  for (const [name, scheme] of Object.entries(securitySchemes)) {
    registry.registerComponent('securitySchemes', name, { ...scheme });
  }
  for (const [tag, routes] of Object.entries(documentedRoutes)) {
    for (const route of routes) registerRoute(registry, tag, route);
  }
  const generator = new OpenApiGeneratorV31(registry.definitions);
  return generator.generateDocument({
    openapi: '3.1.0',
    info: { title: 'Mnemo', version: documentVersion, description },
    tags: Object.keys(documentedRoutes).map((name) => ({ name })),
  });
}
