import { Injectable } from '@nestjs/common';
import { embedTextContract } from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';

export interface QueryVector {
  model: string;
  vector: string;
}

@Injectable()
export class EmbedderClient {
  constructor(private readonly bus: NatsBus) {}

  /** The query's vector, still base64-encoded: the gateway only passes it on. */
  async embedQuery(text: string): Promise<QueryVector> {
    const reply = await this.bus.request(embedTextContract, { texts: [text], purpose: 'query' });
    return { model: reply.model, vector: reply.vectors[0] ?? '' };
  }
}
