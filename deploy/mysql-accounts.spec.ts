import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import {
  DATABASE_SERVICES,
  DEPLOY_ACCOUNTS_SCRIPT,
  deployAccountsScript,
  passwordEnvName,
  SERVICE_NAMES,
  serviceAccountName,
} from '@mnemo/devstack';

// deploy/ must create and use exactly the accounts the test stack runs the services on.
const ROOT = join(__dirname, '..');

function yamlDocuments(path: string): unknown[] {
  const text = readFileSync(join(ROOT, path), 'utf8');
  return parseAllDocuments(text, { merge: true }).flatMap((doc) => (doc.toJS() as unknown) ?? []);
}

const envEntry = z.object({
  name: z.string(),
  valueFrom: z
    .object({ secretKeyRef: z.object({ name: z.string(), key: z.string() }).optional() })
    .optional(),
});
const deploymentEnv = z.object({
  kind: z.literal('Deployment'),
  spec: z.object({
    template: z.object({
      spec: z.object({ containers: z.array(z.object({ env: z.array(envEntry) })).length(1) }),
    }),
  }),
});

function hasAccount(name: string): boolean {
  return (DATABASE_SERVICES as string[]).includes(name);
}

describe('deploy MySQL accounts', () => {
  it('keeps the MariaDB init script identical to the generator (npm run stack -- deploy-accounts)', () => {
    expect(readFileSync(join(ROOT, DEPLOY_ACCOUNTS_SCRIPT), 'utf8')).toBe(deployAccountsScript());
  });

  it.each(SERVICE_NAMES.map((name) => [name]))(
    'gives the %s Deployment only its own key of the mnemo-mysql Secret',
    (name) => {
      const deployment = yamlDocuments(`deploy/k8s/${name}.yaml`)
        .map((doc) => deploymentEnv.safeParse(doc))
        .find((parsed) => parsed.success)?.data;
      const env = deployment?.spec.template.spec.containers[0].env ?? [];
      const mysql = env.filter((entry) => entry.name === 'MNEMO_MYSQL_URL');
      expect(mysql.map((entry) => entry.valueFrom?.secretKeyRef)).toEqual(
        hasAccount(name) ? [{ name: 'mnemo-mysql', key: name }] : [],
      );
    },
  );

  it('lists one URL per account in mysql.env.example, with the generated account names', () => {
    const lines = readFileSync(join(ROOT, 'deploy/k8s/mysql.env.example'), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'));
    expect(lines.map((line) => line.split('=')[0])).toEqual(DATABASE_SERVICES);
    for (const [index, service] of DATABASE_SERVICES.entries()) {
      expect(new URL(lines[index].split('=')[1]).username).toBe(
        serviceAccountName('mnemo', service),
      );
    }
  });

  it('runs each compose service on its own account and MariaDB with secure_file_priv', () => {
    const compose = z
      .object({
        services: z.record(
          z.string(),
          z.object({
            command: z.array(z.string()).optional(),
            environment: z.record(z.string(), z.string()).optional(),
          }),
        ),
      })
      .parse(yamlDocuments('deploy/compose.yaml')[0]);
    const mariadb = compose.services.mariadb;
    expect(mariadb.command).toContain('--secure-file-priv=/var/lib/mysql-files');
    for (const name of SERVICE_NAMES) {
      const url = compose.services[name].environment?.MNEMO_MYSQL_URL;
      if (!hasAccount(name)) {
        expect(url).toBeUndefined();
        continue;
      }
      const service = name as (typeof DATABASE_SERVICES)[number];
      const variable = passwordEnvName(service);
      expect(url).toBe(
        `mysql://${serviceAccountName('mnemo', service)}:\${${variable}:-change-me-${name}}@mariadb:3306/mnemo`,
      );
      expect(mariadb.environment?.[variable]).toBe(`\${${variable}:-change-me-${name}}`);
    }
  });
});
