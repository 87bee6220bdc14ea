import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { FieldErrorsException } from './field-errors';

/** Answers field errors as the Platform's serializers do: 400 with the field map as the body. */
@Catch(FieldErrorsException)
export class FieldErrorsFilter implements ExceptionFilter {
  catch(error: FieldErrorsException, host: ArgumentsHost): void {
    void host.switchToHttp().getResponse<FastifyReply>().status(400).send(error.fields);
  }
}
