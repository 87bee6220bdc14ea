import { Module } from '@nestjs/common';
import { ConsoleHttpRoutes } from './console.http.routes';

/** The web console at `/console` (built by `apps/console`). */
@Module({ providers: [ConsoleHttpRoutes] })
export class ConsoleModule {}
