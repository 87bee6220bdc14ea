import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NatsBus } from '@mnemo/messaging';

const DATABASE_PING_TIMEOUT_MS = 1000;

export interface Readiness {
  ready: boolean;
  nats: 'ok' | 'down';
  database: 'ok' | 'down';
}

/**
 * Whether this gateway instance itself can serve: its NATS connection and its own database.
 * Other services are left out on purpose, so one slow service does not take every gateway out
 * of rotation (the aggregated view stays at `/health`).
 */
@Injectable()
export class ReadinessProbe {
  constructor(
    private readonly bus: NatsBus,
    private readonly dataSource: DataSource,
  ) {}

  async check(): Promise<Readiness> {
    const nats = this.bus.connected ? 'ok' : 'down';
    const database = (await this.pingDatabase()) ? 'ok' : 'down';
    return { ready: nats === 'ok' && database === 'ok', nats, database };
  }

  private async pingDatabase(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), DATABASE_PING_TIMEOUT_MS);
    });
    const ping = this.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
