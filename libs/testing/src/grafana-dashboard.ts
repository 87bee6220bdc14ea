import { readFileSync } from 'node:fs';

/** One query of a dashboard panel. */
export interface DashboardQuery {
  panel: string;
  expr: string;
}

interface Panel {
  type?: string;
  title?: string;
  targets?: { expr?: string }[];
  panels?: Panel[];
}

/** Every PromQL query of a Grafana dashboard JSON file, with the title of its panel. */
export function dashboardQueries(path: string): DashboardQuery[] {
  const dashboard = JSON.parse(readFileSync(path, 'utf8')) as { panels?: Panel[] };
  const walk = (panels: Panel[] = []): DashboardQuery[] =>
    panels.flatMap((panel) => [
      ...(panel.targets ?? []).map((target) => ({
        panel: panel.title ?? '(untitled)',
        expr: target.expr ?? '',
      })),
      ...walk(panel.panels),
    ]);
  return walk(dashboard.panels);
}

// PromQL words that are not metrics: functions, aggregations, modifiers, and label names.
const promqlWords = new Set([
  'sum',
  'max',
  'min',
  'avg',
  'count',
  'by',
  'without',
  'rate',
  'irate',
  'increase',
  'histogram_quantile',
  'label_values',
  'le',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'offset',
  'bool',
  'and',
  'or',
  'unless',
  'topk',
  'bottomk',
  'clamp_min',
  'clamp_max',
  'abs',
  'time',
]);

/**
 * The metric names a PromQL expression reads: every identifier outside label matchers, grouping
 * clauses and strings that is not a PromQL word.
 */
export function metricNamesOf(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, '')
    .replace(/\[[^\]]*\]/g, '');
  const names = (bare.match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? []).filter(
    (word) => !promqlWords.has(word) && !/^\d/.test(word),
  );
  return [...new Set(names)];
}

/**
 * The series names a Prometheus text exposition offers, from its `# TYPE` lines (present even
 * for a metric with no sample yet): a histogram's `_bucket`, `_sum` and `_count` too.
 */
export function exportedSeriesNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const line of exposition.split('\n')) {
    const match = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (!match) continue;
    const [, name, type] = match;
    names.add(name);
    if (type === 'histogram')
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
    if (type === 'summary') for (const suffix of ['_sum', '_count']) names.add(name + suffix);
  }
  return names;
}
