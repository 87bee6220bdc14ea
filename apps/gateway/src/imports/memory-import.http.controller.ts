import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { parsePlatform } from '../platform-memories/platform-request';
import { PlatformAuthGuard } from '../tenancy/platform-auth.guard';
import { CurrentTenant, type Tenant } from '../tenancy/tenant';
import { importRequestSchema } from './imported-memory';
import { MemoryImportService } from './memory-import.service';

/**
 * `POST /v1/memories/import/` (a Mnemo extension beside the Platform routes): a batch of memories
 * from a Mem0 export, written as they are. A write: READER keys are refused by the role check.
 */
@Controller('v1/memories/import')
@UseGuards(PlatformAuthGuard)
export class MemoryImportHttpController {
  constructor(private readonly imports: MemoryImportService) {}

  @Post()
  @HttpCode(200)
  async import(@CurrentTenant() tenant: Tenant, @Body() raw: unknown) {
    const body = parsePlatform(importRequestSchema, raw);
    return this.imports.import(tenant.projectId, body.memories);
  }
}
