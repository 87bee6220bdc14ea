import { DatabaseModule } from '@mnemo/service-kit';
import { AddEventEntity } from '../events/add-event.entity';
import { ApiKeyEntity } from './api-key.entity';
import { CreateTenancy1764200000000 } from './migrations/1764200000000-create-tenancy';
import { CreateAddEvents1796500000000 } from './migrations/1796500000000-create-add-events';
import { OrganizationEntity } from './organization.entity';
import { ProjectMemberEntity } from './project-member.entity';
import { ProjectEntity } from './project.entity';

/** The gateway's own tables (tenancy, add events); memories stay with the vector-store. */
export const gatewayDatabase = {
  entities: [OrganizationEntity, ProjectEntity, ApiKeyEntity, ProjectMemberEntity, AddEventEntity],
  migrations: [CreateTenancy1764200000000, CreateAddEvents1796500000000],
  migrationsTableName: 'gateway_migrations',
};

export const GatewayDatabaseModule = DatabaseModule.forRoot(gatewayDatabase);
