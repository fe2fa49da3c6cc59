import type { NextFunction, Request, Response } from 'express';
import type { IncomingMessage } from 'node:http';

/** Bodies up to this size take the short way; anything larger goes to express.json as before. */
const SMALL_BODY_BYTES = 16 * 1024;
const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
const BOM = 0xfeff;
/** The blanks JSON allows between tokens (body-parser's strict check skips only these). */
const JSON_BLANKS = ' \t\n\r';

/** The usual JSON request (what the web client sends): plain `application/json`, UTF-8, not compressed. */
function isPlainJson(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  if (type === undefined) return false;
  const t = type.toLowerCase();
  if (
    t !== 'application/json' &&
    t !== 'application/json; charset=utf-8' &&
    t !== 'application/json;charset=utf-8'
  )
    return false;
  const encoding = req.headers['content-encoding'];
  return encoding === undefined || encoding.toLowerCase() === 'identity';
}

/** A body-parser style error, so `translateBodyParserErrors` answers it exactly as before. */
const parserError = (type: string, status: number, message: string): Error =>
  Object.assign(new Error(message), { type, status, statusCode: status, expose: true });

/**
 * JSON request bodies of a few KiB, read and parsed in one step: what `express.json` does for
 * them (strict: an object or an array; an empty body is `{}`; the declared length must match),
 * without its per-request type, charset and encoding machinery, a twelfth of the api's CPU during
 * a flash sale. Everything else (other types or charsets, compressed or chunked bodies, bodies
 * near the limit) is left untouched for the body parsers behind it, which also word every error
 * these share with them.
 */
export function smallJsonBody(limit: string): (req: Request, res: Response, next: NextFunction) => void {
  const max = smallBodyLimit(limit);
  return (req, _res, next) => {
    const reading =
      !req.readableEnded &&
      readSmallJson(req, max, (error, value) => {
        if (error) return next(error);
        req.body = value;
        next();
      });
    if (!reading) next();
  };
}

/** The largest body `readSmallJson` takes under the api's `HTTP_BODY_LIMIT`. */
export function smallBodyLimit(limit: string): number {
  return Math.min(SMALL_BODY_BYTES, parseLimit(limit));
}

/**
 * Reads and parses a small plain-JSON body (see `smallJsonBody`) and calls `done` with the value or
 * a body-parser style error. Returns false, having touched nothing, for any other request.
 */
export function readSmallJson(
  req: IncomingMessage,
  max: number,
  done: (error: Error | null, value?: unknown) => void,
): boolean {
  const declared = req.headers['content-length'];
  if (declared === undefined || !isPlainJson(req)) return false;
  const length = Number(declared);
  if (!Number.isInteger(length) || length < 0 || length > max || !/^\d+$/.test(declared)) return false;
  const chunks: Buffer[] = [];
  let received = 0;
  let finished = false;
  const finish = (error: Error | null): void => {
    if (finished) return;
    finished = true;
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('error', onError);
    req.off('aborted', onAborted);
    if (error) return done(error);
    const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received)).toString('utf8');
    let value: unknown;
    try {
      value = parseStrict(text.charCodeAt(0) === BOM ? text.slice(1) : text);
    } catch (e) {
      return done(parserError('entity.parse.failed', 400, (e as Error).message));
    }
    done(null, value);
  };
  const onData = (chunk: Buffer): void => {
    received += chunk.length;
    if (received > length) {
      req.pause();
      finish(parserError('request.size.invalid', 400, 'request size did not match content length'));
    } else chunks.push(chunk);
  };
  const onEnd = (): void =>
    finish(
      received === length
        ? null
        : parserError('request.size.invalid', 400, 'request size did not match content length'),
    );
  const onError = (e: Error): void => finish(parserError('request.aborted', 400, e.message));
  const onAborted = (): void => finish(parserError('request.aborted', 400, 'request aborted'));
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('error', onError);
  req.on('aborted', onAborted);
  return true;
}

/** body-parser's strict JSON: empty is `{}`, otherwise the first non-blank character is `{` or `[`. */
function parseStrict(text: string): unknown {
  if (text.length === 0) return {};
  let i = 0;
  while (i < text.length && JSON_BLANKS.includes(text[i])) i++;
  const first = text[i];
  if (first !== '{' && first !== '[') throw new SyntaxError(`Unexpected token ${first} in JSON`);
  return JSON.parse(text);
}

/** `HTTP_BODY_LIMIT` as body-parser reads it (`256kb`, `1mb`, bytes); 0 (no short way) when unsure. */
export function parseLimit(limit: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(limit);
  return m ? Math.floor(Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]) : 0;
}
