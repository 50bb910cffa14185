// <home>/config.yaml: the data folder's settings, read through a schema. Every key is optional.
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { formatProblem, locate, readYaml } from '../yaml/source.js';
import { entryAt, readDataFile } from './data-files.js';
import { CONFIG_FILE } from './limits.js';

export const ConfigSchema = z.strictObject({
  /** Folders of question banks (e.g. a team repository), relative to the data folder. */
  banks: z.array(z.string().min(1)).optional(),
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
   * In a team data folder, whether start and prep pull teammates' work first when the last sync is
   * older than sync_after: auto (pull, quietly), offer (ask on a terminal; the default), off.
   */
  sync: z.enum(['auto', 'offer', 'off']).optional(),
  /** How old the last sync may be before start and prep pull first: 30m, 2h, 1d (default 1h). */
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
  const parsed = ConfigSchema.safeParse(yaml.value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const { line, col } = locate(yaml.source, (issue?.path ?? []) as (string | number)[]);
  const key =
    issue?.code === 'unrecognized_keys'
      ? `unknown key "${issue.keys.join('", "')}"`
      : (issue?.message ?? 'invalid');
  throw new UserError(
    `${file}:${line}:${col}: error: ${key} (known keys: banks, check_in_every, editor, rep, sync, sync_after)`,
  );
}

/** The bank folders the configuration names, as absolute paths. */
export function configuredBankDirs(home: string, config: Config): string[] {
  return (config.banks ?? []).map((dir) => resolve(home, dir));
}
