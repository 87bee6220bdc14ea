/** A forwarded body is re-encoded with its envelope and headers: keep it under half a message. */
export const BUS_HEADROOM_FACTOR = 2;

export interface BodyLimit {
  bytes: number;
  /** set when the configured limit did not fit the bus and was lowered */
  loweredFrom?: number;
}

/** The HTTP body limit the gateway enforces, given the NATS server's advertised max payload. */
export function bodyLimitFor(configured: number, maxPayload: number | undefined): BodyLimit {
  if (maxPayload === undefined || !(maxPayload > 0)) return { bytes: configured };
  const fits = Math.floor(maxPayload / BUS_HEADROOM_FACTOR);
  return configured <= fits ? { bytes: configured } : { bytes: fits, loweredFrom: configured };
}
