import { signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signature', () => {
  const secret = 'a-test-secret-of-enough-length';
  const body = Buffer.from('{"eventId":"e1"}');

  it('accepts the signature of the exact bytes', () => {
    expect(verifyWebhook(secret, body, signWebhook(secret, body))).toBe(true);
  });

  it('refuses another secret, changed bytes, or no header', () => {
    expect(verifyWebhook(secret, body, signWebhook('another-secret-of-enough-len', body))).toBe(false);
    expect(verifyWebhook(secret, Buffer.from('{"eventId":"e2"}'), signWebhook(secret, body))).toBe(false);
    expect(verifyWebhook(secret, body, undefined)).toBe(false);
    expect(verifyWebhook(secret, body, 'sha256=00')).toBe(false);
  });
});
