import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { DomainError } from '@mnemo/contracts';
import { SQL_SPACE_SETTINGS, type SqlSpaceSettings } from './channel-b.config';
import { provisioningError } from './sql-errors';
import { viewsDefinerName, type SqlSpaceNames } from './sql-names';
import {
  accountStatements,
  definerStatements,
  dropStatements,
  passwordStatements,
  schemaStatements,
  type Statement,
} from './sql-space.statements';

const lockWaitSeconds = 20;

/** Schemas, accounts and views, made with the service's privileged connection. */
@Injectable()
export class SqlSpacesRepository {
  private readonly lockName: string;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SQL_SPACE_SETTINGS) private readonly settings: SqlSpaceSettings,
  ) {
    this.lockName = `mnemo:sql-spaces:${settings.mainDatabase}`;
  }

  /** Idempotent: creates what is missing, puts the views and grants back as they should be. */
  async provision(names: SqlSpaceNames): Promise<void> {
    const { mainDatabase, maxConnections } = this.settings;
    const definer = viewsDefinerName(mainDatabase);
    await this.runLocked([
      ...definerStatements(mainDatabase, definer),
      ...schemaStatements(names, mainDatabase, definer),
      ...accountStatements(names, randomPassword(), maxConnections),
    ]);
  }

  async setPassword(names: SqlSpaceNames, password: string): Promise<void> {
    await this.runLocked(passwordStatements(names, password, this.settings.maxConnections));
  }

  /** True when the schema was there. */
  async drop(names: SqlSpaceNames): Promise<boolean> {
    const rows = await this.dataSource.query<{ name: string }[]>(
      'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
      [names.schema],
    );
    await this.runLocked(dropStatements(names));
    return rows.length > 0;
  }

  // One lock for every space of the main database: provisioning is rare and the grant tables
  // do not like concurrent account changes.
  private async runLocked(statements: Statement[]): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await this.takeLock(runner);
      try {
        for (const statement of statements) await run(runner, statement);
      } finally {
        await runner.query('SELECT RELEASE_LOCK(?)', [this.lockName]).catch(() => undefined);
      }
    } finally {
      await runner.release();
    }
  }

  private async takeLock(runner: QueryRunner): Promise<void> {
    const rows = (await runner.query('SELECT GET_LOCK(?, ?) AS locked', [
      this.lockName,
      lockWaitSeconds,
    ])) as { locked: number | string | null }[];
    if (Number(rows[0]?.locked) !== 1)
      throw new DomainError('unavailable', 'SQL spaces are busy; retry shortly.', true);
  }
}

async function run(runner: QueryRunner, statement: Statement): Promise<void> {
  try {
    await runner.query(statement.sql, statement.params);
  } catch (err) {
    throw provisioningError(err, statement.sql);
  }
}

/** 32 characters from 24 random bytes; only letters, digits, `-` and `_`. */
export function randomPassword(): string {
  return randomBytes(24).toString('base64url');
}
