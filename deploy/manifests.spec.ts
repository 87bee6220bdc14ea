import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { memoryEventsStream, streams } from '@mnemo/contracts';
import { SERVICE_NAMES } from '@mnemo/devstack';

// Static checks of deploy/: docker and kubectl cannot run here, so a typo must fail in this spec.
const DEPLOY_DIR = __dirname;
const K8S_DIR = join(DEPLOY_DIR, 'k8s');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

/** Every document of a file, or the parser's errors (with line and column) as one message. */
function loadDocuments(path: string): unknown[] {
  const documents = parseAllDocuments(readFileSync(path, 'utf8'), {
    prettyErrors: true,
    merge: true,
  });
  const list = Array.isArray(documents) ? documents : [documents];
  const errors = list.flatMap((doc) => [...doc.errors, ...doc.warnings]);
  if (errors.length > 0) {
    throw new Error(`${relative(DEPLOY_DIR, path)}:\n${errors.map(String).join('\n')}`);
  }
  return list.map((doc) => doc.toJS() as unknown).filter((doc) => doc !== null);
}

const labelsSchema = z.record(z.string(), z.string());
const resourceSchema = z.object({ cpu: z.union([z.string(), z.number()]), memory: z.string() });
const probeSchema = z.object({
  httpGet: z.object({ path: z.string().startsWith('/'), port: z.string() }),
});
const containerSchema = z.object({
  name: z.string(),
  image: z.string(),
  args: z.array(z.string()).length(1),
  ports: z.array(z.object({ name: z.string(), containerPort: z.number() })).min(1),
  envFrom: z.array(
    z.object({
      configMapRef: z.object({ name: z.string() }).optional(),
      secretRef: z.object({ name: z.string() }).optional(),
    }),
  ),
  resources: z.object({ requests: resourceSchema, limits: resourceSchema }),
  startupProbe: probeSchema,
  readinessProbe: probeSchema,
  livenessProbe: probeSchema,
});
const deploymentSchema = z.object({
  kind: z.literal('Deployment'),
  metadata: z.object({ name: z.string() }),
  spec: z.object({
    replicas: z.never({ error: 'the HPA owns the replica count' }).optional(),
    selector: z.object({ matchLabels: labelsSchema }),
    template: z.object({
      metadata: z.object({ labels: labelsSchema }),
      spec: z.object({ containers: z.array(containerSchema).length(1) }),
    }),
  }),
});
const serviceSchema = z.object({
  kind: z.literal('Service'),
  spec: z.object({ selector: labelsSchema, ports: z.array(z.object({ targetPort: z.string() })) }),
});
const hpaSchema = z.object({
  kind: z.literal('HorizontalPodAutoscaler'),
  apiVersion: z.literal('autoscaling/v2'),
  spec: z.object({
    scaleTargetRef: z.object({ kind: z.literal('Deployment'), name: z.string() }),
    minReplicas: z.number().int().min(1),
    maxReplicas: z.number().int(),
    metrics: z.array(z.object({ resource: z.object({ name: z.literal('cpu') }) })).min(1),
  }),
});
const pdbSchema = z.object({
  kind: z.literal('PodDisruptionBudget'),
  spec: z.object({ selector: z.object({ matchLabels: labelsSchema }) }),
});
const scaledObjectSchema = z.object({
  apiVersion: z.literal('keda.sh/v1alpha1'),
  kind: z.literal('ScaledObject'),
  spec: z.object({
    scaleTargetRef: z.object({ name: z.string() }),
    minReplicaCount: z.number().int().min(1),
    triggers: z.array(
      z.object({ type: z.string(), metadata: z.record(z.string(), z.string()).optional() }),
    ),
  }),
});
const kustomizationSchema = z.object({
  resources: z.array(z.string()),
  secretGenerator: z.array(z.object({ name: z.string(), envs: z.array(z.string()) })).optional(),
});
const manifestSchema = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.object({ name: z.string().min(1) }),
});

function isSubset(subset: Record<string, string>, of: Record<string, string>): boolean {
  return Object.entries(subset).every(([key, value]) => of[key] === value);
}

