import { randomBytes } from 'node:crypto';

export const webhookSecretPrefix = 'whsec_';

/** A fresh signing secret: 32 random bytes, base64, behind a recognisable prefix. */
export function newWebhookSecret(): string {
  return `${webhookSecretPrefix}${randomBytes(32).toString('base64')}`;
}
