// The bank folders a data folder uses: the built-in banks, the folders its config.yaml names (a team
// repository, say), then <home>/banks/. Commands pass the shelf to bank/, which never reads the data folder.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type BankShelf, builtinShelf } from '../bank/location.js';

export async function bankShelf(home: string | undefined): Promise<BankShelf> {
  const shelf = [...builtinShelf()];
  if (!home) return shelf;
  if (existsSync(join(home, 'config.yaml'))) {
    const { configuredBankDirs, readConfig } = await import('./config.js');
    for (const dir of configuredBankDirs(home, await readConfig(home))) shelf.push({ dir, source: 'team' });
  }
  shelf.push({ dir: join(home, 'banks'), source: 'home' });
  return shelf;
}
