import { DatabaseModule } from '@mnemo/service-kit';
import { AppliedWriteEntity } from '../memories/applied-write.entity';
import { MemoryHistoryEntity } from '../memories/memory-history.entity';
import { MemoryEntity } from '../memories/memory.entity';
import { CreateMemories1764100000000 } from './migrations/1764100000000-create-memories';

export const VectorStoreDatabaseModule = DatabaseModule.forRoot({
  entities: [MemoryEntity, MemoryHistoryEntity, AppliedWriteEntity],
  migrations: [CreateMemories1764100000000],
  migrationsTableName: 'vector_store_migrations',
});
