import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { embedTextContract, encodeVector } from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';
import { ServiceIdentity } from '@mnemo/service-kit';
import { EmbeddingService } from './embedding.service';

@Injectable()
export class EmbedNatsHandler implements OnApplicationBootstrap {
  constructor(
    private readonly bus: NatsBus,
    private readonly identity: ServiceIdentity,
    private readonly embeddings: EmbeddingService,
  ) {}

  onApplicationBootstrap(): void {
    this.bus.respond(
      embedTextContract,
      async ({ texts, purpose }) => {
        const vectors = await this.embeddings.embed(texts, purpose);
        return {
          model: this.embeddings.model,
          dims: this.embeddings.dims,
          vectors: vectors.map(encodeVector),
          instanceId: this.identity.instanceId,
        };
      },
      this.identity.service,
    );
  }
}
