import type { DataSource, QueryRunner, ReplicationMode } from 'typeorm';
import { insideSpan, SpanKind, tracingEnabled, withSpan } from '@mnemo/observability';

const longestStatement = 2000;

/**
 * When tracing is on, each SQL statement run inside a traced request or job gets a client span
 * (`mysql SELECT`...) with its text (parameters stay out). Every query of TypeORM (repositories,
 * query builders, `dataSource.query`, transactions) goes through a query runner the driver makes,
 * so wrapping that one factory covers them all. Statements outside any trace (pollers) make none.
 */
export function traceQueries(dataSource: DataSource): void {
  if (!tracingEnabled()) return;
  const driver = dataSource.driver;
  const create = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode: ReplicationMode): QueryRunner => {
    const runner = create(mode);
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    const traced = (...args: unknown[]) => {
      const sql = args[0];
      if (typeof sql !== 'string' || !insideSpan()) return query(...args);
      const operation = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'QUERY';
      return withSpan(
        `mysql ${operation}`,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'db.system.name': 'mysql',
            'db.operation.name': operation,
            'db.query.text': sql.slice(0, longestStatement),
          },
        },
        () => query(...args),
      );
    };
    runner.query = traced as QueryRunner['query'];
    return runner;
  };
}
