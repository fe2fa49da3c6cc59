import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { ServerResponse } from 'node:http';
import { DomainError, ErrorBody } from '@app/contracts';
import { sendJson, writeJson } from '../web/write-json';
import { statusFor } from './error-status';

const logger = new Logger('HttpError');

/** Every error leaves the api in one shape: `{ code, message, details? }` with a stable code. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const [status, body] = errorResponse(exception, res);
    // an error is never "fresh": written directly where that is the same as res.json
    if (!writeJson(res, status, body)) res.status(status).json(body);
  }
}

/** Writes an error as the filter does, for answers written outside Nest (the fast lane). */
export function sendError(res: ServerResponse, exception: unknown): void {
  const [status, body] = errorResponse(exception, res);
  sendJson(res, status, body);
}

/** The status and body of an error, with its headers set on `res` (Retry-After); 5xx are logged. */
function errorResponse(exception: unknown, res?: ServerResponse): [number, ErrorBody] {
  const [status, body] = map(exception);
  if (status >= 500)
    logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  if (body.code === 'RATE_LIMITED' && res) {
    const retry = body.details?.find((d) => d.field === 'retryAfter')?.message;
    if (retry) res.setHeader('Retry-After', retry);
  }
  return [status, body];
}

function map(e: unknown): [number, ErrorBody] {
  if (e instanceof DomainError) return [statusFor(e.code), e.toBody()];
  if (e instanceof HttpException) {
    const status = e.getStatus();
    if (status === 404) return [404, { code: 'ROUTE_NOT_FOUND', message: 'No such endpoint.' }];
    if (status === 413)
      return [413, { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' }];
    if (status === 400) return [400, { code: 'VALIDATION_FAILED', message: e.message }];
    if (status === 401) return [401, { code: 'UNAUTHENTICATED', message: 'Please sign in.' }];
    if (status === 403) return [403, { code: 'FORBIDDEN', message: e.message }];
    return [status, { code: status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED', message: e.message }];
  }
  return [500, { code: 'INTERNAL', message: 'Something went wrong on our side. Please try again.' }];
}
