// node:crypto, loaded on first use: listings that never hash or make a random name skip the
// cost of loading it at start-up.
import type * as Crypto from 'node:crypto';

export function crypto(): typeof Crypto {
  return process.getBuiltinModule('node:crypto');
}
