import { Module } from '@nestjs/common';
import { APP_CONFIG } from '@mnemo/service-kit';
import { SQL_SPACE_SETTINGS, sqlSpaceSettings, type ChannelBConfig } from './channel-b.config';
import { SessionMessagesNatsHandler } from './session-messages.nats.handler';
import { SessionMessagesRepository } from './session-messages.repository';
import { SessionMessagesService } from './session-messages.service';
import { SqlSpacesNatsHandler } from './sql-spaces.nats.handler';
import { SqlSpacesRepository } from './sql-spaces.repository';
import { SqlSpacesService } from './sql-spaces.service';
import { StructuredProfilesNatsHandler } from './structured-profiles.nats.handler';
import { StructuredProfilesRepository } from './structured-profiles.repository';
import { StructuredProfilesService } from './structured-profiles.service';

/**
 * Channel B: each project's SQL schema and account with read-only views of its memories, and
 * the built-in user profiles and session messages in Mnemo's data schema of the project. Needs
 * the service's DataSource (global), connected with an account that may create users and grant.
 */
@Module({
  providers: [
    {
      provide: SQL_SPACE_SETTINGS,
      inject: [APP_CONFIG],
      useFactory: (config: ChannelBConfig) => sqlSpaceSettings(config),
    },
    SqlSpacesRepository,
    SqlSpacesService,
    SqlSpacesNatsHandler,
    StructuredProfilesRepository,
    StructuredProfilesService,
    StructuredProfilesNatsHandler,
    SessionMessagesRepository,
    SessionMessagesService,
    SessionMessagesNatsHandler,
  ],
})
export class ChannelBModule {}
