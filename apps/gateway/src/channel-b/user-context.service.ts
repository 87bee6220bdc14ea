import { Injectable } from '@nestjs/common';
import { ChannelBClient } from '@mnemo/clients';
import type { ScoredMemory, SessionMessage, StructuredProfile } from '@mnemo/contracts';
import { MemoryQueryService } from '../memories/memory-query.service';

export interface UserContextRequest {
  projectId: string;
  userId: string;
  query: string;
  topK: number;
  threshold: number;
}

export interface UserContext {
  memories: ScoredMemory[];
  profile: StructuredProfile | null;
  recentMessages: SessionMessage[];
}

/** How many messages of the user's latest session the context carries. */
export const contextMessageCount = 10;

/** What an agent needs before it replies: both channels, read at once. */
@Injectable()
export class UserContextService {
  constructor(
    private readonly queries: MemoryQueryService,
    private readonly channelB: ChannelBClient,
  ) {}

  async read(request: UserContextRequest): Promise<UserContext> {
    const [memories, structured] = await Promise.all([
      this.queries.search({
        projectId: request.projectId,
        query: request.query,
        filters: { user_id: request.userId },
        filterDialect: 'platform',
        topK: request.topK,
        threshold: request.threshold,
        explain: false,
        showExpired: false,
      }),
      this.channelB.userContext({
        projectId: request.projectId,
        userId: request.userId,
        messageLimit: contextMessageCount,
      }),
    ]);
    return { memories, profile: structured.profile, recentMessages: structured.recentMessages };
  }
}
