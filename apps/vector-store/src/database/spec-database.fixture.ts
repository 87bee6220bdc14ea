import { openThrowawayDatabase, type ThrowawayDatabase } from '@mnemo/persistence';
import { vectorStoreDatabase } from './database.module';

export type SpecDatabase = ThrowawayDatabase;

/** A throwaway database on the test stack's MariaDB with every vector-store migration run. */
export function openSpecDatabase(prefix: string): Promise<SpecDatabase> {
  return openThrowawayDatabase(prefix, vectorStoreDatabase);
}
