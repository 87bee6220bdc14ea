import { Body, Controller, Delete, Get, Param, Patch, Put, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ChannelBClient } from '@mnemo/clients';
import { DomainError, type StructuredProfile } from '@mnemo/contracts';
import { parseRequest } from '../http/request-validation';
import { PlatformAuthGuard } from '../tenancy/platform-auth.guard';
import { CurrentTenant, type Tenant } from '../tenancy/tenant';
import { toProfileFields, toWireProfile } from './channel-b.mapper';
import { profileBodySchema, userIdParamSchema } from './channel-b.schemas';

export const profileNotFound = 'Profile not found.';

/** The project's `user_profiles` table: `/v1/structured/profiles/{user_id}/`. */
@Controller('v1/structured/profiles')
@UseGuards(PlatformAuthGuard)
export class StructuredProfilesHttpController {
  constructor(private readonly channelB: ChannelBClient) {}

  /** 201 when the row is new, 200 when it replaced one. */
  @Put(':userId')
  async upsert(
    @CurrentTenant() tenant: Tenant,
    @Param('userId') rawUserId: string,
    @Body() raw: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const userId = parseRequest(userIdParamSchema, rawUserId, 'path');
    const body = parseRequest(profileBodySchema, raw ?? {}, 'body');
    const { profile, created } = await this.channelB.upsertProfile({
      projectId: tenant.projectId,
      userId,
      profile: toProfileFields(body),
    });
    void reply.status(created ? 201 : 200);
    return toWireProfile(profile);
  }

  @Get(':userId')
  async get(@CurrentTenant() tenant: Tenant, @Param('userId') rawUserId: string) {
    const userId = parseRequest(userIdParamSchema, rawUserId, 'path');
    return toWireProfile(found(await this.channelB.profile(tenant.projectId, userId)));
  }

  @Patch(':userId')
  async patch(
    @CurrentTenant() tenant: Tenant,
    @Param('userId') rawUserId: string,
    @Body() raw: unknown,
  ) {
    const userId = parseRequest(userIdParamSchema, rawUserId, 'path');
    const body = parseRequest(profileBodySchema, raw ?? {}, 'body');
    const profile = await this.channelB.patchProfile({
      projectId: tenant.projectId,
      userId,
      patch: toProfileFields(body),
    });
    return toWireProfile(found(profile));
  }

  @Delete(':userId')
  async delete(@CurrentTenant() tenant: Tenant, @Param('userId') rawUserId: string) {
    const userId = parseRequest(userIdParamSchema, rawUserId, 'path');
    if (!(await this.channelB.deleteProfile(tenant.projectId, userId)))
      throw new DomainError('not_found', profileNotFound);
    return { message: 'Profile deleted.' };
  }
}

function found(profile: StructuredProfile | null): StructuredProfile {
  if (!profile) throw new DomainError('not_found', profileNotFound);
  return profile;
}
