import { Module } from '@nestjs/common';
import { McpHttpEndpoint } from './mcp.http.endpoint';
import { MemoryMcpTools } from './memory.mcp.tools';

/** The MCP server at `/mcp`: the memory tools over the services the REST routes use. */
@Module({
  providers: [MemoryMcpTools, McpHttpEndpoint],
  exports: [McpHttpEndpoint],
})
export class McpModule {}
