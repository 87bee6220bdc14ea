import { Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ChannelBClient } from '@mnemo/clients';
import type { SqlCredentials } from '@mnemo/contracts';
import { PlatformAuthGuard } from '../tenancy/platform-auth.guard';
import { CurrentTenant, type Tenant } from '../tenancy/tenant';

/** `POST /v1/structured/credentials/`: the project's MySQL account, with a new password. */
@Controller('v1/structured/credentials')
@UseGuards(PlatformAuthGuard)
export class SqlCredentialsHttpController {
  constructor(private readonly channelB: ChannelBClient) {}

  @Post()
  @HttpCode(200)
  issue(@CurrentTenant() tenant: Tenant): Promise<SqlCredentials> {
    return this.channelB.credentials(tenant.projectId);
  }
}
