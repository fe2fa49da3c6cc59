import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checks AWS Signature V4 query-string signatures (presigned URLs) the way S3 does. The embedded
 * S3 server (s3rver) checks no signatures at all, so the api's `/s3` proxy checks them itself:
 * without this, anyone reaching the api could read, overwrite or list every object.
 *
 * Only what our presigner produces is accepted: `AWS4-HMAC-SHA256`, signed header `host`,
 * `UNSIGNED-PAYLOAD`.
 */
export interface SigningIdentity {
  accessKey: string;
  secretKey: string;
  region: string;
  /** the Host the URLs were signed for, e.g. `127.0.0.1:9420` */
  host: string;
}

export interface PresignedRequest {
  method: string;
  /** raw (still percent-encoded) path, e.g. `/bucket/uploads/a/b` */
  path: string;
  /** raw query string without the leading `?` */
  query: string;
}

export type Verdict = { ok: true } | { ok: false; reason: string };

const ALGORITHM = 'AWS4-HMAC-SHA256';
const MAX_EXPIRES = 7 * 24 * 3600;
/** how far in the future a signing date may lie (clock skew between nodes) */
const MAX_SKEW_MS = 5 * 60 * 1000;

/** RFC 3986 encoding as SigV4 wants it: only unreserved characters stay as they are. */
function awsEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function parseQuery(raw: string): Map<string, string> | null {
  const params = new Map<string, string>();
  for (const pair of raw.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    try {
      const key = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
      const value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1));
      if (params.has(key)) return null;
      params.set(key, value);
    } catch {
      return null;
    }
  }
  return params;
}

function canonicalPath(rawPath: string): string | null {
  try {
    return rawPath
      .split('/')
      .map((segment) => awsEncode(decodeURIComponent(segment)))
      .join('/');
  } catch {
    return null;
  }
}

function parseAmzDate(value: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  return Number.isNaN(t) ? null : t;
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

export function verifyPresignedRequest(
  req: PresignedRequest,
  id: SigningIdentity,
  now: Date = new Date(),
): Verdict {
  const params = parseQuery(req.query);
  if (!params) return { ok: false, reason: 'malformed query' };
  const signature = params.get('X-Amz-Signature') ?? '';
  const date = params.get('X-Amz-Date') ?? '';
  const credential = params.get('X-Amz-Credential') ?? '';
  if (params.get('X-Amz-Algorithm') !== ALGORITHM || !/^[0-9a-f]{64}$/.test(signature))
    return { ok: false, reason: 'not signed' };
  if (params.get('X-Amz-SignedHeaders') !== 'host') return { ok: false, reason: 'unexpected signed headers' };

  const signedAt = parseAmzDate(date);
  const expiresRaw = params.get('X-Amz-Expires') ?? '';
  const expires = /^\d{1,6}$/.test(expiresRaw) ? Number(expiresRaw) : 0;
  if (signedAt === null || expires < 1 || expires > MAX_EXPIRES)
    return { ok: false, reason: 'bad date or expiry' };
  if (now.getTime() < signedAt - MAX_SKEW_MS || now.getTime() >= signedAt + expires * 1000)
    return { ok: false, reason: 'expired' };

  const scope = `${date.slice(0, 8)}/${id.region}/s3/aws4_request`;
  if (credential !== `${id.accessKey}/${scope}`) return { ok: false, reason: 'unknown credential' };

  const path = canonicalPath(req.path);
  if (path === null) return { ok: false, reason: 'malformed path' };
  const query = [...params]
    .filter(([k]) => k !== 'X-Amz-Signature')
    .map(([k, v]) => [awsEncode(k), awsEncode(v)])
    .sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalRequest = [
    req.method.toUpperCase(),
    path,
    query,
    `host:${id.host}\n`,
    'host',
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  const stringToSign = [
    ALGORITHM,
    date,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${id.secretKey}`, date.slice(0, 8)), id.region), 's3'),
    'aws4_request',
  );
  const expected = hmac(signingKey, stringToSign);
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'))
    ? { ok: true }
    : { ok: false, reason: 'signature mismatch' };
}
