import { DatabaseModule } from '@mnemo/service-kit';
import { ApiKeyEntity } from './api-key.entity';
import { CreateTenancy1764200000000 } from './migrations/1764200000000-create-tenancy';
import { OrganizationEntity } from './organization.entity';
import { ProjectMemberEntity } from './project-member.entity';
import { ProjectEntity } from './project.entity';

/** The gateway's own tables (tenancy); memories stay with the vector-store. */
export const GatewayDatabaseModule = DatabaseModule.forRoot({
  entities: [OrganizationEntity, ProjectEntity, ApiKeyEntity, ProjectMemberEntity],
  migrations: [CreateTenancy1764200000000],
  migrationsTableName: 'gateway_migrations',
});
