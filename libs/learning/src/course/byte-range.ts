/** Inclusive byte positions, as in HTTP `Range` and `Content-Range`. */
export interface ByteSpan {
  start: number;
  end: number;
}

/**
 * RFC 9110 single byte ranges: `bytes=0-499`, `bytes=500-`, `bytes=-500`. Returns null when the
 * header is absent or not one we serve partially (several ranges, other units): the whole file
 * then goes out with 200, which the RFC allows. 'unsatisfiable' answers 416.
 */
export function parseRange(header: string | undefined, size: number): ByteSpan | null | 'unsatisfiable' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
