import { join } from 'node:path';

export const SERVICE_NAMES = [
  'gateway',
  'extractor',
  'embedder',
  'vector-store',
  'structured-data',
  'webhook-dispatcher',
] as const;

export type ServiceName = (typeof SERVICE_NAMES)[number];

export function isServiceName(value: string): value is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(value);
}

/** Where `nx build` leaves a service's entry point. */
export function serviceMainPath(workspaceRoot: string, name: ServiceName): string {
  return join(workspaceRoot, 'dist', 'apps', name, 'apps', name, 'src', 'main.js');
}
