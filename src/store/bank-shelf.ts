// The bank folders a data folder uses: the built-in banks, the folders its config.yaml names (a team
// repository, say), then <home>/banks/. Commands pass the shelf to bank/, which never reads the data folder.
import { join } from 'node:path';
import { type BankShelf, builtinShelf } from '../bank/location.js';
import { entryAt } from './data-files.js';

export async function bankShelf(home: string | undefined): Promise<BankShelf> {
  const shelf = [...builtinShelf()];
  if (!home) return shelf;
  const config = join(home, 'config.yaml');
  if (entryAt(config)) {
    const { configuredBankDirs, readConfig } = await import('./config.js');
    for (const dir of configuredBankDirs(home, await readConfig(home))) {
      shelf.push({ dir, source: 'team', namedIn: config });
    }
  }
  shelf.push({ dir: join(home, 'banks'), source: 'home' });
  return shelf;
}
