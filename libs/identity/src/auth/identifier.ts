import { DomainError } from '@app/contracts';

export type Identifier = { kind: 'phone'; phone: string } | { kind: 'email'; email: string };

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@]{2,}$/;

/**
 * Accepts a mainland mobile number (`13800138000`, `+86 138-0013-8000`, `0086…`) or an e-mail
 * address. Phones are stored as digits with the country code, e-mails lower-cased.
 */
export function parseIdentifier(raw: string): Identifier {
  const s = raw.trim();
  if (s.includes('@')) {
    const email = s.toLowerCase();
    if (email.length > 254 || !EMAIL.test(email)) throw invalid('Not a valid e-mail address.');
    return { kind: 'email', email };
  }
  let digits = s.replace(/[\s\-()]/g, '');
  if (digits.startsWith('+')) digits = digits.slice(1);
  else if (digits.startsWith('00')) digits = digits.slice(2);
  if (!/^\d+$/.test(digits)) throw invalid('Enter a mobile number or an e-mail address.');
  if (digits.length === 11) digits = `86${digits}`;
  if (!/^861[3-9]\d{9}$/.test(digits)) throw invalid('Not a valid mainland China mobile number.');
  return { kind: 'phone', phone: digits };
}

function invalid(message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, [
    { field: 'identifier', reason: 'identifier', message },
  ]);
}

/**
 * A stored phone (`8613800138000`) as shown to other people: `138****8000`, enough for the office
 * to tell two people apart, not enough to call them.
 */
export function maskPhone(phone: string): string {
  const local = phone.startsWith('86') && phone.length === 13 ? phone.slice(2) : phone;
  return local.length >= 8 ? `${local.slice(0, 3)}****${local.slice(-4)}` : '*'.repeat(local.length);
}

/** `wang.li@example.com` → `w***@example.com`: the domain stays, the mailbox does not. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
