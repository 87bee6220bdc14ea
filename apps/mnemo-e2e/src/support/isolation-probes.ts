import type { JsonResponse } from '../http';
import type { IsolationTenant } from './isolation-tenant';

type Json = Record<string, any>;
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Call = <T = any>(
  key: string,
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<JsonResponse<T>>;

/** The caller (A), the target (B) and a way to make further calls while checking an answer. */
export interface ProbeContext {
  a: IsolationTenant;
  b: IsolationTenant;
  call: Call;
}

type Verdict = string | undefined;

/**
 * How a route must answer A's key: `foreign` judges the call on B's ids (undefined means it was
 * denied as it should be), `own` judges the same call on A's own ids, which must work, so a
 * denial is known to come from tenancy and not from a wrong path or body.
 */
export interface Check {
  name: string;
  foreign(answer: JsonResponse<any>, ctx: ProbeContext): Verdict | Promise<Verdict>;
  own(answer: JsonResponse<any>): Verdict;
}

export interface Probe {
  /** The endpoint-matrix row (29–70), or `x` for Mnemo's own routes. */
  row: string;
  method: Method;
  /** Path and query, with `{field}` standing for a field of the target tenant. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  check: Check;
  /** False when the call on A's own ids would break the run (deleting A's project). */
  control: boolean;
}

export interface ProbeOutcome {
  probe: Probe;
  foreignStatus: number;
  ownStatus: number | null;
  problems: string[];
}

/** One line of the matrix: `probe('38', 'GET /v1/memories/{memory}/', notFound)`. */
export function probe(
  row: string,
  route: string,
  check: Check,
  body?: unknown,
  options: { headers?: Record<string, string>; control?: boolean } = {},
): Probe {
  const [method, path] = route.split(' ') as [Method, string];
  return {
    row,
    method,
    path,
    body,
    check,
    headers: options.headers,
    control: options.control ?? true,
  };
}

const isOk = (status: number) => status >= 200 && status < 300;
const listed = (body: unknown): unknown[] =>
  Array.isArray(body) ? body : ((body as Json | undefined)?.results ?? []);

/** A's key on B's id answers exactly one of these statuses. */
export function denied(...statuses: number[]): Check {
  return {
    name: statuses.join('/'),
    foreign: (answer) =>
      statuses.includes(answer.status) ? undefined : `answered ${answer.status}`,
    own: (answer) => (isOk(answer.status) ? undefined : `own ids answered ${answer.status}`),
  };
}
export const notFound = denied(404);
export const forbidden = denied(403);

/** A list or search scoped to B's ids answers 200 with nothing; on A's ids it finds something. */
export function empty(pick: (body: any) => unknown[] = listed): Check {
  return {
    name: 'empty',
    foreign: (answer) =>
      answer.status !== 200
        ? `answered ${answer.status}`
        : pick(answer.body).length > 0
          ? `listed ${pick(answer.body).length} item(s)`
          : undefined,
    own: (answer) =>
      answer.status !== 200
        ? `own ids answered ${answer.status}`
        : pick(answer.body).length === 0
          ? 'own ids listed nothing'
          : undefined,
  };
}

/** A batch naming B's memories changes none of them; naming A's it changes some. */
export function noneChanged(verb: 'updated' | 'deleted'): Check {
  return {
    name: '0 changed',
    foreign: (answer) =>
      answer.status === 200 && answer.body?.message === `Successfully ${verb} 0 memories`
        ? undefined
        : `answered ${answer.status} ${JSON.stringify(answer.body)}`,
    own: (answer) =>
      answer.status === 200 && /^Successfully \w+ [1-9]\d* memories$/.test(answer.body?.message)
        ? undefined
        : `own ids answered ${answer.status} ${JSON.stringify(answer.body)}`,
  };
}

/**
 * The route only ever acts on the caller's project (ids given in the request cannot move it):
 * it succeeds, `verify` holds, and B's rows stay as they were (checked for every probe).
 */
export function ownOnly(
  name: string,
  verify: (answer: JsonResponse<any>, ctx: ProbeContext) => Verdict | Promise<Verdict> = () =>
    undefined,
): Check {
  return {
    name,
    foreign: (answer, ctx) =>
      isOk(answer.status) ? verify(answer, ctx) : `answered ${answer.status}`,
    own: (answer) => (isOk(answer.status) ? undefined : `own ids answered ${answer.status}`),
  };
}

/** Fills `{field}` with the target's values; `{ownOrg}`/`{ownProject}` stay the caller's. */
export function fill(template: string, target: IsolationTenant, caller: IsolationTenant): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'ownOrg') return caller.org;
    if (name === 'ownProject') return caller.project;
    const value = (target as unknown as Record<string, unknown>)[name];
    if (typeof value !== 'string') throw new Error(`unknown placeholder {${name}}`);
    return value;
  });
}

/** The strings that must never appear in anything A is answered: B's texts and B's ids. */
export function secretsOf(t: IsolationTenant): string[] {
  return [
    `${t.tag}-secret`,
    t.key,
    t.org,
    t.project,
    t.memory,
    t.memory2,
    t.doomed,
    t.event,
    t.webhook,
    t.export,
    t.feedback,
    t.email,
    t.job,
    t.space,
  ].map((secret) => secret.toLowerCase());
}

/** Runs one probe on B's ids, then (as a control) on A's own; `unchanged` reads B's rows. */
export async function runProbe(
  p: Probe,
  ctx: ProbeContext,
  unchanged: () => Promise<Verdict>,
): Promise<ProbeOutcome> {
  const send = (target: IsolationTenant) => {
    const body =
      p.body === undefined ? undefined : JSON.parse(fill(JSON.stringify(p.body), target, ctx.a));
    const headers = Object.fromEntries(
      Object.entries(p.headers ?? {}).map(([name, value]) => [name, fill(value, target, ctx.a)]),
    );
    return ctx.call(ctx.a.key, p.method, fill(p.path, target, ctx.a), body, headers);
  };
  const problems: (string | undefined)[] = [];
  const foreign = await send(ctx.b);
  problems.push(await p.check.foreign(foreign, ctx), leaked(foreign, ctx.b), await unchanged());
  let ownStatus: number | null = null;
  if (p.control) {
    const own = await send(ctx.a);
    ownStatus = own.status;
    problems.push(p.check.own(own), leaked(own, ctx.b), await unchanged());
  }
  return {
    probe: p,
    foreignStatus: foreign.status,
    ownStatus,
    problems: problems.filter((problem): problem is string => problem !== undefined),
  };
}

function leaked(answer: JsonResponse, target: IsolationTenant): Verdict {
  const text = JSON.stringify(answer.body ?? null).toLowerCase();
  const found = secretsOf(target).filter((secret) => text.includes(secret));
  return found.length > 0 ? `answer holds B's ${found.join(', ')}` : undefined;
}

/** The compact table the last test prints: one line per probe. */
export function matrixTable(outcomes: ProbeOutcome[]): string {
  const rows = outcomes.map(({ probe: p, foreignStatus, ownStatus, problems }) => [
    p.row,
    p.method,
    p.path,
    p.check.name,
    String(foreignStatus),
    ownStatus === null ? '-' : String(ownStatus),
    problems.length === 0 ? 'deny' : `LEAK: ${problems.join('; ')}`,
  ]);
  const header = ['row', 'method', 'path (B ids)', 'expect', 'B ids', 'own', 'verdict'];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
