import { Body, Controller, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ChannelBClient } from '@mnemo/clients';
import { parseRequest } from '../http/request-validation';
import { PlatformAuthGuard } from '../tenancy/platform-auth.guard';
import { CurrentTenant, type Tenant } from '../tenancy/tenant';
import { toWireMessage } from './channel-b.mapper';
import {
  appendMessagesSchema,
  listMessagesQuerySchema,
  sessionIdParamSchema,
} from './channel-b.schemas';

/** The project's `session_messages` table: `/v1/structured/sessions/{session_id}/messages/`. */
@Controller('v1/structured/sessions/:sessionId/messages')
@UseGuards(PlatformAuthGuard)
export class SessionMessagesHttpController {
  constructor(private readonly channelB: ChannelBClient) {}

  /** Answered 201 with the stored messages, in the order given. */
  @Post()
  async append(
    @CurrentTenant() tenant: Tenant,
    @Param('sessionId') rawSessionId: string,
    @Body() raw: unknown,
  ) {
    const sessionId = parseRequest(sessionIdParamSchema, rawSessionId, 'path');
    const body = parseRequest(appendMessagesSchema, raw, 'body');
    const messages = await this.channelB.appendMessages({
      projectId: tenant.projectId,
      sessionId,
      userId: body.user_id ?? null,
      messages: body.messages,
    });
    return { messages: messages.map(toWireMessage) };
  }

  /** The latest `limit` messages (older than `before_id` when given), oldest first. */
  @Get()
  async list(
    @CurrentTenant() tenant: Tenant,
    @Param('sessionId') rawSessionId: string,
    @Query() raw: unknown,
  ) {
    const sessionId = parseRequest(sessionIdParamSchema, rawSessionId, 'path');
    const query = parseRequest(listMessagesQuerySchema, raw, 'query');
    const messages = await this.channelB.messages({
      projectId: tenant.projectId,
      sessionId,
      limit: query.limit,
      beforeId: query.before_id,
    });
    return { session_id: sessionId, messages: messages.map(toWireMessage) };
  }
}
