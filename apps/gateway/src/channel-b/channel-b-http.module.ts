import { Module } from '@nestjs/common';
import { ChannelBClient } from '@mnemo/clients';
import { SessionMessagesHttpController } from './session-messages.http.controller';
import { SqlCredentialsHttpController } from './sql-credentials.http.controller';
import { StructuredProfilesHttpController } from './structured-profiles.http.controller';
import { UserContextHttpController } from './user-context.http.controller';
import { UserContextService } from './user-context.service';

/** Channel B over HTTP: SQL credentials, profiles, session messages and the one-call context. */
@Module({
  controllers: [
    SqlCredentialsHttpController,
    StructuredProfilesHttpController,
    SessionMessagesHttpController,
    UserContextHttpController,
  ],
  providers: [ChannelBClient, UserContextService],
  exports: [ChannelBClient],
})
export class ChannelBHttpModule {}
