import { Injectable } from '@nestjs/common';
import { decodeVector, embedTextContract } from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';

export interface EmbeddedTexts {
  model: string;
  vectors: Float32Array[];
}

export interface EncodedQuery {
  model: string;
  /** base64 float32, passed on as it is */
  vector: string;
}

/** The embedder service over NATS (queue group, breaker). */
@Injectable()
export class EmbedderClient {
  constructor(private readonly bus: NatsBus) {}

  async embedDocuments(texts: string[]): Promise<EmbeddedTexts> {
    const reply = await this.bus.request(embedTextContract, { texts, purpose: 'document' });
    return { model: reply.model, vectors: reply.vectors.map(decodeVector) };
  }

  /** Several documents in one request, kept encoded so they can be stored as they were answered. */
  async embedDocumentsEncoded(texts: string[]): Promise<{ model: string; vectors: string[] }> {
    const reply = await this.bus.request(embedTextContract, { texts, purpose: 'document' });
    return { model: reply.model, vectors: reply.vectors };
  }

  async embedQuery(text: string): Promise<EncodedQuery> {
    const reply = await this.bus.request(embedTextContract, { texts: [text], purpose: 'query' });
    return { model: reply.model, vector: reply.vectors[0] ?? '' };
  }

  /** Several queries in one request, kept encoded. */
  async embedQueries(texts: string[]): Promise<{ model: string; vectors: string[] }> {
    const reply = await this.bus.request(embedTextContract, { texts, purpose: 'query' });
    return { model: reply.model, vectors: reply.vectors };
  }
}
