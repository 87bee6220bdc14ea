import { Inject, Injectable } from '@nestjs/common';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import {
  boundedJsonObject,
  boundedText,
  DomainError,
  entityIdSchema,
  inputLimits,
  type Scope,
} from '@mnemo/contracts';
import { APP_CONFIG } from '@mnemo/service-kit';
import type { GatewayConfig } from '../config/gateway.config';
import { MemoryAddService } from '../memories/memory-add.service';
import { MemoryEditService } from '../memories/memory-edit.service';
import { MemoryQueryService } from '../memories/memory-query.service';
import { toOssAddResult, toOssMemoryItem, toOssSearchItem } from '../oss/oss.mapper';
import type { Tenant } from '../tenancy/tenant';
import { isWriter, permissionDenied } from '../tenancy/writer-role';

const scopeArgs = {
  user_id: entityIdSchema
    .optional()
    .describe('Whose memories; the configured default user when no id is given'),
  agent_id: entityIdSchema.optional().describe('An agent whose memories these are'),
  run_id: entityIdSchema.optional().describe('A run (session) whose memories these are'),
};
type ScopeArgs = { user_id?: string; agent_id?: string; run_id?: string };
const memoryId = z.string().min(1).max(64).describe('The memory id');

const readOnly = { readOnlyHint: true };
const destructive = { destructiveHint: true };

const answer = (value: unknown): CallToolResult => ({
  content: [{ type: 'text', text: JSON.stringify(value) }],
});

/**
 * The memory tools an MCP client sees, bound to the caller's project. They call the services the
 * REST controllers call; a thrown domain error becomes a tool error carrying the API's message.
 */
@Injectable()
export class MemoryMcpTools {
  private readonly defaultUserId: string;

  constructor(
    private readonly adds: MemoryAddService,
    private readonly queries: MemoryQueryService,
    private readonly edits: MemoryEditService,
    @Inject(APP_CONFIG) config: GatewayConfig,
  ) {
    this.defaultUserId = config.MNEMO_MCP_DEFAULT_USER_ID;
  }

  registerOn(server: McpServer, tenant: Tenant): void {
    this.addMemories(server, tenant);
    this.searchMemory(server, tenant.projectId);
    this.listMemories(server, tenant.projectId);
    this.getMemory(server, tenant.projectId);
    this.updateMemory(server, tenant);
    this.deleteMemory(server, tenant);
    this.deleteAllMemories(server, tenant);
  }

  private addMemories(server: McpServer, tenant: Tenant): void {
    const inputSchema = {
      text: boundedText().min(1).describe('What to remember: a message from the user, or a fact'),
      ...scopeArgs,
      metadata: boundedJsonObject().optional(),
      infer: z.boolean().default(true).describe('Extract facts (true) or store the text as it is'),
    };
    const description = 'Remember facts and preferences from a text';
    server.registerTool('add_memories', { description, inputSchema }, async (args) => {
      requireWriter(tenant);
      const completion = await this.adds.addAndWait({
        projectId: tenant.projectId,
        scope: this.scope(args),
        messages: [{ role: 'user', content: args.text }],
        metadata: args.metadata ?? {},
        infer: args.infer,
      });
      return answer({ results: completion.results.map((r) => toOssAddResult(r, !args.infer)) });
    });
  }

  private searchMemory(server: McpServer, projectId: string): void {
    const inputSchema = {
      query: boundedText(inputLimits.queryChars)
        .min(1)
        .describe('What to look for, in plain words'),
      ...scopeArgs,
      top_k: z.number().int().min(1).max(100).default(10),
      threshold: z.number().min(0).max(1).default(0.1),
    };
    const description = 'Find the memories most related to a query';
    server.registerTool(
      'search_memory',
      { description, inputSchema, annotations: readOnly },
      async (args) => {
        const found = await this.queries.search({
          projectId,
          query: args.query,
          filters: this.filters(args),
          filterDialect: 'oss',
          topK: args.top_k,
          threshold: args.threshold,
          explain: false,
          showExpired: false,
        });
        return answer({ results: found.map(toOssSearchItem) });
      },
    );
  }

  private listMemories(server: McpServer, projectId: string): void {
    const inputSchema = { ...scopeArgs, limit: z.number().int().min(1).max(1000).default(100) };
    const description = 'List the memories of a user, agent or run';
    server.registerTool(
      'list_memories',
      { description, inputSchema, annotations: readOnly },
      async (args) => {
        const page = await this.queries.list({
          projectId,
          filters: this.filters(args),
          filterDialect: 'oss',
          showExpired: false,
          limit: args.limit,
          offset: 0,
        });
        return answer({ results: page.results.map((memory) => toOssMemoryItem(memory)) });
      },
    );
  }

  private getMemory(server: McpServer, projectId: string): void {
    const config = {
      description: 'Get one memory by id',
      inputSchema: { memory_id: memoryId },
      annotations: readOnly,
    };
    server.registerTool('get_memory', config, async (args) =>
      answer(toOssMemoryItem(await this.queries.require(projectId, args.memory_id))),
    );
  }

  private updateMemory(server: McpServer, tenant: Tenant): void {
    const inputSchema = {
      memory_id: memoryId,
      text: boundedText().min(1).optional(),
      metadata: boundedJsonObject().optional(),
    };
    const description = "Change a memory's text or metadata";
    server.registerTool('update_memory', { description, inputSchema }, async (args) => {
      requireWriter(tenant);
      const changes = { text: args.text, metadata: args.metadata };
      return answer(
        toOssMemoryItem(await this.edits.update(tenant.projectId, args.memory_id, changes)),
      );
    });
  }

  private deleteMemory(server: McpServer, tenant: Tenant): void {
    const config = {
      description: 'Delete one memory by id',
      inputSchema: { memory_id: memoryId },
      annotations: destructive,
    };
    server.registerTool('delete_memory', config, async (args) => {
      requireWriter(tenant);
      await this.edits.delete(tenant.projectId, args.memory_id);
      return answer({ message: 'Memory deleted successfully' });
    });
  }

  private deleteAllMemories(server: McpServer, tenant: Tenant): void {
    const config = {
      description: 'Delete every memory of a user, agent or run',
      inputSchema: scopeArgs,
      annotations: destructive,
    };
    server.registerTool('delete_all_memories', config, async (args) => {
      requireWriter(tenant);
      const deleted = await this.edits.deleteMatching(tenant.projectId, this.filters(args), 'oss');
      return answer({ message: 'All relevant memories deleted', deleted });
    });
  }

  /** The ids a call names, or the configured default user when it names none. */
  private scope(args: ScopeArgs): Scope {
    if (!args.user_id && !args.agent_id && !args.run_id) return { userId: this.defaultUserId };
    return { userId: args.user_id, agentId: args.agent_id, runId: args.run_id };
  }

  private filters(args: ScopeArgs): Record<string, string> {
    const scope = this.scope(args);
    const entries: [string, string | undefined][] = [
      ['user_id', scope.userId],
      ['agent_id', scope.agentId],
      ['run_id', scope.runId],
    ];
    return Object.fromEntries(entries.filter((entry): entry is [string, string] => !!entry[1]));
  }
}

function requireWriter(tenant: Tenant): void {
  if (!isWriter(tenant)) throw new DomainError('forbidden', permissionDenied);
}
