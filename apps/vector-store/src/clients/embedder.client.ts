import { Injectable } from '@nestjs/common';
import { decodeVector, embedTextContract } from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';

export interface EmbeddedTexts {
  model: string;
  vectors: Float32Array[];
}

/** Asks the embedder service (queue group, breaker) for document vectors. */
@Injectable()
export class EmbedderClient {
  constructor(private readonly bus: NatsBus) {}

  async embedDocuments(texts: string[]): Promise<EmbeddedTexts> {
    const reply = await this.bus.request(embedTextContract, { texts, purpose: 'document' });
    return { model: reply.model, vectors: reply.vectors.map(decodeVector) };
  }
}
