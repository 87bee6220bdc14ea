import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** Mem0's error body for the answers Fastify gives before any route runs (414, bad URL...). */
export function frameworkErrors(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = error.statusCode ?? 400;
  void reply.status(status).send({ detail: frameworkDetail(error.code, status) });
}

function frameworkDetail(code: string, status: number): string {
  if (code === 'FST_ERR_MAX_PARAM_LENGTH') return 'The request URL is too long.';
  if (code === 'FST_ERR_BAD_URL') return 'The request URL is not valid.';
  return STATUS_CODES[status] ?? 'Bad request';
}

/**
 * Mem0's error body for what Node refuses while reading a request (headers too large, a
 * malformed request line): written to the socket, since no request object exists yet.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 431
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 408
        : 400;
  const detail =
    status === 431
      ? 'The request headers are too large.'
      : status === 408
        ? 'The request took too long to arrive.'
        : 'The request is malformed.';
  const body = JSON.stringify({ detail });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
