import { Body, Controller, Delete, Get, Param, Post, UseGuards } from '@nestjs/common';
import { parseRequest } from '../http/request-validation';
import { AdminKeysService } from './admin-keys.service';
import { AdminGuard, PlatformAuthGuard } from './platform-auth.guard';
import { adminKeyCreateSchema, adminProjectCreateSchema } from './tenancy.schemas';

/** Admin key only: projects with their first API key, and keys per project. */
@Controller('api/v1/admin')
@UseGuards(PlatformAuthGuard, AdminGuard)
export class AdminHttpController {
  constructor(private readonly admin: AdminKeysService) {}

  @Post('projects')
  async createProject(@Body() raw: unknown) {
    const body = parseRequest(adminProjectCreateSchema, raw, 'body');
    const created = await this.admin.createProject({
      orgName: body.org_name,
      name: body.name,
      description: body.description,
    });
    return { org_id: created.orgId, project_id: created.projectId, api_key: created.apiKey };
  }

  @Get('projects/:projectId/keys')
  async listKeys(@Param('projectId') projectId: string) {
    return { keys: await this.admin.listKeys(projectId) };
  }

  @Post('projects/:projectId/keys')
  async createKey(@Param('projectId') projectId: string, @Body() raw: unknown) {
    const body = parseRequest(adminKeyCreateSchema, raw, 'body');
    const created = await this.admin.createKey(projectId, body);
    return { id: created.id, api_key: created.apiKey, prefix: created.prefix };
  }

  @Delete('keys/:keyId')
  async revokeKey(@Param('keyId') keyId: string) {
    await this.admin.revokeKey(keyId);
    return { message: 'API key revoked.' };
  }
}
