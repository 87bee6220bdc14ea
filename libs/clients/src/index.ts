export * from './embedder.client';
export * from './vector-store.client';
export * from './webhooks.client';
export * from './structured-data.client';
export * from './channel-b.client';
