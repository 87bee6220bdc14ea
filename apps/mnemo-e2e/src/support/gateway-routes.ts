import 'reflect-metadata';
import { dirname, join } from 'node:path';
import { RequestMethod, type DynamicModule, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner } from '@nestjs/core';
import { serviceMainPath } from '@mnemo/devstack';

/** The key `@ReadRoute()` sets in the gateway (apps/gateway/src/tenancy/writer-role.ts). */
const readRouteKey = 'mnemo:read-route';
const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const workspaceRoot = join(__dirname, '..', '..', '..', '..');

/** One route as the gateway declares it: `POST /v1/memories/:memoryId`. */
export interface GatewayRoute {
  method: string;
  path: string;
  /** `Controller.handler`, to find the declaration. */
  source: string;
  /** A GET/HEAD/OPTIONS route, or one declared `@ReadRoute()`. */
  read: boolean;
  /** Declared `@ReadRoute()` (a read whose method alone would make it a write). */
  declaredRead: boolean;
}

type ModuleRef = Type | DynamicModule;

/**
 * Every route the built gateway registers, read from Nest's route metadata on the controllers
 * its AppModule reaches: the very files `npm test` starts, so a new route is listed without
 * anyone adding it here.
 */
export function gatewayRoutes(): GatewayRoute[] {
  const appModule = join(dirname(serviceMainPath(workspaceRoot, 'gateway')), 'app.module.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AppModule } = require(appModule) as { AppModule: Type };
  const scanner = new MetadataScanner();
  return controllersOf(AppModule, new Set()).flatMap((controller) =>
    scanner
      .getAllMethodNames(controller.prototype as object)
      .flatMap((name) => routesOf(controller, name)),
  );
}

function controllersOf(ref: ModuleRef, seen: Set<ModuleRef>): Type[] {
  if (seen.has(ref)) return [];
  seen.add(ref);
  const type = 'module' in ref ? ref.module : ref;
  const dynamic = 'module' in ref ? ref : undefined;
  const metadata = (key: string) => (Reflect.getMetadata(key, type) ?? []) as unknown[];
  const controllers = [...metadata(MODULE_METADATA.CONTROLLERS), ...(dynamic?.controllers ?? [])];
  const imports = [...metadata(MODULE_METADATA.IMPORTS), ...(dynamic?.imports ?? [])];
  return [
    ...(controllers as Type[]),
    ...(imports as ModuleRef[]).flatMap((imported) => controllersOf(imported, seen)),
  ];
}

function routesOf(controller: Type, name: string): GatewayRoute[] {
  const handler = (controller.prototype as Record<string, unknown>)[name] as object;
  const methodCode = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
  if (methodCode === undefined) return [];
  const method = RequestMethod[methodCode];
  const declaredRead =
    (Reflect.getMetadata(readRouteKey, handler) ??
      Reflect.getMetadata(readRouteKey, controller)) === true;
  const read = readMethods.has(method) || declaredRead;
  return paths(controller).flatMap((base) =>
    paths(handler).map((path) => ({
      method,
      path: `/${[base, path].join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1'),
      source: `${controller.name}.${name}`,
      read,
      declaredRead,
    })),
  );
}

function paths(target: object): string[] {
  const declared = Reflect.getMetadata(PATH_METADATA, target) as string | string[] | undefined;
  return Array.isArray(declared) ? declared : [declared ?? '/'];
}
