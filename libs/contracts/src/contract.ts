import type { z } from 'zod';

/** A request-reply subject: the requester and the responder share both schemas. */
export interface RequestContract<Req extends z.ZodType, Res extends z.ZodType> {
  readonly kind: 'request';
  readonly subject: string;
  readonly request: Req;
  readonly response: Res;
}

/** A fire-and-forget or durable message (event, job or command). */
export interface MessageContract<Msg extends z.ZodType> {
  readonly kind: 'message';
  readonly subject: string;
  readonly schema: Msg;
}

export type RequestOf<C> = C extends RequestContract<infer Req, z.ZodType> ? z.input<Req> : never;
export type ParsedRequestOf<C> =
  C extends RequestContract<infer Req, z.ZodType> ? z.output<Req> : never;
export type ResponseOf<C> = C extends RequestContract<z.ZodType, infer Res> ? z.output<Res> : never;
export type ResponseInputOf<C> =
  C extends RequestContract<z.ZodType, infer Res> ? z.input<Res> : never;
export type MessageOf<C> = C extends MessageContract<infer Msg> ? z.output<Msg> : never;
export type MessageInputOf<C> = C extends MessageContract<infer Msg> ? z.input<Msg> : never;

export function defineRequest<Req extends z.ZodType, Res extends z.ZodType>(
  subject: string,
  request: Req,
  response: Res,
): RequestContract<Req, Res> {
  return { kind: 'request', subject, request, response };
}

export function defineMessage<Msg extends z.ZodType>(
  subject: string,
  schema: Msg,
): MessageContract<Msg> {
  return { kind: 'message', subject, schema };
}
