import { AsyncLocalStorage } from 'node:async_hooks';

export interface BusContext {
  requestId?: string;
  projectId?: string;
}

// Carries the request id across awaits so every onward request and publish repeats it.
const storage = new AsyncLocalStorage<BusContext>();

export function runWithBusContext<T>(context: BusContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentBusContext(): BusContext {
  return storage.getStore() ?? {};
}
