import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { parseRequest } from '../http/request-validation';
import { PlatformAuthGuard } from '../tenancy/platform-auth.guard';
import { CurrentTenant, type Tenant } from '../tenancy/tenant';
import { ReadRoute } from '../tenancy/writer-role';
import { toContextMemory, toWireMessage, toWireProfile } from './channel-b.mapper';
import { contextBodySchema } from './channel-b.schemas';
import { UserContextService } from './user-context.service';

/** `POST /v1/context/`: the user's relevant memories, profile and latest conversation. */
@Controller('v1/context')
@UseGuards(PlatformAuthGuard)
export class UserContextHttpController {
  constructor(private readonly context: UserContextService) {}

  @Post()
  @ReadRoute()
  @HttpCode(200)
  async read(@CurrentTenant() tenant: Tenant, @Body() raw: unknown) {
    const body = parseRequest(contextBodySchema, raw, 'body');
    const context = await this.context.read({
      projectId: tenant.projectId,
      userId: body.user_id,
      query: body.query,
      topK: body.top_k,
      threshold: body.threshold,
    });
    return {
      memories: context.memories.map(toContextMemory),
      profile: context.profile ? toWireProfile(context.profile) : null,
      recent_messages: context.recentMessages.map(toWireMessage),
    };
  }
}
