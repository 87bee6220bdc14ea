import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDomainError } from '@mnemo/contracts';
import { unavailableIfConnectionLost } from '@mnemo/messaging';
import type { Logger } from '@mnemo/observability';
import { httpStatusFor } from './error-mapping';
import { RequestValidationError } from './request-validation';

/** Every error leaves as a Mem0-shaped JSON body: `{"detail": ...}` (plus `code` when useful). */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const requestId = String(request.id);
    const { status, body } = this.describe(error, requestId);
    if (status >= 500)
      this.logger.error({ err: error, requestId, url: request.url }, 'request failed');
    if (status === 503 || (status === 429 && !reply.hasHeader('retry-after')))
      void reply.header('retry-after', '1');
    void reply.status(status).send(body);
  }

  private describe(
    caught: unknown,
    requestId: string,
  ): { status: number; body: Record<string, unknown> } {
    // the gateway's own database (API keys, projects) restarting is "retry", not a bug
    const error = unavailableIfConnectionLost(caught) ?? caught;
    if (error instanceof RequestValidationError)
      return { status: 422, body: { detail: error.issues } };
    if (isDomainError(error)) {
      const status = httpStatusFor(error.code);
      // A failure on Mnemo's side or upstream (provider and datastore codes are 502) names its
      // code and request id, so a caller can report it; a client's own mistake needs neither.
      return {
        status,
        body:
          status >= 500
            ? { detail: error.message, code: error.code, request_id: requestId }
            : { detail: error.message },
      };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      return { status, body: { detail: status === 404 ? 'Not Found' : error.message } };
    }
    const fastifyError = error as { statusCode?: number; message?: string };
    if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
      return {
        status: fastifyError.statusCode,
        body: { detail: fastifyError.message ?? 'Bad request' },
      };
    }
    return {
      status: 500,
      body: { detail: 'Internal server error', code: 'unknown', request_id: requestId },
    };
  }
}
