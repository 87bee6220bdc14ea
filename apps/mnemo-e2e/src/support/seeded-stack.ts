import type { Connection } from 'mysql2/promise';
import { startMnemo, type MnemoStack } from '@mnemo/testing';
import { dropSqlSpaces } from './sql-spaces';

/** Every service, with what `seedTenant` needs: an admin key, a local webhook, quick job sweeps. */
export function startSeededStack(adminKey: string): Promise<MnemoStack> {
  return startMnemo({
    env: {
      MNEMO_ADMIN_API_KEY: adminKey,
      MNEMO_WEBHOOK_ALLOW_PRIVATE: 'true',
      MNEMO_JOB_SWEEP_MS: '500',
    },
  });
}

/** Ends a seeded suite: its SQL connection, the channel-B spaces it made, then the stack. */
export async function stopSeededStack(mnemo?: MnemoStack, sql?: Connection): Promise<void> {
  await sql?.end();
  if (mnemo) await dropSqlSpaces(mnemo.mysqlUrl, mnemo.database);
  await mnemo?.stop();
}
