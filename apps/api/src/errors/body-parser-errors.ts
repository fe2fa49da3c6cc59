import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '@app/contracts';

/**
 * body-parser fails before any route runs; turn its errors into domain errors so the one filter
 * answers them in the usual shape (Nest would otherwise pass the parser's own message through).
 */
const UNREADABLE = new Set([
  'charset.unsupported',
  'encoding.unsupported',
  'entity.verify.failed',
  'request.aborted',
  'request.size.invalid',
]);

export function translateBodyParserErrors(
  err: unknown,
  _req: Request,
  _res: Response,
  next: NextFunction,
): void {
  next(fromBodyParserError(err));
}

/** A body parser's error as the domain error the api answers with; any other error as it is. */
export function fromBodyParserError(err: unknown): unknown {
  const type = (err as { type?: string } | null)?.type;
  if (type === 'entity.parse.failed')
    return new DomainError('MALFORMED_JSON', 'The request body is not valid JSON.');
  if (type === 'entity.too.large')
    return new DomainError('PAYLOAD_TOO_LARGE', 'The request body is too large.');
  if (type !== undefined && UNREADABLE.has(type))
    return new DomainError('VALIDATION_FAILED', 'The request body could not be read.');
  return err;
}
