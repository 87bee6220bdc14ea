import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Logger } from '@mnemo/observability';
import { LOGGER } from '@mnemo/service-kit';
import {
  consolePage,
  findConsoleDir,
  loadConsoleAssets,
  type ConsoleAsset,
} from './console-assets';

export const consolePath = '/console';

// The console talks to this gateway only and runs no inline code: anything else is refused.
const pageHeaders = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

export const consoleNotBuilt =
  'The console is not built: run `npx nx run console:build` (npm start builds it).';

/**
 * The web console at `/console`: the files `nx build console` bundled, served as the docs are,
 * by plain Fastify routes (a page about the API, not part of it). The console calls the public
 * API with the key its user types, so these routes need none.
 */
@Injectable()
export class ConsoleHttpRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    const dir = findConsoleDir(__dirname);
    if (!dir) this.logger.warn(consoleNotBuilt);
    const assets = dir ? loadConsoleAssets(dir) : new Map<string, ConsoleAsset>();
    mountConsole(this.adapterHost.httpAdapter.getInstance<FastifyInstance>(), assets);
  }
}

export function mountConsole(fastify: FastifyInstance, assets: Map<string, ConsoleAsset>): void {
  const send = (reply: FastifyReply, name: string) => {
    const asset = assets.get(name);
    if (!asset) {
      const detail = assets.size === 0 ? consoleNotBuilt : 'Not Found';
      return reply.status(404).send({ detail });
    }
    if (name === consolePage) void reply.headers(pageHeaders);
    return reply
      .type(asset.type)
      .header('cache-control', asset.cacheControl)
      .header('x-content-type-options', 'nosniff')
      .send(asset.body);
  };
  fastify.get(consolePath, (_request, reply) => send(reply, consolePage));
  fastify.get<{ Params: { asset: string } }>(`${consolePath}/:asset`, (request, reply) =>
    send(reply, request.params.asset),
  );
}
