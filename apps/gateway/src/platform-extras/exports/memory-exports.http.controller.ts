import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { StructuredDataClient } from '@mnemo/clients';
import { DomainError } from '@mnemo/contracts';
import { parsePlatform } from '../../platform-memories/platform-request';
import { PlatformAuthGuard } from '../../tenancy/platform-auth.guard';
import { CurrentTenant, type Tenant } from '../../tenancy/tenant';
import { ReadRoute } from '../../tenancy/writer-role';
import {
  exportCreateSchema,
  exportGetSchema,
  exportNotFound,
  exportQueued,
  toExportAnswer,
} from './memory-export.schemas';

/** Memory exports shaped by a JSON Schema, built in the background by structured-data. */
@Controller('v1/exports')
@UseGuards(PlatformAuthGuard)
export class MemoryExportsHttpController {
  constructor(private readonly structured: StructuredDataClient) {}

  @Post()
  @HttpCode(201)
  async create(@CurrentTenant() tenant: Tenant, @Body() raw: unknown) {
    const body = parsePlatform(exportCreateSchema, raw);
    const id = await this.structured.createExport({
      projectId: tenant.projectId,
      schema: body.schema,
      filters: body.filters ?? {},
      exportInstructions: body.export_instructions ?? undefined,
    });
    return { message: exportQueued, id };
  }

  @Post('get')
  @ReadRoute()
  @HttpCode(200)
  async get(@CurrentTenant() tenant: Tenant, @Body() raw: unknown) {
    const body = parsePlatform(exportGetSchema, raw);
    const found = await this.structured.getExport({
      projectId: tenant.projectId,
      exportId: body.memory_export_id ?? undefined,
      filters: body.filters ?? undefined,
    });
    if (!found) throw new DomainError('not_found', exportNotFound);
    return toExportAnswer(found);
  }
}
