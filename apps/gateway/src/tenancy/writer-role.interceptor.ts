import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@mnemo/contracts';
import type { Observable } from 'rxjs';
import type { TenantRequest } from './tenant';
import { isWriter, permissionDenied, readMethods, readRouteKey } from './writer-role';

/**
 * The one role check of every route, registered once for the whole gateway. Nest runs global
 * guards before a controller's own, so this runs as the first step after all guards (the
 * authentication ones included) and before any body is parsed. Deny by default: a route whose
 * method may change something needs a writer unless it is declared `@ReadRoute()`; a route that
 * authenticated no one refuses such methods too.
 */
@Injectable()
export class WriterRoleInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<TenantRequest>();
    const read = readMethods.has(request.method) || this.declaredRead(context);
    if (!read && !isWriter(request.tenant)) throw new DomainError('forbidden', permissionDenied);
    return next.handle();
  }

  private declaredRead(context: ExecutionContext): boolean {
    return (
      this.reflector.getAllAndOverride<boolean | undefined>(readRouteKey, [
        context.getHandler(),
        context.getClass(),
      ]) === true
    );
  }
}
