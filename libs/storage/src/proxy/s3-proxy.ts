import { Logger } from '@nestjs/common';
import {
  IncomingHttpHeaders,
  IncomingMessage,
  OutgoingHttpHeaders,
  request as httpRequest,
  ServerResponse,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline } from 'node:stream';
import type { StorageConfig } from '@app/config';
import type { ErrorBody } from '@app/contracts';
import { SigningIdentity, verifyPresignedRequest } from './presigned-url-verifier';

export interface S3ProxyOptions {
  /** PUT bodies above this are refused before a byte is forwarded */
  maxPutBytes: number;
  /** idle time after which a stalled upstream exchange is dropped */
  idleTimeoutMs?: number;
}

/** Request headers S3 needs for the operations we presign; x-amz-* is never forwarded (e.g. x-amz-copy-source). */
const REQUEST_HEADERS = [
  'content-type',
  'content-length',
  'content-md5',
  'range',
  'if-match',
  'if-none-match',
  'if-modified-since',
  'if-unmodified-since',
  'if-range',
];
const RESPONSE_HEADERS = [
  'content-type',
  'content-length',
  'content-range',
  'content-disposition',
  'content-encoding',
  'content-language',
  'accept-ranges',
  'etag',
  'last-modified',
  'cache-control',
  'expires',
];
const METHODS = new Set(['GET', 'HEAD', 'PUT']);

function pick(headers: IncomingHttpHeaders, names: string[]): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const name of names) if (headers[name] !== undefined) out[name] = headers[name];
  return out;
}

function fail(res: ServerResponse, status: number, body: ErrorBody): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    // a refused upload's body is never read: close rather than drain gigabytes to reuse the socket
    connection: 'close',
  });
  res.end(JSON.stringify(body));
}

/**
 * Lets browsers reach object storage through the api's own origin (`/s3/<bucket>/<key>?X-Amz-…`),
 * so the S3 port stays on loopback. Bodies stream both ways; nothing is buffered. Each request
 * must carry a valid, unexpired presigned signature for exactly this method, bucket, key and query:
 * the embedded s3rver checks none, so this proxy is where presigned URLs are enforced.
 *
 * Mount it before any body parser: `app.use('/s3', createS3Proxy(cfg, opts))`.
 */
export function createS3Proxy(
  cfg: StorageConfig,
  opts: S3ProxyOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const logger = new Logger('S3Proxy');
  const upstreamUrl = new URL(`${cfg.useSSL ? 'https' : 'http'}://${cfg.endPoint}:${cfg.port}`);
  // the Host the presigner signed for; URL.host leaves out a default port, as the minio client does
  const identity: SigningIdentity = {
    accessKey: cfg.accessKey,
    secretKey: cfg.secretKey,
    region: cfg.region,
    host: upstreamUrl.host,
  };
  const send = cfg.useSSL ? httpsRequest : httpRequest;
  const idleTimeoutMs = opts.idleTimeoutMs ?? 60_000;

  return (req, res) => {
    const method = req.method ?? 'GET';
    // mounted: req.url is the part after the mount path, still percent-encoded
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const query = q < 0 ? '' : url.slice(q + 1);

    if (!METHODS.has(method))
      return fail(res, 405, { code: 'FORBIDDEN', message: `${method} is not allowed here.` });
    if (!path.startsWith(`/${cfg.bucket}/`) || path.length <= cfg.bucket.length + 2) {
      return fail(res, 403, { code: 'FORBIDDEN', message: 'This link is invalid or has expired.' });
    }
    const verdict = verifyPresignedRequest({ method, path, query }, identity);
    if (!verdict.ok)
      return fail(res, 403, { code: 'FORBIDDEN', message: 'This link is invalid or has expired.' });

    if (method === 'PUT') {
      const length = Number(req.headers['content-length']);
      if (!/^\d+$/.test(req.headers['content-length'] ?? '')) {
        return fail(res, 411, { code: 'VALIDATION_FAILED', message: 'Uploads need a Content-Length.' });
      }
      if (length > opts.maxPutBytes)
        return fail(res, 413, { code: 'PAYLOAD_TOO_LARGE', message: 'The file is too large.' });
    }

    const upstream = send(
      {
        protocol: upstreamUrl.protocol,
        hostname: upstreamUrl.hostname,
        port: upstreamUrl.port,
        method,
        path: url,
        headers: pick(req.headers, REQUEST_HEADERS),
      },
      (up) => {
        // the api's origin serves these bytes: never let a browser guess another type than S3's
        res.writeHead(up.statusCode ?? 502, {
          ...pick(up.headers, RESPONSE_HEADERS),
          'x-content-type-options': 'nosniff',
        });
        pipeline(up, res, () => undefined);
      },
    );
    upstream.setTimeout(idleTimeoutMs, () =>
      upstream.destroy(new Error(`no answer from S3 within ${idleTimeoutMs} ms`)),
    );
    upstream.on('error', (e) => {
      if (res.destroyed) return; // the client left first; nothing to tell
      logger.warn(`${method} ${path}: ${e.message}`);
      if (!res.headersSent)
        fail(res, 503, {
          code: 'STORAGE_UNAVAILABLE',
          message: 'File storage is not reachable right now. Please try again.',
        });
      else res.destroy();
    });
    // A client that goes away (aborted upload or download) takes the upstream exchange with it.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    // pipe, not pipeline: an upstream failure must not destroy the socket the 503 is written to
    req.pipe(upstream);
  };
}
