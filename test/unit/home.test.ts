import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveHome } from '../../src/store/home.js';

const userDir = () => '/home/rep/.local/share/journey';

describe('resolveHome picks the data folder by rule, in order', () => {
  it.each([
    [
      '--home wins over everything',
      { flag: 'here', env: { JOURNEY_HOME: '/env' }, dirs: ['/work/.journey'] },
      resolve('/work/team/here'),
      'flag',
    ],
    [
      'JOURNEY_HOME comes next',
      { env: { JOURNEY_HOME: '/env/j' }, dirs: ['/work/.journey'] },
      '/env/j',
      'env',
    ],
    [
      'then the nearest .journey/ walking up',
      { env: {}, dirs: ['/work/.journey', '/.journey'] },
      '/work/.journey',
      'project',
    ],
    [
      'the one in the current directory first',
      { env: {}, dirs: ['/work/team/.journey', '/work/.journey'] },
      '/work/team/.journey',
      'project',
    ],
    ['the user data folder last', { env: {}, dirs: [] }, userDir(), 'user'],
    ['an empty JOURNEY_HOME is ignored', { env: { JOURNEY_HOME: '' }, dirs: [] }, userDir(), 'user'],
  ])('%s', (_name, input, dir, rule) => {
    const dirs = new Set(input.dirs);
    const home = resolveHome({
      flag: 'flag' in input ? (input.flag as string) : undefined,
      env: input.env,
      cwd: '/work/team',
      userDir,
      isDirectory: (p) => dirs.has(p),
    });
    expect(home).toEqual({ dir, rule });
  });
});
