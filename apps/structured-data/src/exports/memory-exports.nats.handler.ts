import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { createMemoryExportContract, getMemoryExportContract } from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';
import { ServiceIdentity } from '@mnemo/service-kit';
import { MemoryExportsService } from './memory-exports.service';

/** Exports over NATS: queue one, fetch one. */
@Injectable()
export class MemoryExportsNatsHandler implements OnApplicationBootstrap {
  constructor(
    private readonly bus: NatsBus,
    private readonly identity: ServiceIdentity,
    private readonly exports: MemoryExportsService,
  ) {}

  onApplicationBootstrap(): void {
    const queue = this.identity.service;
    this.bus.respond(
      createMemoryExportContract,
      async (request) => ({ id: await this.exports.create(request) }),
      queue,
    );
    this.bus.respond(
      getMemoryExportContract,
      async (request) => ({ export: await this.exports.find(request) }),
      queue,
    );
  }
}
