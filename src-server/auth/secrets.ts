import { randomInt } from 'node:crypto';

/**
 * Generated passwords: 20 symbols from an alphabet without look-alikes,
 * grouped by five (about 100 bits). The officer types it once, at
 * enrolment; afterwards the laptop unlocks with the vault passphrase.
 */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function generatePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g += 1) {
    let group = '';
    for (let i = 0; i < 5; i += 1) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}
