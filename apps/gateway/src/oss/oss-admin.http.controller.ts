import { Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { AdminKeyGuard, TenantScoped } from '../http/admin-key.guard';
import { CurrentTenant, type Tenant } from '../tenancy/tenant';
import { parseRequest } from '../http/request-validation';
import { MemoryEditService } from '../memories/memory-edit.service';
import { MemoryQueryService } from '../memories/memory-query.service';
import { toOssEntity } from './oss.mapper';
import { ossEntityTypeSchema } from './oss.schemas';

/** The open-source server's entity and reset routes. */
@Controller()
@UseGuards(AdminKeyGuard)
@TenantScoped()
export class OssAdminHttpController {
  constructor(
    private readonly queries: MemoryQueryService,
    private readonly edits: MemoryEditService,
  ) {}

  @Get('entities')
  async entities(@CurrentTenant() tenant: Tenant) {
    const entities = await this.queries.entities(tenant.projectId);
    return entities.filter((entity) => entity.type !== 'app').map(toOssEntity);
  }

  @Delete('entities/:entityType/:entityId')
  async deleteEntity(
    @CurrentTenant() tenant: Tenant,
    @Param('entityType') rawType: string,
    @Param('entityId') entityId: string,
  ) {
    const type = parseRequest(ossEntityTypeSchema, rawType, 'path');
    await this.edits.deleteEntity(tenant.projectId, type, entityId);
    return { message: 'Entity deleted' };
  }

  @Post('reset')
  @HttpCode(200)
  async reset(@CurrentTenant() tenant: Tenant) {
    await this.edits.reset(tenant.projectId);
    return { message: 'All memories reset' };
  }
}
