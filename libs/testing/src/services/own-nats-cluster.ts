import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { waitUntil } from '@mnemo/devstack';
import { natsServers } from '@mnemo/messaging';

/** Services create their streams at start; that needs the cluster's JetStream meta leader. */
export async function waitForJetStream(url: string): Promise<void> {
  const nc = await connect({ servers: natsServers(url), maxReconnectAttempts: -1 });
  try {
    // jetstreamManager() itself asks for the account info, which fails until a leader is elected.
    await waitUntil(async () => (await jetstreamManager(nc)).getAccountInfo(), {
      description: 'the NATS cluster to elect a JetStream leader',
      timeoutMs: 30_000,
      intervalMs: 200,
    });
  } finally {
    await nc.close();
  }
}
