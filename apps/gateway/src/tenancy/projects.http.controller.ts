import {
  Body,
  Controller,
  Delete,
  Get,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { parseRequest } from '../http/request-validation';
import { PlatformAuthGuard } from './platform-auth.guard';
import { ProjectsService } from './projects.service';
import {
  projectCreateSchema,
  projectFieldsQuerySchema,
  projectUpdateSchema,
} from './tenancy.schemas';
import { CurrentTenant, type Tenant } from './tenant';

/** The Platform's project routes, for the caller's own organization and project. */
@Controller('api/v1/orgs/organizations/:orgId/projects')
@UseGuards(PlatformAuthGuard)
export class ProjectsHttpController {
  constructor(private readonly projects: ProjectsService) {}

  @Get(':projectId')
  async get(
    @CurrentTenant() tenant: Tenant,
    @Param('orgId') orgId: string,
    @Param('projectId') projectId: string,
    @Query() raw: unknown,
  ) {
    const { fields } = parseRequest(projectFieldsQuerySchema, raw, 'query');
    return this.projects.get(tenant, orgId, projectId, fields);
  }

  @Patch(':projectId')
  async update(
    @CurrentTenant() tenant: Tenant,
    @Param('orgId') orgId: string,
    @Param('projectId') projectId: string,
    @Body() raw: unknown,
  ) {
    const body = parseRequest(projectUpdateSchema, raw, 'body');
    await this.projects.update(tenant, orgId, projectId, body);
    return { message: 'Project updated successfully' };
  }

  @Delete(':projectId')
  async delete(
    @CurrentTenant() tenant: Tenant,
    @Param('orgId') orgId: string,
    @Param('projectId') projectId: string,
  ) {
    await this.projects.delete(tenant, orgId, projectId);
    return { message: 'Project and related data deleted successfully.' };
  }

  @Post()
  async create(
    @CurrentTenant() tenant: Tenant,
    @Param('orgId') orgId: string,
    @Body() raw: unknown,
  ) {
    const body = parseRequest(projectCreateSchema, raw, 'body');
    const projectId = await this.projects.create(tenant, orgId, body);
    return { message: 'Project created successfully.', project_id: projectId };
  }
}
