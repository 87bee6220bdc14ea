import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import { parseRequest } from '../http/request-validation';
import { PlatformAuthGuard } from './platform-auth.guard';
import { ProjectMembersService } from './project-members.service';
import { memberAddSchema, memberRemoveQuerySchema, memberUpdateSchema } from './tenancy.schemas';
import { CurrentTenant, type Tenant } from './tenant';

/** Members of the caller's project. */
@Controller('api/v1/orgs/organizations/:orgId/projects/:projectId/members')
@UseGuards(PlatformAuthGuard)
export class ProjectMembersHttpController {
  constructor(private readonly members: ProjectMembersService) {}

  @Get()
  async list(
    @CurrentTenant() tenant: Tenant,
    @Param('orgId') orgId: string,
    @Param('projectId') projectId: string,
  ) {
    return { members: await this.members.list(tenant, { orgId, projectId }) };
  }

  @Post()
  @HttpCode(200)
  async add(
    @CurrentTenant() tenant: Tenant,
    @Param('orgId') orgId: string,
    @Param('projectId') projectId: string,
    @Body() raw: unknown,
  ) {
    const body = parseRequest(memberAddSchema, raw, 'body');
    await this.members.add(tenant, { orgId, projectId }, body.email, body.role);
    return { message: 'User added to the project successfully.' };
  }

  @Put()
  async update(
    @CurrentTenant() tenant: Tenant,
    @Param('orgId') orgId: string,
    @Param('projectId') projectId: string,
    @Body() raw: unknown,
  ) {
    const body = parseRequest(memberUpdateSchema, raw, 'body');
    await this.members.update(tenant, { orgId, projectId }, body.email, body.role);
    return { message: 'User role updated successfully.' };
  }

  @Delete()
  async remove(
    @CurrentTenant() tenant: Tenant,
    @Param('orgId') orgId: string,
    @Param('projectId') projectId: string,
    @Query() raw: unknown,
  ) {
    const { email } = parseRequest(memberRemoveQuerySchema, raw, 'query');
    await this.members.remove(tenant, { orgId, projectId }, email);
    return { message: 'Member removed from the project' };
  }
}
