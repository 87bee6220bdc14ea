import { Body, Controller, Get, Headers, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { StructuredDataClient } from '@mnemo/clients';
import { DomainError } from '@mnemo/contracts';
import { parsePlatform } from '../../platform-memories/platform-request';
import { PlatformAuthGuard } from '../../tenancy/platform-auth.guard';
import { CurrentTenant, type Tenant } from '../../tenancy/tenant';
import {
  toPlatformJob,
  toPlatformProfile,
  toPlatformSettings,
  toQueuedJob,
} from './profile.mapper';
import {
  idempotencyKeyFrom,
  profileJobCreateSchema,
  profileSettingsUpdateSchema,
  rejectUnsupportedSettings,
} from './profile.schemas';

/** User profiles built from memories (the TS client's profile calls). */
@Controller()
@UseGuards(PlatformAuthGuard)
export class ProfilesHttpController {
  constructor(private readonly structured: StructuredDataClient) {}

  @Get('v2/entities/user/:entityId/profile')
  async profile(@CurrentTenant() tenant: Tenant, @Param('entityId') entityId: string) {
    const profile = await this.structured.userProfile({
      projectId: tenant.projectId,
      entityType: 'user',
      entityId,
    });
    return toPlatformProfile(profile);
  }

  /** Queued, answered 202; the same Idempotency-Key answers the first job again (`replayed`). */
  @Post('v2/profiles/jobs')
  @HttpCode(202)
  async createJob(
    @CurrentTenant() tenant: Tenant,
    @Headers('idempotency-key') rawKey: string | undefined,
    @Body() raw: unknown,
  ) {
    const body = parsePlatform(profileJobCreateSchema, raw);
    const idempotencyKey = idempotencyKeyFrom(rawKey);
    const { job, replayed } = await this.structured.createProfileJob({
      projectId: tenant.projectId,
      idempotencyKey,
      job:
        body.operation === 'trigger'
          ? { operation: 'trigger', entityType: 'user', entityId: body.entity_id }
          : { operation: 'sample', entityType: 'user', limit: body.limit ?? undefined },
    });
    return toQueuedJob(job, replayed);
  }

  @Get('v2/profiles/jobs/:jobId')
  async job(@CurrentTenant() tenant: Tenant, @Param('jobId') jobId: string) {
    const job = await this.structured.profileJob(tenant.projectId, jobId);
    if (!job) throw new DomainError('not_found', 'Profile job not found.');
    return { job: toPlatformJob(job) };
  }

  @Get('v2/profiles/settings')
  async settings(@CurrentTenant() tenant: Tenant) {
    return toPlatformSettings(await this.structured.profileSettings(tenant.projectId));
  }

  @Post('v2/profiles/settings')
  @HttpCode(200)
  async updateSettings(@CurrentTenant() tenant: Tenant, @Body() raw: unknown) {
    rejectUnsupportedSettings(raw);
    const body = parsePlatform(profileSettingsUpdateSchema, raw);
    const user = body.entities?.user;
    const settings = await this.structured.updateProfileSettings({
      projectId: tenant.projectId,
      enabled: body.enabled,
      user: user && {
        schema: user.schema,
        customInstructions: user.custom_instructions,
      },
    });
    return toPlatformSettings(settings);
  }
}
