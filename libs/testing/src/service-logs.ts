import type { ServiceProcess } from '@mnemo/devstack';

/** A service's recent JSON log lines, parsed (lines that are not JSON are left out). */
export function jsonLogLines(service: ServiceProcess, count?: number): Record<string, unknown>[] {
  return service.logs(count).flatMap((line) => {
    try {
      const parsed: unknown = JSON.parse(line);
      return isRecord(parsed) ? [parsed] : [];
    } catch {
      return [];
    }
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The `/metrics` URL of a service started with a metrics port (`startMnemo` gives each one; `0`
 * picks a free port, which the service names in its `service.ready` line).
 */
export function metricsUrlOf(service: ServiceProcess): string {
  const ready = jsonLogLines(service).find((line) => line.event === 'service.ready');
  const port = ready?.metricsPort;
  if (typeof port !== 'number') {
    throw new Error(`${service.instanceId} named no metrics port in its service.ready line`);
  }
  const host = typeof ready?.metricsHost === 'string' ? ready.metricsHost : '127.0.0.1';
  return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/metrics`;
}
