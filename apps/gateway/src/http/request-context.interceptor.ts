import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { runWithBusContext } from '@mnemo/messaging';

/** Runs each handler inside the bus context, so every NATS call repeats the HTTP request id. */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return new Observable((subscriber) =>
      runWithBusContext({ requestId: String(request.id) }, () =>
        next.handle().subscribe(subscriber),
      ),
    );
  }
}
