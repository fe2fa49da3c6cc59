import type { Response } from 'express';
import type { ServerResponse } from 'node:http';

/**
 * `res.status(status).json(body)` written directly, for answers that can never be "fresh": a write
 * (POST, PUT, PATCH, DELETE), or an error. Express would parse and re-format the content type for
 * its charset and check the request's cache headers; with the app's default JSON settings the
 * bytes and headers are the same. Returns false, having written nothing, when it cannot be sure:
 * a HEAD request, a body that is not a plain object or array, a content type already set, custom
 * JSON settings, or a status without a body.
 */
export function writeJson(res: Response, status: number, body: unknown): boolean {
  if (
    res.req.method === 'HEAD' ||
    status === 204 ||
    status === 304 ||
    typeof body !== 'object' ||
    body === null ||
    (Object.getPrototypeOf(body) !== Object.prototype && !Array.isArray(body)) ||
    res.getHeader('Content-Type') !== undefined ||
    res.app.get('json replacer') !== undefined ||
    res.app.get('json spaces') !== undefined ||
    res.app.get('json escape') !== undefined
  )
    return false;
  sendJson(res, status, body);
  return true;
}

/** The bytes and headers `res.status(status).json(body)` writes with the app's default JSON settings. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json, 'utf8');
}
