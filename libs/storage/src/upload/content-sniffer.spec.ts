import { sniffContentType } from './content-sniffer';

const bytes = (...parts: Array<string | number[]>): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

/** an ISO-BMFF `ftyp` box: size, 'ftyp', major brand, minor version, one compatible brand */
const ftyp = (brand: string): Buffer =>
  bytes([0, 0, 0, 20], 'ftyp', brand, [0, 0, 0, 0], 'isom', [0, 0, 0, 8], 'free');

/** an EBML header whose DocType element says `docType` */
const ebml = (docType: string): Buffer =>
  bytes(
    [0x1a, 0x45, 0xdf, 0xa3, 0x9f],
    [0x42, 0x86, 0x81, 0x01],
    [0x42, 0xf7, 0x81, 0x01],
    [0x42, 0x82, 0x80 | docType.length],
    docType,
  );

describe('content sniffing by magic numbers', () => {
  it.each([
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], 'IHDR'), 'image/png'],
    ['JPEG (JFIF)', bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF'), 'image/jpeg'],
    ['JPEG (Exif)', bytes([0xff, 0xd8, 0xff, 0xe1, 0x12, 0x34], 'Exif'), 'image/jpeg'],
    ['WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['GIF87a', bytes('GIF87a', [1, 0, 1, 0]), 'image/gif'],
    ['GIF89a', bytes('GIF89a', [1, 0, 1, 0]), 'image/gif'],
    ['PDF', bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), 'application/pdf'],
    ['MP4 (isom)', ftyp('isom'), 'video/mp4'],
    ['MP4 (mp42)', ftyp('mp42'), 'video/mp4'],
    ['WebM', ebml('webm'), 'video/webm'],
  ])('recognises %s', (_name, head, expected) => {
    expect(sniffContentType(head)).toBe(expected);
  });

  it.each([
    ['HEIC photo', ftyp('heic'), 'image/heic'],
    ['AVIF image', ftyp('avif'), 'image/avif'],
    ['QuickTime movie', ftyp('qt  '), 'video/quicktime'],
    ['M4A audio', ftyp('M4A '), 'audio/mp4'],
    ['Matroska video', ebml('matroska'), 'video/x-matroska'],
    ['WAV audio (RIFF but not WEBP)', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), null],
  ])('does not mistake a %s for an allowed format', (_name, head, expected) => {
    expect(sniffContentType(head)).toBe(expected);
  });

  it.each([
    ['plain text', bytes('this is not a picture, whatever the file is called')],
    ['HTML', bytes('<!doctype html><script>alert(1)</script>')],
    ['an empty file', Buffer.alloc(0)],
    ['a PNG signature cut short', bytes([0x89, 0x50, 0x4e, 0x47])],
    ['a lone RIFF', bytes('RIFF')],
    ['ftyp too short to hold a brand', bytes([0, 0, 0, 20], 'ftyp')],
    ['ftyp with an impossible box size', bytes([0, 0, 0, 4], 'ftyp', 'isom', [0, 0, 0, 0])],
    ['%PDF not at the start', bytes(' %PDF-1.4')],
    ['zeros', Buffer.alloc(64)],
  ])('recognises nothing in %s', (_name, head) => {
    expect(sniffContentType(head)).toBeNull();
  });
});
