import { randomInt } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 4 groups of 4 characters: 80 random bits, typed from paper as XXXX-XXXX-XXXX-XXXX. */
export const CERTIFICATE_CODE_GROUPS = 4;

/** `groups` groups of four characters, 20 random bits each (4 groups: 80 bits), e.g. `7K3M-Q9XD-…`. */
export function randomCode(groups: number): string {
  const parts: string[] = [];
  for (let g = 0; g < groups; g++) {
    let part = '';
    for (let i = 0; i < 4; i++) part += ALPHABET[randomInt(32)];
    parts.push(part);
  }
  return parts.join('-');
}

/**
 * What a person typed, in canonical form: case, spaces and dashes do not matter, and the letters
 * people confuse with digits are read as those digits (Crockford). Null when it cannot be a code.
 */
export function normalizeCode(input: string, groups: number): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== groups * 4 || [...s].some((c) => !ALPHABET.includes(c))) return null;
  return s.match(/.{4}/g)!.join('-');
}

/** 王小明 → 王*明, 王明 → 王*, Zhang Wei → Z*******i: enough to recognise, not to harvest. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
