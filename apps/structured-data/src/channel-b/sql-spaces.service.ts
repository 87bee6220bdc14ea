import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { SqlCredentials } from '@mnemo/contracts';
import { SQL_SPACE_SETTINGS, type SqlSpaceSettings } from './channel-b.config';
import { isMissingTable } from './sql-errors';
import { quoteName, sqlSpaceNames, type SqlSpaceNames } from './sql-names';
import { randomPassword, SqlSpacesRepository } from './sql-spaces.repository';

/** Each project's SQL space: provisioned on first use, credentials rotated on demand. */
@Injectable()
export class SqlSpacesService {
  /** spaces this instance has provisioned (or is provisioning), by project */
  private readonly ready = new LRUCache<string, Promise<SqlSpaceNames>>({ max: 10_000 });

  constructor(
    private readonly spaces: SqlSpacesRepository,
    @Inject(SQL_SPACE_SETTINGS) private readonly settings: SqlSpaceSettings,
  ) {}

  /** Provisions (repairing what was dropped) and sets a new password: the old one stops working. */
  async issueCredentials(projectId: string): Promise<SqlCredentials> {
    const names = sqlSpaceNames(this.settings.mainDatabase, projectId);
    this.ready.delete(projectId);
    await this.ensure(projectId);
    const password = randomPassword();
    await this.spaces.setPassword(names, password);
    return {
      host: this.settings.publicHost,
      port: this.settings.publicPort,
      user: names.user,
      password,
      database: names.schema,
    };
  }

  async drop(projectId: string): Promise<boolean> {
    const names = sqlSpaceNames(this.settings.mainDatabase, projectId);
    this.ready.delete(projectId);
    return this.spaces.drop(names);
  }

  /**
   * Runs `work` on the quoted name of the project's data schema (never its own schema, where
   * the project may define views and routines), provisioning the space first if needed; once
   * more after re-provisioning when a table is gone (another instance dropped the space).
   */
  async withDataSchema<T>(projectId: string, work: (schema: string) => Promise<T>): Promise<T> {
    const names = await this.ensure(projectId);
    try {
      return await work(quoteName(names.dataSchema));
    } catch (err) {
      if (!isMissingTable(err)) throw err;
      this.ready.delete(projectId);
      const repaired = await this.ensure(projectId);
      return work(quoteName(repaired.dataSchema));
    }
  }

  private ensure(projectId: string): Promise<SqlSpaceNames> {
    let pending = this.ready.get(projectId);
    if (!pending) {
      const names = sqlSpaceNames(this.settings.mainDatabase, projectId);
      pending = this.spaces.provision(names).then(() => names);
      const attempt = pending;
      attempt.catch(() => {
        if (this.ready.get(projectId) === attempt) this.ready.delete(projectId);
      });
      this.ready.set(projectId, attempt);
    }
    return pending;
  }
}
