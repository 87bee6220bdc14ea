import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { dashboardQueries, metricNamesOf } from '@mnemo/testing';

// Static checks of the dashboard; apps/mnemo-e2e/src/dashboard-metrics.e2e-spec.ts scrapes the
// running services for the same names.
const dashboardPath = join(__dirname, 'mnemo-dashboard.json');
const workspace = join(__dirname, '..', '..');

interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: { refId: string; expr: string; datasource?: { uid: string } }[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !/\.(spec|e2e-spec|fixture)\.ts$/.test(entry.name)
      ? [path]
      : [];
  });
}

/** Metric names the services' code registers (`name: 'mnemo_...'` in a prom-client constructor). */
function registeredInSource(): Map<string, string> {
  const registered = new Map<string, string>();
  for (const file of [
    ...sourceFiles(join(workspace, 'apps')),
    ...sourceFiles(join(workspace, 'libs')),
  ]) {
    for (const match of readFileSync(file, 'utf8').matchAll(/name: '(mnemo_[a-z0-9_]+)'/g)) {
      registered.set(match[1], relative(workspace, file));
    }
  }
  return registered;
}

describe('deploy/grafana/mnemo-dashboard.json', () => {
  const dashboard = JSON.parse(readFileSync(dashboardPath, 'utf8')) as {
    uid: string;
    panels: Panel[];
    templating: { list: { name: string; type: string }[] };
  };
  const panels = dashboard.panels.filter((panel) => panel.type !== 'row');
  const queries = dashboardQueries(dashboardPath);

  it('has unique panel ids, a Prometheus query in every panel and a grid 24 columns wide', () => {
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of panels) {
      expect({ panel: panel.title, datasource: panel.datasource?.uid }).toEqual({
        panel: panel.title,
        datasource: '${datasource}',
      });
      expect(panel.targets?.length).toBeGreaterThan(0);
      const refIds = panel.targets!.map((target) => target.refId);
      expect(new Set(refIds).size).toBe(refIds.length);
      expect(panel.gridPos.x + panel.gridPos.w).toBeLessThanOrEqual(24);
    }
    expect(dashboard.templating.list.map((variable) => variable.name)).toEqual([
      'datasource',
      'service',
    ]);
  });

  it("queries only Mnemo's metrics and the Node.js process metrics every service exports", () => {
    const foreign = queries.flatMap(({ panel, expr }) =>
      metricNamesOf(expr)
        .filter((name) => !/^(mnemo|process|nodejs)_/.test(name))
        .map((name) => `${panel}: ${name}`),
    );
    expect(foreign).toEqual([]);
  });

  it('queries no mnemo_ metric that no code registers', () => {
    const registered = registeredInSource();
    const base = (name: string) =>
      registered.has(name) ? name : name.replace(/_(bucket|sum|count)$/, '');
    const unknown = queries.flatMap(({ panel, expr }) =>
      metricNamesOf(expr)
        .filter((name) => name.startsWith('mnemo_') && !registered.has(base(name)))
        .map((name) => `${panel}: ${name}`),
    );
    expect(unknown).toEqual([]);
  });
});
