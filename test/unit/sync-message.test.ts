import { describe, expect, it } from 'vitest';
import {
  type ChangedFile,
  describeChanges,
  syncCommitMessage,
  whatChanged,
} from '../../src/journey/sync-message.js';

const session = (
  folder: string,
  suffix = 'abc1234',
  status: ChangedFile['status'] = 'added',
): ChangedFile => ({
  path: `accounts/${folder}/20261103T101500Z-knowledge-${suffix}.yaml`,
  status,
});
const record = (folder: string, kind: string, suffix = 'k1'): ChangedFile => ({
  path: `accounts/${folder}/records/20261103T101500Z-${kind}-${suffix}.yaml`,
  status: 'added',
});

const NAMES = new Map([
  ['acmeinc', 'Acme, Inc.'],
  ['globex', 'Globex'],
]);

describe('what a sync sent or received, in the product words', () => {
  it.each([
    [
      [session('acmeinc'), session('acmeinc', 'def5678'), record('globex', 'won')],
      '2 sessions (Acme, Inc.), 1 won (Globex)',
    ],
    [[session('acmeinc', 'x1', 'changed')], '1 session (Acme, Inc.)'],
    [[session('acmeinc', 'x1', 'deleted')], '1 discarded session (Acme, Inc.)'],
    [
      [record('acmeinc', 'flagresolved'), record('acmeinc', 'flagresolved', 'k2')],
      '2 resolved flags (Acme, Inc.)',
    ],
    [
      [{ path: 'accounts/acmeinc/records/flag-resolved-1rclu65-1.yaml', status: 'added' }],
      '1 resolved flag (Acme, Inc.)',
    ],
    [
      [record('globex', 'lost'), record('globex', 'dealopened'), record('globex', 'flagraised')],
      '1 lost (Globex), 1 opened deal (Globex), 1 loop-back from merged history (Globex)',
    ],
    [[{ path: 'banks/knowledge.yaml', status: 'changed' }], '1 bank file'],
    [[{ path: 'config.yaml', status: 'changed' }], 'the team settings (config.yaml)'],
    [[{ path: '.gitignore', status: 'added' }], ''],
    [[session('initech')], '1 session (initech)'],
  ] as [ChangedFile[], string][])('%j → %s', (files, text) => {
    expect(describeChanges(files, NAMES)).toBe(text);
  });

  it('names at most three accounts, then how many more', () => {
    const files = ['a', 'b', 'c', 'd', 'e'].map((f) => session(f));
    expect(describeChanges(files, new Map())).toBe('5 sessions (a; b; c and 2 more)');
  });

  it('tells a record from a session by its path, and a stray file from both', () => {
    expect(whatChanged(session('acmeinc'))).toEqual({ what: 'session', folder: 'acmeinc' });
    expect(whatChanged({ path: 'accounts/acmeinc/notes.yaml', status: 'added' })).toEqual({
      what: 'other file',
    });
    expect(whatChanged(record('acmeinc', 'mystery'))).toEqual({ what: 'other file', folder: 'acmeinc' });
  });

  it('puts the rep first in the commit message', () => {
    expect(syncCommitMessage('Dana', '1 won (Globex)')).toBe('Dana: 1 won (Globex)');
    expect(syncCommitMessage('Dana', '')).toBe('Dana: changes to the data folder');
  });
});
