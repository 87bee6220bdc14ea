import { Injectable } from '@nestjs/common';
import type {
  ParsedRequestOf,
  ResponseInputOf,
  SessionMessage,
  appendSessionMessagesContract,
  listSessionMessagesContract,
  readUserContextContract,
} from '@mnemo/contracts';
import { SessionMessagesRepository } from './session-messages.repository';
import { SqlSpacesService } from './sql-spaces.service';
import { StructuredProfilesRepository } from './structured-profiles.repository';

type Append = ParsedRequestOf<typeof appendSessionMessagesContract>;
type List = ParsedRequestOf<typeof listSessionMessagesContract>;
type ContextRead = ParsedRequestOf<typeof readUserContextContract>;

/** The built-in `session_messages` model, and a user's context read from both tables. */
@Injectable()
export class SessionMessagesService {
  constructor(
    private readonly spaces: SqlSpacesService,
    private readonly messages: SessionMessagesRepository,
    private readonly profiles: StructuredProfilesRepository,
  ) {}

  append(request: Append): Promise<SessionMessage[]> {
    return this.spaces.withDataSchema(request.projectId, (schema) =>
      this.messages.append(schema, request.sessionId, request.userId, request.messages, new Date()),
    );
  }

  list(request: List): Promise<SessionMessage[]> {
    return this.spaces.withDataSchema(request.projectId, (schema) =>
      this.messages.latest(schema, request.sessionId, request.limit, request.beforeId),
    );
  }

  /** The profile, and the latest messages of the session the user wrote in last. */
  userContext(request: ContextRead): Promise<ResponseInputOf<typeof readUserContextContract>> {
    return this.spaces.withDataSchema(request.projectId, async (schema) => {
      const [profile, sessionId] = await Promise.all([
        this.profiles.find(schema, request.userId),
        this.messages.latestSessionOf(schema, request.userId),
      ]);
      const recentMessages = sessionId
        ? await this.messages.latest(schema, sessionId, request.messageLimit)
        : [];
      return { profile, sessionId, recentMessages };
    });
  }
}
