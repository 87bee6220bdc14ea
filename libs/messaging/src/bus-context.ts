import { AsyncLocalStorage } from 'node:async_hooks';

export interface BusContext {
  requestId?: string;
  projectId?: string;
  /** epoch ms after which the caller no longer waits for an answer */
  deadline?: number;
}

// Carries the request id across awaits so every onward request and publish repeats it.
const storage = new AsyncLocalStorage<BusContext>();

export function runWithBusContext<T>(context: BusContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentBusContext(): BusContext {
  return storage.getStore() ?? {};
}

/** Whether the caller of the current request has already given up. */
export function pastDeadline(context: BusContext = currentBusContext()): boolean {
  return context.deadline !== undefined && Date.now() > context.deadline;
}
