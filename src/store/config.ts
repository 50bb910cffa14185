// <home>/config.yaml: the data folder's settings, read through a schema. Every key is optional.
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { closest } from '../model/suggest.js';
import { formatProblem, locate, type YamlSource } from '../yaml/positions.js';
import { readYaml } from '../yaml/source.js';
import { entryAt, readDataFile } from './data-files.js';
import { CONFIG_FILE } from './limits.js';
import { noteConfigKeys } from './newer-files.js';

/** The git URLs a `banks:` entry may name: a scheme git speaks over the network or to a folder. */
const GIT_SCHEMES = ['https', 'http', 'ssh', 'git', 'file'];
/** `scheme://…`: a URL, whichever scheme (an unknown one is refused by name, not taken for a folder). */
const URL_LIKE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
/** git's scp-like form, `user@host:path` (git@git.example.com:sales/banks.git). */
const SCP_LIKE = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:/;
const URL_FORMS = 'https://…, ssh://…, git@host:path or file://…';

/** Whether a `banks:` string names a git repository rather than a folder. */
export function isGitBankEntry(entry: string): boolean {
  return URL_LIKE.test(entry) || SCP_LIKE.test(entry);
}

function gitUrlProblem(url: string): string | undefined {
  if (/[\s\p{Cc}]/u.test(url))
    return `a git URL has no spaces or control characters (got ${JSON.stringify(url)})`;
  if (url.length > 2000) return 'a git URL is at most 2000 characters';
  const scheme = URL_LIKE.test(url) ? url.slice(0, url.indexOf(':')).toLowerCase() : undefined;
  if (scheme !== undefined && !GIT_SCHEMES.includes(scheme))
    return `a git URL starts ${URL_FORMS} (got "${scheme}://")`;
  if (scheme === undefined && !SCP_LIKE.test(url))
    return `a git URL is ${URL_FORMS} (got ${JSON.stringify(url)})`;
  if (/:\/\/\/?$/.test(url) || /:$/.test(url))
    return `the git URL ${JSON.stringify(url)} names no repository`;
  return undefined;
}

function refProblem(ref: string): string | undefined {
  const ok =
    /^[A-Za-z0-9_][A-Za-z0-9._/-]*$/.test(ref) &&
    !/\.\.|\/\/|\/\.|[/.]$|\.lock$/.test(ref) &&
    ref.length <= 250;
  return ok
    ? undefined
    : `the ref ${JSON.stringify(ref)} is not a branch, tag or commit name (letters, digits, and . _ - /), e.g. main, v2 or 3f9a1c2`;
}

function subfolderProblem(path: string): string | undefined {
  const parts = path.replace(/\/+$/, '').split('/');
  const ok =
    path.length <= 500 &&
    !/[\\\p{Cc}]/u.test(path) &&
    parts.every((part) => part !== '' && part !== '.' && part !== '..');
  return ok
    ? undefined
    : `path is a folder inside the repository, like banks or sales/banks (no leading /, no .. ; got ${JSON.stringify(path)})`;
}

/** A `banks:` entry: a folder relative to the data folder, or a team bank in git. */
export type ConfiguredBank =
  | { kind: 'folder'; dir: string; label: string }
  | {
      kind: 'git';
      url: string;
      ref?: string | undefined;
      /** The subfolder of the repository its banks are in; undefined: the top folder. */
      path?: string | undefined;
      /** The URL with its ref, as config.yaml gives it: https://git.example.com/sales/banks.git#v2 */
      label: string;
    };

/** `url#ref` split in two (a git URL has no other use for #). */
function splitRef(value: string): { url: string; ref?: string } {
  const hash = value.indexOf('#');
  return hash < 0 ? { url: value } : { url: value.slice(0, hash), ref: value.slice(hash + 1) };
}

const GitBankSchema = z
  .strictObject({
    git: z.string().trim().min(1, `git names the repository: ${URL_FORMS}`),
    ref: z.string().trim().min(1, 'ref names a branch, tag or commit').optional(),
    path: z.string().trim().min(1, 'path names a folder inside the repository').optional(),
  })
  .superRefine((entry, ctx) => {
    const { url, ref } = splitRef(entry.git);
    const urlProblem = gitUrlProblem(url);
    if (urlProblem) ctx.addIssue({ code: 'custom', path: ['git'], message: urlProblem });
    if (ref !== undefined && entry.ref !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['ref'],
        message: 'the ref is given twice: after # in git: and as ref:',
      });
    const pinned = entry.ref ?? ref;
    const problem = pinned === undefined ? undefined : refProblem(pinned);
    if (problem) ctx.addIssue({ code: 'custom', path: [entry.ref ? 'ref' : 'git'], message: problem });
    const sub = entry.path === undefined ? undefined : subfolderProblem(entry.path);
    if (sub) ctx.addIssue({ code: 'custom', path: ['path'], message: sub });
  });

