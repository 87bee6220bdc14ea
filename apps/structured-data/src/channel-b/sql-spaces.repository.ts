import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { DomainError } from '@mnemo/contracts';
import { SQL_SPACE_SETTINGS, type SqlSpaceSettings } from './channel-b.config';
import { accountStatements, dropStatements, passwordStatements } from './sql-account.statements';
import { provisioningError } from './sql-errors';
import type { SqlSpaceNames } from './sql-names';
import {
  compatibilityViewStatements,
  dataTableNames,
  schemaStatements,
  setAsideStatement,
  type DataTable,
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
    await this.runLocked(async (runner) => {
      await runAll(runner, schemaStatements(names, this.settings.mainDatabase));
      const inTheWay = await baseTablesNamedLikeViews(runner, names);
      await runAll(runner, [
        ...inTheWay.map((table) => setAsideStatement(names, table)),
        ...compatibilityViewStatements(names),
        ...accountStatements(names, randomPassword(), this.settings),
      ]);
    });
  }

  async setPassword(names: SqlSpaceNames, password: string): Promise<void> {
    await this.runLocked((runner) =>
      runAll(runner, passwordStatements(names, password, this.settings)),
    );
  }

  /** True when either schema was there. */
  async drop(names: SqlSpaceNames): Promise<boolean> {
    const rows = await this.dataSource.query<{ name: string }[]>(
      'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN (?, ?)',
      [names.schema, names.dataSchema],
    );
    await this.runLocked((runner) => runAll(runner, dropStatements(names)));
    return rows.length > 0;
  }

  // One lock for every space of the main database: provisioning is rare and the grant tables
  // do not like concurrent account changes.
  private async runLocked(work: (runner: QueryRunner) => Promise<void>): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await this.takeLock(runner);
      try {
        await work(runner);
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

/**
 * Spaces made before the data schema had `user_profiles` and `session_messages` as tables of
 * the project's schema: found from the catalogue only, so nothing the project defined runs.
 */
async function baseTablesNamedLikeViews(
  runner: QueryRunner,
  names: SqlSpaceNames,
): Promise<DataTable[]> {
  const rows = (await runner.query(
    `SELECT TABLE_NAME AS name FROM information_schema.TABLES
     WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME IN (${dataTableNames.map(() => '?').join(', ')})`,
    [names.schema, ...dataTableNames],
  )) as { name: string }[];
  return dataTableNames.filter((table) => rows.some((row) => row.name === table));
}

async function runAll(runner: QueryRunner, statements: Statement[]): Promise<void> {
  for (const statement of statements) {
    try {
      await runner.query(statement.sql, statement.params);
    } catch (err) {
      throw provisioningError(err, statement.sql);
    }
  }
}

/** 32 characters from 24 random bytes; only letters, digits, `-` and `_`. */
export function randomPassword(): string {
  return randomBytes(24).toString('base64url');
}
