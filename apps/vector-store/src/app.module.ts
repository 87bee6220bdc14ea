import { Module } from '@nestjs/common';
import { EmbedderClient } from '@mnemo/clients';
import { VectorStoreDatabaseModule } from './database/database.module';
import { MemoriesRepository } from './memories/memories.repository';
import { MemoryVersionsRepository } from './memories/memory-versions.repository';
import { MemoryWritesRepository } from './memories/memory-writes.repository';
import { OutboxModule } from './outbox/outbox.module';
import { MemoryReadsNatsHandler } from './search/memory-reads.nats.handler';
import { MemorySearchService } from './search/memory-search.service';
import { IndexFreshness } from './search-index/index-freshness';
import { SearchIndex } from './search-index/search-index';
import { SearchIndexMetrics } from './search-index/search-index.metrics';
import { MemoryWritesJetstreamConsumer } from './writes/memory-writes.jetstream.consumer';
import { MemoryEditsService } from './writes/memory-edits.service';
import { MemoryWritesNatsHandler } from './writes/memory-writes.nats.handler';
import { MemoryWritesService } from './writes/memory-writes.service';
import { WriteBatchApplier } from './writes/write-batch.applier';
import { WriteGroupCommitter } from './writes/write-group.committer';
import { WriteGroupMetrics } from './writes/write-group.metrics';

@Module({
  imports: [VectorStoreDatabaseModule, OutboxModule],
  providers: [
    EmbedderClient,
    MemoriesRepository,
    MemoryVersionsRepository,
    MemoryWritesRepository,
    SearchIndex,
    SearchIndexMetrics,
    IndexFreshness,
    WriteBatchApplier,
    WriteGroupMetrics,
    WriteGroupCommitter,
    MemoryWritesService,
    MemoryWritesJetstreamConsumer,
    MemoryEditsService,
    MemoryWritesNatsHandler,
    MemorySearchService,
    MemoryReadsNatsHandler,
  ],
})
export class AppModule {}