const BankEntrySchema = z.union(
  [
    z
      .string()
      .min(1)
      .superRefine((entry, ctx) => {
        if (!isGitBankEntry(entry)) return;
        const { url, ref } = splitRef(entry);
        const problem = gitUrlProblem(url) ?? (ref === undefined ? undefined : refProblem(ref));
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    GitBankSchema,
  ],
  {
    error: `a banks: entry is a folder, a git URL (${URL_FORMS}) with an optional #ref, or { git: <url>, ref: <ref>, path: <folder> }`,
  },
);

export const ConfigSchema = z.strictObject({
  /**
   * Where team banks come from: folders relative to the data folder (a team repository, say), or git
   * repositories by URL (`https://…/banks.git#v2`, or `{ git: <url>, ref: <ref>, path: <folder> }`),
   * cloned into <home>/.cache and updated by `journey bank update` and `journey sync`.
   */
  banks: z.array(BankEntrySchema).optional(),
  /** Default check-in cadence for customers, e.g. 30d, 6w, 3m, quarterly. */
  check_in_every: z.string().min(1).optional(),
  /** Who the rep is, as sessions and records name them; else git's user, else the OS user. */
  rep: z
    .string()
    .trim()
    .min(1, 'rep must name someone, e.g. rep: Dana Ruiz')
    .max(200, 'rep is a name, at most 200 characters')
    .optional(),
  /**
   * The editor for long answers ("nano", "code --wait"), ahead of $VISUAL and $EDITOR; without any,
   * nano where it is installed, else vi.
   */
  editor: z.string().trim().min(1, 'editor names a command, e.g. editor: nano').optional(),
  /**
   * In a team data folder, whether start and prep sync with the team first when the last sync is
   * older than sync_after: auto (sync, quietly), offer (ask on a terminal; the default), off.
   */
  sync: z.enum(['auto', 'offer', 'off']).optional(),
  /** How old the last sync may be before start and prep sync first: 30m, 2h, 1d (default 1h). */
  sync_after: z
    .string()
    .trim()
    .regex(/^[0-9]{1,4}[mhd]$/, 'sync_after is an age like 30m, 2h or 1d')
    .optional(),
});

export type Config = z.infer<typeof ConfigSchema>;

export async function readConfig(home: string): Promise<Config> {
  const file = join(home, 'config.yaml');
  if (!entryAt(file)) return {};
  // A FIFO, a folder, a link or a huge file in its place is refused with a message, never waited on.
  const read = readDataFile(file, CONFIG_FILE);
  if (!read.ok) throw new UserError(read.problem);
  const yaml = readYaml(read.text, file);
  if (!yaml.ok)
    throw new UserError(`${file}: cannot read the configuration`, yaml.problems.map(formatProblem));
  if (yaml.value === null || yaml.value === undefined) return {};
  const parsed = ConfigSchema.safeParse(withoutUnknownKeys(yaml.value, yaml.source, file));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const { line, col } = locate(yaml.source, (issue?.path ?? []) as (string | number)[]);
  const key =
    issue?.code === 'unrecognized_keys'
      ? `unknown key "${issue.keys.join('", "')}"`
      : (issue?.message ?? 'invalid');
  // A banks: entry's own keys are not the file's.
  const known =
    issue?.path[0] === 'banks'
      ? issue.code === 'unrecognized_keys'
        ? ' (a git bank takes: git, ref, path)'
        : ''
      : ` (known keys: ${KNOWN_KEYS.join(', ')})`;
  throw new UserError(`${file}:${line}:${col}: error: ${key}${known}`);
}

const KNOWN_KEYS = ['banks', 'check_in_every', 'editor', 'rep', 'sync', 'sync_after'] as const;

/**
 * The file's settings without top-level keys this release does not know: a shared config.yaml that
 * a teammate's newer journey added a setting to must not stop this one. Each is a warning (said once
 * per run), naming where it is, in case it is a typo.
 */
function withoutUnknownKeys(value: unknown, source: YamlSource, file: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const kept: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if ((KNOWN_KEYS as readonly string[]).includes(key)) {
      kept[key] = v;
      continue;
    }
    const { line, col } = locate(source, [key]);
    const near = closest(key, KNOWN_KEYS);
    noteConfigKeys(
      `${file}:${line}:${col}: warning: unknown key "${key}" ignored${near ? ` (did you mean "${near}"?)` : ''}; a newer journey may know it (known keys: ${KNOWN_KEYS.join(', ')})`,
    );
  }
  return kept;
}

/** What each `banks:` entry names, in order: folders (absolute paths) and git banks. */
export function configuredBanks(home: string, config: Config): ConfiguredBank[] {
  return (config.banks ?? []).map((entry): ConfiguredBank => {
    if (typeof entry === 'string' && !isGitBankEntry(entry))
      return { kind: 'folder', dir: resolve(home, entry), label: entry };
    const written = typeof entry === 'string' ? { git: entry } : entry;
    const split = splitRef(written.git);
    const ref = written.ref ?? split.ref;
    const path = written.path?.replace(/\/+$/, '');
    return {
      kind: 'git',
      url: split.url,
      ...(ref === undefined ? {} : { ref }),
      ...(path === undefined ? {} : { path }),
      label: ref === undefined ? split.url : `${split.url}#${ref}`,
    };
  });
}

/** The bank folders the configuration names, as absolute paths (git banks aside). */
export function configuredBankDirs(home: string, config: Config): string[] {
  return configuredBanks(home, config).flatMap((bank) => (bank.kind === 'folder' ? [bank.dir] : []));
}
