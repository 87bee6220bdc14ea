import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { FieldErrorsException } from './field-errors';

/**
 * Answers field errors as the Platform serializers do, 400 with the field map as the body, plus
 * the one-line `detail` every Mem0 client shows as the error message.
 */
@Catch(FieldErrorsException)
export class FieldErrorsFilter implements ExceptionFilter {
  catch(error: FieldErrorsException, host: ArgumentsHost): void {
    const detail = Object.entries(error.fields)
      .map(([field, messages]) => `${field}: ${messages.join(' ')}`)
      .join('; ');
    void host
      .switchToHttp()
      .getResponse<FastifyReply>()
      .status(400)
      .send({ ...error.fields, detail });
  }
}
