import { DatabaseModule } from '@mnemo/service-kit';
import { AppliedWriteEntity } from '../memories/applied-write.entity';
import { MemoryHistoryEntity } from '../memories/memory-history.entity';
import { MemoryEntity } from '../memories/memory.entity';
import { MemoryOutboxEntity } from '../outbox/memory-outbox.entity';
import { CreateMemories1764100000000 } from './migrations/1764100000000-create-memories';
import { CreateMemoryOutbox1764500000000 } from './migrations/1764500000000-create-memory-outbox';
import { CreateMemoryVersions1765000000000 } from './migrations/1765000000000-create-memory-versions';

/** The vector-store's tables and migrations, as the service and its integration specs open them. */
export const vectorStoreDatabase = {
  entities: [MemoryEntity, MemoryHistoryEntity, AppliedWriteEntity, MemoryOutboxEntity],
  migrations: [
    CreateMemories1764100000000,
    CreateMemoryOutbox1764500000000,
    CreateMemoryVersions1765000000000,
  ],
  migrationsTableName: 'vector_store_migrations',
};

export const VectorStoreDatabaseModule = DatabaseModule.forRoot(vectorStoreDatabase);
