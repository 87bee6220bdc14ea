import type { MsgHdrs } from '@nats-io/transport-node';

/** NATS headers as a trace-context carrier: an absent header reads as undefined. */
export function headerReader(hdrs: MsgHdrs | undefined): { get(key: string): string | undefined } {
  return { get: (key) => hdrs?.get(key) || undefined };
}

/** The attributes every NATS span carries (OpenTelemetry messaging conventions). */
export function messagingAttributes(subject: string): Record<string, string> {
  return { 'messaging.system': 'nats', 'messaging.destination.name': subject };
}
