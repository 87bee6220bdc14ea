import { Injectable } from '@nestjs/common';
import {
  appendSessionMessagesContract,
  deleteStructuredProfileContract,
  dropSqlSpaceContract,
  getStructuredProfileContract,
  issueSqlCredentialsContract,
  listSessionMessagesContract,
  patchStructuredProfileContract,
  readUserContextContract,
  upsertStructuredProfileContract,
  type RequestOf,
  type ResponseOf,
  type SessionMessage,
  type SqlCredentials,
  type StructuredProfile,
} from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';

// Creating a schema, an account and views is DDL: allow more than a plain read.
const provisioningTimeoutMs = 30000;

/** Channel B over NATS: the project's SQL space and its built-in tables. */
@Injectable()
export class ChannelBClient {
  constructor(private readonly bus: NatsBus) {}

  /** Each call sets a new password: the previous one stops working. */
  credentials(projectId: string): Promise<SqlCredentials> {
    return this.bus.request(
      issueSqlCredentialsContract,
      { projectId },
      { timeoutMs: provisioningTimeoutMs },
    );
  }

  async dropSpace(projectId: string): Promise<boolean> {
    const answer = await this.bus.request(
      dropSqlSpaceContract,
      { projectId },
      { timeoutMs: provisioningTimeoutMs },
    );
    return answer.dropped;
  }

  upsertProfile(
    request: RequestOf<typeof upsertStructuredProfileContract>,
  ): Promise<ResponseOf<typeof upsertStructuredProfileContract>> {
    return this.bus.request(upsertStructuredProfileContract, request, {
      timeoutMs: provisioningTimeoutMs,
    });
  }

  async profile(projectId: string, userId: string): Promise<StructuredProfile | null> {
    const answer = await this.bus.request(
      getStructuredProfileContract,
      { projectId, userId },
      { timeoutMs: provisioningTimeoutMs },
    );
    return answer.profile;
  }

  /** Null when the user has no profile. */
  async patchProfile(
    request: RequestOf<typeof patchStructuredProfileContract>,
  ): Promise<StructuredProfile | null> {
    const answer = await this.bus.request(patchStructuredProfileContract, request, {
      timeoutMs: provisioningTimeoutMs,
    });
    return answer.profile;
  }

  async deleteProfile(projectId: string, userId: string): Promise<boolean> {
    const answer = await this.bus.request(
      deleteStructuredProfileContract,
      { projectId, userId },
      { timeoutMs: provisioningTimeoutMs },
    );
    return answer.deleted;
  }

  async appendMessages(
    request: RequestOf<typeof appendSessionMessagesContract>,
  ): Promise<SessionMessage[]> {
    const answer = await this.bus.request(appendSessionMessagesContract, request, {
      timeoutMs: provisioningTimeoutMs,
    });
    return answer.messages;
  }

  async messages(
    request: RequestOf<typeof listSessionMessagesContract>,
  ): Promise<SessionMessage[]> {
    const answer = await this.bus.request(listSessionMessagesContract, request, {
      timeoutMs: provisioningTimeoutMs,
    });
    return answer.messages;
  }

  /** The user's profile and the latest messages of the user's most recent session. */
  userContext(
    request: RequestOf<typeof readUserContextContract>,
  ): Promise<ResponseOf<typeof readUserContextContract>> {
    return this.bus.request(readUserContextContract, request, {
      timeoutMs: provisioningTimeoutMs,
    });
  }
}
