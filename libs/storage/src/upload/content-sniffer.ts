/**
 * What a file is, judged by its first bytes only (never by its name or declared type). Small on
 * purpose: it knows the formats our upload policies talk about, plus the look-alikes that share a
 * container with them (HEIF/AVIF images and QuickTime also start with an ISO-BMFF `ftyp` box;
 * Matroska shares WebM's EBML header) so those are not mistaken for MP4 or WebM.
 */
export const SNIFF_BYTES = 512;

function ascii(buf: Buffer, start: number, end: number): string {
  return buf.subarray(start, end).toString('latin1');
}

function startsWith(buf: Buffer, bytes: readonly number[], offset = 0): boolean {
  return buf.length >= offset + bytes.length && bytes.every((b, i) => buf[offset + i] === b);
}

/** ISO base media file (MP4 family): a `ftyp` box first; its major brand tells the flavour. */
function sniffIsoBmff(buf: Buffer): string | null {
  if (buf.length < 12 || ascii(buf, 4, 8) !== 'ftyp') return null;
  const boxSize = buf.readUInt32BE(0);
  if (boxSize < 16 && boxSize !== 0) return null;
  const brand = ascii(buf, 8, 12);
  if (brand === 'avif' || brand === 'avis') return 'image/avif';
  if (['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1'].includes(brand)) return 'image/heic';
  if (brand === 'qt  ') return 'video/quicktime';
  if (brand === 'M4A ' || brand === 'M4B ') return 'audio/mp4';
  return 'video/mp4';
}

/** EBML header (Matroska family): the DocType element (0x42 0x82) inside it says webm or matroska. */
function sniffEbml(buf: Buffer): string | null {
  if (!startsWith(buf, [0x1a, 0x45, 0xdf, 0xa3])) return null;
  const docType = buf.indexOf(Buffer.from([0x42, 0x82]), 4);
  if (docType > 0 && ascii(buf, docType + 3, docType + 7) === 'webm') return 'video/webm';
  return 'video/x-matroska';
}

export function sniffContentType(head: Buffer): string | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'image/webp';
  if (head.length >= 6 && (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a'))
    return 'image/gif';
  if (head.length >= 5 && ascii(head, 0, 5) === '%PDF-') return 'application/pdf';
  return sniffIsoBmff(head) ?? sniffEbml(head);
}