function byKind(documents: unknown[], kind: string): unknown {
  const found = documents.filter((doc) => (doc as { kind?: string }).kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0];
}

/** A Kubernetes memory quantity in MiB (Mi and Gi, the only units these manifests use). */
function mebibytes(quantity: string): number {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`unexpected memory quantity ${quantity}`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
}

describe('deploy manifests', () => {
  it("fits the vector-store's index budget in its heap, its heap in its memory limit, a graph in its /tmp", () => {
    const documents = loadDocuments(join(K8S_DIR, 'vector-store.yaml'));
    const deployment = byKind(documents, 'Deployment') as {
      spec: {
        template: {
          spec: {
            containers: {
              env: { name: string; value?: string }[];
              resources: { limits: { memory: string } };
            }[];
            volumes: { name: string; emptyDir?: { sizeLimit: string } }[];
          };
        };
      };
    };
    const pod = deployment.spec.template.spec;
    const env = new Map(pod.containers[0].env.map(({ name, value }) => [name, value]));
    const budget = Number(env.get('MNEMO_INDEX_MEMORY_MB'));
    const heap = Number(/--max-old-space-size=(\d+)/.exec(env.get('NODE_OPTIONS') ?? '')?.[1]);
    const limit = mebibytes(pod.containers[0].resources.limits.memory);
    const tmp = mebibytes(pod.volumes.find((v) => v.name === 'tmp')?.emptyDir?.sizeLimit ?? '0Mi');
    // The service itself takes about 150 MB of heap; buffers and native memory sit beside it.
    expect(budget).toBeGreaterThan(0);
    expect(heap).toBeGreaterThanOrEqual(budget + 128);
    expect(limit).toBeGreaterThanOrEqual(heap + 128);
    // A graph's hand-over file is at most the budget.
    expect(tmp).toBeGreaterThanOrEqual(budget);
  });

  it('parses every YAML file in deploy/ without errors or duplicate keys', () => {
    const files = yamlFiles(DEPLOY_DIR);
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const file of files) expect(loadDocuments(file).length).toBeGreaterThan(0);
  });

  it('gives every Kubernetes object an apiVersion, a kind and a name', () => {
    const manifests = yamlFiles(K8S_DIR).filter((file) => !file.endsWith('kustomization.yaml'));
    for (const file of manifests) {
      for (const doc of loadDocuments(file)) manifestSchema.parse(doc);
    }
  });

  it('lists only existing files in the kustomizations, and an example for each env file', () => {
    for (const file of yamlFiles(K8S_DIR).filter((f) => f.endsWith('kustomization.yaml'))) {
      const kustomization = kustomizationSchema.parse(loadDocuments(file)[0]);
      const dir = join(file, '..');
      for (const resource of kustomization.resources) {
        expect({ resource, exists: existsSync(join(dir, resource)) }).toEqual({
          resource,
          exists: true,
        });
      }
      for (const env of (kustomization.secretGenerator ?? []).flatMap((g) => g.envs)) {
        expect(existsSync(join(dir, `${env}.example`))).toBe(true);
      }
    }
  });

  describe.each(SERVICE_NAMES.map((name) => [name]))('%s', (name) => {
    const documents = () => loadDocuments(join(K8S_DIR, `${name}.yaml`));

    it('has a Deployment whose selector, probes and resources are consistent', () => {
      const deployment = deploymentSchema.parse(byKind(documents(), 'Deployment'));
      const { template, selector } = deployment.spec;
      const [container] = template.spec.containers;
      expect(deployment.metadata.name).toBe(name);
      expect(isSubset(selector.matchLabels, template.metadata.labels)).toBe(true);
      expect(container.args).toEqual([name]);
      const portNames = container.ports.map((port) => port.name);
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe'] as const) {
        expect(portNames).toContain(container[probe].httpGet.port);
      }
      const refs = container.envFrom.map((ref) => ref.configMapRef?.name ?? ref.secretRef?.name);
      expect(refs).toEqual(['mnemo-config', 'mnemo-secrets']);
    });

    it('has a Service, an HPA and a PodDisruptionBudget that select its pods', () => {
      const deployment = deploymentSchema.parse(byKind(documents(), 'Deployment'));
      const podLabels = deployment.spec.template.metadata.labels;
      const portNames = deployment.spec.template.spec.containers[0].ports.map((p) => p.name);
      const service = serviceSchema.parse(byKind(documents(), 'Service'));
      expect(isSubset(service.spec.selector, podLabels)).toBe(true);
      for (const port of service.spec.ports) expect(portNames).toContain(port.targetPort);
      const hpa = hpaSchema.parse(byKind(documents(), 'HorizontalPodAutoscaler'));
      expect(hpa.spec.scaleTargetRef.name).toBe(name);
      expect(hpa.spec.maxReplicas).toBeGreaterThanOrEqual(hpa.spec.minReplicas);
      const pdb = pdbSchema.parse(byKind(documents(), 'PodDisruptionBudget'));
      expect(pdb.spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
    });
  });

  it('runs the six services from one image in compose, after MariaDB and NATS are healthy', () => {
    const compose = z
      .object({
        services: z.record(
          z.string(),
          z.object({
            image: z.string(),
            command: z.array(z.string()).optional(),
            depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
            healthcheck: z.object({ test: z.array(z.string()) }),
          }),
        ),
        volumes: z.record(z.string(), z.null()),
      })
      .parse(loadDocuments(join(DEPLOY_DIR, 'compose.yaml'))[0]);
    expect(Object.keys(compose.services).sort()).toEqual(
      [...SERVICE_NAMES, 'mariadb', 'nats'].sort(),
    );
    for (const name of SERVICE_NAMES) {
      const service = compose.services[name];
      expect(service.command).toEqual([name]);
      expect(service.depends_on).toEqual({
        mariadb: { condition: 'service_healthy' },
        nats: { condition: 'service_healthy' },
      });
    }
  });

  it('scales the extractor and the dispatcher on their JetStream backlog in the KEDA overlay', () => {
    const overlay = join(K8S_DIR, 'overlays', 'keda');
    const scaled = loadDocuments(join(overlay, 'scaled-objects.yaml')).map((doc) =>
      scaledObjectSchema.parse(doc),
    );
    const backlog = Object.fromEntries(
      scaled.map((object) => {
        const nats = object.spec.triggers.find((trigger) => trigger.type === 'nats-jetstream');
        expect(object.spec.triggers.map((trigger) => trigger.type)).toContain('cpu');
        return [
          object.spec.scaleTargetRef.name,
          [nats?.metadata?.stream, nats?.metadata?.consumer],
        ];
      }),
    );
    // the stream and durable consumer each service creates, read from its source
    const durable = (file: string, constant: string) =>
      new RegExp(`const ${constant} = '([^']+)'`).exec(
        readFileSync(join(DEPLOY_DIR, '..', file), 'utf8'),
      )?.[1];
    expect(backlog).toEqual({
      extractor: [
        streams.addJobs.name,
        durable('apps/extractor/src/pipeline/add-jobs.jetstream.consumer.ts', 'durable'),
      ],
      'webhook-dispatcher': [
        memoryEventsStream.name,
        durable(
          'apps/webhook-dispatcher/src/delivery/memory-events.consumer.ts',
          'dispatcherDurable',
        ),
      ],
    });
    // KEDA owns the HPA of each target, so the overlay removes the plain CPU HPA of exactly those
    const patches = readFileSync(join(overlay, 'kustomization.yaml'), 'utf8');
    const deleted = [...patches.matchAll(/kind: HorizontalPodAutoscaler, name: ([a-z-]+)/g)].map(
      (match) => match[1],
    );
    expect(deleted.sort()).toEqual(Object.keys(backlog).sort());
  });

  it('lets the image entrypoint start exactly the six services', () => {
    const script = readFileSync(join(DEPLOY_DIR, 'docker-entrypoint.sh'), 'utf8');
    const accepted = /^\s*([a-z| -]+)\)\s*;;$/m
      .exec(script)?.[1]
      ?.split('|')
      .map((s) => s.trim());
    expect(accepted?.sort()).toEqual([...SERVICE_NAMES].sort());
  });
});
