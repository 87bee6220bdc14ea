import { DatabaseModule as ServiceDatabaseModule } from '@mnemo/service-kit';
import { MemoryExportEntity } from '../exports/memory-export.entity';
import { MemoryFeedbackEntity } from '../feedback/memory-feedback.entity';
import { ProfileJobEntity } from '../profiles/profile-job.entity';
import { ProfileSettingsEntity } from '../profiles/profile-settings.entity';
import { UserProfileDocumentEntity } from '../profiles/user-profile-document.entity';
import { CreateStructuredData1764400000000 } from './migrations/1764400000000-create-structured-data';

export const DatabaseModule = ServiceDatabaseModule.forRoot({
  entities: [
    MemoryExportEntity,
    MemoryFeedbackEntity,
    UserProfileDocumentEntity,
    ProfileJobEntity,
    ProfileSettingsEntity,
  ],
  migrations: [CreateStructuredData1764400000000],
  migrationsTableName: 'structured_data_migrations',
});
