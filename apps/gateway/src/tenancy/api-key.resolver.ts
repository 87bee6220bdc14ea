import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { DomainError } from '@mnemo/contracts';
import type { Logger } from '@mnemo/observability';
import { APP_CONFIG, LOGGER } from '@mnemo/service-kit';
import type { GatewayConfig } from '../config/gateway.config';
import { hashApiKey, sameKeyHash } from './api-key';
import { ApiKeysRepository, type KeyForAuth } from './api-keys.repository';
import type { Tenant } from './tenant';

/** What a presented key (or its absence) means. */
export type KeyResolution = Tenant | 'missing' | 'invalid';

interface CachedKey {
  tenant: Tenant | undefined;
  lastUsedAt: number;
}

export const defaultOrgId = 'default';
const touchEveryMs = 60_000;

/**
 * API key -> tenant, by the key's sha256. Answers (unknown keys too) are cached for
 * MNEMO_API_KEY_CACHE_TTL_MS: a key revoked on another instance keeps working there that long;
 * on the instance that revoked it, it stops at once.
 */
@Injectable()
export class ApiKeyResolver {
  private readonly cache: LRUCache<string, CachedKey> | undefined;
  private readonly adminKey: string | undefined;
  /** hashed once: each request's key is hashed once per check and compared with it */
  private readonly adminKeyHash: string | undefined;
  private readonly defaultProjectId: string;

  constructor(
    private readonly keys: ApiKeysRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(APP_CONFIG) config: GatewayConfig,
  ) {
    this.adminKey = config.MNEMO_ADMIN_API_KEY;
    this.adminKeyHash = this.adminKey === undefined ? undefined : hashApiKey(this.adminKey);
    this.defaultProjectId = config.MNEMO_DEFAULT_PROJECT_ID;
    const ttl = config.MNEMO_API_KEY_CACHE_TTL_MS;
    // Date.now for expiry too: one clock for the TTL and the once-a-minute use record
    this.cache = ttl > 0 ? new LRUCache({ max: 10_000, ttl, perf: Date }) : undefined;
  }

  /** Without an admin key every caller may come without a key (open mode). */
  get openMode(): boolean {
    return this.adminKey === undefined;
  }

  async resolve(presented: string | undefined): Promise<KeyResolution> {
    if (presented === undefined) return this.openMode ? this.defaultTenant(true) : 'missing';
    const hash = hashApiKey(presented);
    if (sameKeyHash(hash, this.adminKeyHash)) return this.defaultTenant(true);
    const cached = this.cache?.get(hash);
    const entry = cached ?? (await this.load(hash));
    if (!entry.tenant) return 'invalid';
    this.touchIfDue(entry);
    return entry.tenant;
  }

  /** The bucket a request is rate-limited in, from what is known without the database. */
  rateLimitKey(presented: string | undefined, ip: string): string {
    if (presented !== undefined) {
      const hash = hashApiKey(presented);
      if (sameKeyHash(hash, this.adminKeyHash)) return 'key:admin';
      const tenant = this.cache?.get(hash)?.tenant;
      if (tenant) return `key:${tenant.keyId}`;
    }
    return `ip:${ip}`;
  }

  /** Makes a revoked key fail at once on this instance. */
  forgetKey(keyHash: string): void {
    this.cache?.delete(keyHash);
  }

  /** After a project is deleted or its members change: its keys are looked up again. */
  forgetProject(projectId: string): void {
    if (!this.cache) return;
    for (const [hash, entry] of this.cache.entries()) {
      if (entry.tenant?.projectId === projectId) this.cache.delete(hash);
    }
  }

  defaultTenant(isAdmin: boolean): Tenant {
    return {
      orgId: defaultOrgId,
      projectId: this.defaultProjectId,
      keyId: isAdmin && this.adminKey ? 'admin' : 'anonymous',
      isAdmin,
      role: 'OWNER',
      userEmail: syntheticEmail(this.defaultProjectId),
    };
  }

  private async load(hash: string): Promise<CachedKey> {
    let key: KeyForAuth | undefined;
    try {
      key = await this.keys.findForAuth(hash);
    } catch (err) {
      this.logger.error({ err }, 'API key lookup failed');
      throw new DomainError('unavailable', 'The database is unavailable; retry shortly.', true);
    }
    const entry: CachedKey = {
      tenant: key ? tenantOf(key) : undefined,
      lastUsedAt: key?.lastUsedAt?.getTime() ?? 0,
    };
    this.cache?.set(hash, entry);
    return entry;
  }

  private touchIfDue(entry: CachedKey): void {
    const now = Date.now();
    if (!entry.tenant || now - entry.lastUsedAt < touchEveryMs) return;
    entry.lastUsedAt = now;
    this.keys
      .touch(entry.tenant.keyId, new Date(now), new Date(now - touchEveryMs))
      .catch((err: unknown) => this.logger.warn({ err }, 'could not record key use'));
  }
}

function tenantOf(key: KeyForAuth): Tenant | undefined {
  // A key made for a member stops working when the member leaves the project.
  if (key.userEmail !== null && key.memberRole === null) return undefined;
  return {
    orgId: key.orgId,
    projectId: key.projectId,
    keyId: key.id,
    isAdmin: false,
    role: key.memberRole ?? 'OWNER',
    userEmail: key.userEmail ?? syntheticEmail(key.projectId),
  };
}

export function syntheticEmail(projectId: string): string {
  return `${projectId}@mnemo.local`;
}
