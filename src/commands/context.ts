// What every command needs to know about where it runs: the data folder, and the current directory.
import envPaths from 'env-paths';
import { type Home, resolveHome } from '../store/home.js';

export interface GlobalOptions {
  home?: string | undefined;
  cwd: string;
}

export function findHome(options: GlobalOptions): Home {
  return resolveHome({
    flag: options.home,
    env: process.env,
    cwd: options.cwd,
    userDir: () => envPaths('journey', { suffix: '' }).data,
  });
}
