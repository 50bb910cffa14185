// Where banks live: the built-in question-banks/ folder beside the code, the folders named in the
// data folder's config.yaml, and <home>/banks/. Light on purpose: no YAML is parsed here unless
// a config.yaml exists.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type BankSource = 'built-in' | 'team' | 'home' | 'file';

export interface BankFile {
  path: string;
  source: BankSource;
}

export function builtinBankDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'question-banks');
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error('the built-in question-banks folder is missing from this install');
    dir = up;
  }
}

/** Every bank file in use for a data folder, in override order: built-in, team folders, personal. */
export async function bankFiles(home: string | undefined): Promise<BankFile[]> {
  const dirs: [string, BankSource][] = [[builtinBankDir(), 'built-in']];
  if (home) {
    if (existsSync(join(home, 'config.yaml'))) {
      const { configuredBankDirs, readConfig } = await import('../store/config.js');
      for (const dir of configuredBankDirs(home, await readConfig(home))) dirs.push([dir, 'team']);
    }
    dirs.push([join(home, 'banks'), 'home']);
  }
  return dirs.flatMap(([dir, source]) => yamlFilesIn(dir).map((path) => ({ path, source })));
}

export function yamlFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => /\.ya?ml$/.test(n) && !n.startsWith('.'))
      .sort()
      .map((n) => join(dir, n));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}
