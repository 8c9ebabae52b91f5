import { randomInt, randomUUID } from 'node:crypto';

/** A new entity id. */
export function newId(): string {
  return randomUUID();
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A short pickup code a person can read aloud: no 0/O or 1/I.
 * @example newPickupCode() // 'K7QM-3XHD'
 */
export function newPickupCode(): string {
  let code = '';
  for (let i = 0; i < 8; i += 1) {
    if (i === 4) code += '-';
    code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  }
  return code;
}
