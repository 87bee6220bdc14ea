import { Inject, Injectable } from '@nestjs/common';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, isDomainError } from '@mnemo/contracts';
import type { Logger } from '@mnemo/observability';
import { LOGGER } from '@mnemo/service-kit';
import { httpStatusFor } from '../http/error-mapping';
import { ApiKeyResolver } from '../tenancy/api-key.resolver';
import { invalidApiKeyMessage } from '../tenancy/platform-auth.guard';
import { presentedKey } from '../tenancy/presented-key';
import type { Tenant } from '../tenancy/tenant';
import { MemoryMcpTools } from './memory.mcp.tools';

export const mcpPath = '/mcp';

/**
 * The MCP server over Streamable HTTP, stateless: every POST authenticates its API key (the same
 * header forms as the REST routes) and gets a server whose tools act on that key's project only.
 */
@Injectable()
export class McpHttpEndpoint {
  constructor(
    private readonly resolver: ApiKeyResolver,
    private readonly tools: MemoryMcpTools,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Plain Fastify routes: MCP is its own protocol, outside the REST controllers and their checks. */
  mount(fastify: FastifyInstance): void {
    fastify.post(mcpPath, (request, reply) => this.handle(request, reply));
    // No server-initiated streams and no sessions in stateless mode: only POST means anything.
    const postOnly = (_request: FastifyRequest, reply: FastifyReply) =>
      reply.status(405).header('allow', 'POST').send({ detail: 'Method Not Allowed' });
    fastify.get(mcpPath, postOnly);
    fastify.delete(mcpPath, postOnly);
  }

  private async handle(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    let tenant: Tenant;
    try {
      tenant = await this.authenticate(request);
    } catch (error) {
      const failure = isDomainError(error) ? error : new DomainError('internal', 'Internal error');
      await reply.status(httpStatusFor(failure.code)).send({ detail: failure.message });
      return;
    }
    const server = new McpServer({ name: 'mnemo', version: '1.0.0' });
    this.tools.registerOn(server, tenant);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    reply.hijack();
    reply.raw.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(request.raw, reply.raw, request.body);
    } catch (err) {
      this.logger.error({ err, requestId: request.id }, 'MCP request failed');
      if (!reply.raw.headersSent) reply.raw.writeHead(500).end();
    }
  }

  private async authenticate(request: FastifyRequest): Promise<Tenant> {
    const resolution = await this.resolver.resolve(presentedKey(request.headers));
    if (resolution === 'missing' || resolution === 'invalid') {
      throw new DomainError('unauthorized', invalidApiKeyMessage);
    }
    return resolution;
  }
}
