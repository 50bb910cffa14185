// The data folder: which one is in use, and why.
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const PROJECT_FOLDER = '.journey';

export type HomeRule = 'flag' | 'env' | 'project' | 'user';

export interface Home {
  dir: string;
  rule: HomeRule;
}

export interface HomeInputs {
  flag?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** The platform's user data folder, e.g. ~/.local/share/journey. */
  userDir: () => string;
  isDirectory?: (path: string) => boolean;
}

export const HOME_RULE_TEXT: Record<HomeRule, string> = {
  flag: 'set by --home',
  env: 'set by JOURNEY_HOME',
  project: `the nearest ${PROJECT_FOLDER}/ folder above the current directory`,
  user: `the user data folder (no --home, no JOURNEY_HOME, no ${PROJECT_FOLDER}/ found)`,
};

export function resolveHome(inputs: HomeInputs): Home {
  if (inputs.flag) return { dir: resolve(inputs.cwd, inputs.flag), rule: 'flag' };
  const fromEnv = inputs.env.JOURNEY_HOME;
  if (fromEnv) return { dir: resolve(inputs.cwd, fromEnv), rule: 'env' };
  const isDirectory = inputs.isDirectory ?? directoryExists;
  for (let dir = resolve(inputs.cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, PROJECT_FOLDER);
    if (isDirectory(candidate)) return { dir: candidate, rule: 'project' };
    if (dirname(dir) === dir) break;
  }
  return { dir: inputs.userDir(), rule: 'user' };
}

function directoryExists(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
