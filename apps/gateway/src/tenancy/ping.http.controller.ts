import { Controller, Get, UseGuards } from '@nestjs/common';
import { PlatformAuthGuard } from './platform-auth.guard';
import { CurrentTenant, type Tenant } from './tenant';

/** `GET /v1/ping/`: the Mem0 clients learn their org, project and email here. */
@Controller('v1/ping')
@UseGuards(PlatformAuthGuard)
export class PingHttpController {
  @Get()
  ping(@CurrentTenant() tenant: Tenant) {
    return {
      status: 'ok',
      org_id: tenant.orgId,
      project_id: tenant.projectId,
      user_email: tenant.userEmail,
    };
  }
}
