import { judgeObject, MAX_UPLOAD_BYTES, normalizeMediaType, UploadPolicies } from './upload-policy';

const photo = { purpose: 'product-photo' as const, contentType: 'image/png', declaredSize: 1000 };
const stored = { size: 1000, contentType: 'image/png' };

describe('upload policies', () => {
  it('normalises declared media types to the bare lower-case type', () => {
    expect(normalizeMediaType(' Image/PNG ; charset=binary')).toBe('image/png');
  });

  it('lets the proxy refuse anything above the largest policy (lesson videos, 2 GiB)', () => {
    expect(MAX_UPLOAD_BYTES).toBe(UploadPolicies['lesson-video'].maxBytes);
    expect(MAX_UPLOAD_BYTES).toBe(2 * 1024 ** 3);
  });

  it('accepts an object that matches its claim and its purpose', () => {
    expect(judgeObject(photo, stored, 'image/png')).toBeNull();
    expect(judgeObject(photo, stored)).toBeNull();
  });

  it('refuses a stored object above the policy limit as too large', () => {
    const big = UploadPolicies['product-photo'].maxBytes + 1;
    expect(judgeObject({ ...photo, declaredSize: big }, { ...stored, size: big }, 'image/png')?.code).toBe(
      'UPLOAD_TOO_LARGE',
    );
  });

  it.each([
    ['a different size than declared', { ...stored, size: 999 }, 'image/png', /999 bytes, not the 1000/],
    [
      'sent with another Content-Type',
      { ...stored, contentType: 'text/html' },
      'image/png',
      /sent as text\/html/,
    ],
    ['bytes of no known format', stored, null, /no known file format/],
    [
      'a format the purpose does not take',
      stored,
      'image/gif',
      /image\/gif, which product-photo uploads do not accept/,
    ],
    [
      'an allowed format other than the declared one',
      stored,
      'image/jpeg',
      /image\/jpeg, not the image\/png declared/,
    ],
  ])('refuses %s as a content mismatch', (_name, object, sniffed, message) => {
    const refusal = judgeObject(photo, object, sniffed);
    expect(refusal?.code).toBe('UPLOAD_CONTENT_MISMATCH');
    expect(refusal?.message).toMatch(message);
  });
});
