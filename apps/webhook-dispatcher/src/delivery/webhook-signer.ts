import { Webhook as StandardWebhook } from 'standardwebhooks';

export interface SigningSecrets {
  secret: string;
  previousSecret: string | null;
  rotatedAt: Date | null;
}

/** Standard Webhooks headers; during a rotation's grace period both secrets sign. */
export function signatureHeaders(
  id: string,
  at: Date,
  body: string,
  secrets: SigningSecrets,
  rotationGraceMs: number,
): Record<string, string> {
  const keys = [secrets.secret];
  const inGrace =
    secrets.previousSecret !== null &&
    secrets.rotatedAt !== null &&
    at.getTime() - secrets.rotatedAt.getTime() < rotationGraceMs;
  if (inGrace && secrets.previousSecret) keys.push(secrets.previousSecret);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': keys.map((key) => new StandardWebhook(key).sign(id, at, body)).join(' '),
  };
}
