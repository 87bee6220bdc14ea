import { Controller, Delete, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { APP_CONFIG } from '@mnemo/service-kit';
import type { GatewayConfig } from '../config/gateway.config';
import { AdminKeyGuard } from '../http/admin-key.guard';
import { parseRequest } from '../http/request-validation';
import { MemoryEditService } from '../memories/memory-edit.service';
import { MemoryQueryService } from '../memories/memory-query.service';
import { toOssEntity } from './oss.mapper';
import { ossEntityTypeSchema } from './oss.schemas';

/** The open-source server's entity and reset routes. */
@Controller()
@UseGuards(AdminKeyGuard)
export class OssAdminHttpController {
  private readonly projectId: string;

  constructor(
    private readonly queries: MemoryQueryService,
    private readonly edits: MemoryEditService,
    @Inject(APP_CONFIG) config: GatewayConfig,
  ) {
    this.projectId = config.MNEMO_DEFAULT_PROJECT_ID;
  }

  @Get('entities')
  async entities() {
    const entities = await this.queries.entities(this.projectId);
    return entities.filter((entity) => entity.type !== 'app').map(toOssEntity);
  }

  @Delete('entities/:entityType/:entityId')
  async deleteEntity(@Param('entityType') rawType: string, @Param('entityId') entityId: string) {
    const type = parseRequest(ossEntityTypeSchema, rawType, 'path');
    await this.edits.deleteEntity(this.projectId, type, entityId);
    return { message: 'Entity deleted' };
  }

  @Post('reset')
  @HttpCode(200)
  async reset() {
    await this.edits.reset(this.projectId);
    return { message: 'All memories reset' };
  }
}
