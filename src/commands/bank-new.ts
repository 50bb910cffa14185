// `journey bank new <file> --loop <loop>`: a commented bank that passes lint and its tests as it is.
import { mkdir } from 'node:fs/promises';
import { basename, dirname, relative, resolve } from 'node:path';
import { builtinBankDir } from '../bank/location.js';
import { scaffoldBank } from '../bank/scaffold.js';
import { UserError } from '../errors.js';
import type { Loop } from '../model/loop.js';
import { writeFileAtomic } from '../store/atomic.js';
import { catalogOutlines } from '../store/bank-outlines.js';
import { output } from '../ui/output.js';
import { safeText, shellQuote } from '../ui/safe-text.js';
import { findHome, type GlobalOptions } from './context.js';

export interface BankNewOptions extends GlobalOptions {
  file: string;
  loop: Loop;
}

export async function bankNew(options: BankNewOptions): Promise<void> {
  const path = resolve(
    options.cwd,
    options.file.endsWith('.yaml') || options.file.endsWith('.yml') ? options.file : `${options.file}.yaml`,
  );
  const id =
    basename(path)
      .replace(/\.ya?ml$/, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'my-bank';
  const schema = relative(dirname(path), resolve(builtinBankDir(), '../schema/bank.schema.json'));
  // Another loop's loop-back asks the problem statement again: whatever question holds that role in
  // the Knowledge bank this data folder uses.
  const statement =
    options.loop === 'knowledge'
      ? undefined
      : (await catalogOutlines(findHome(options).dir))
          .find((o) => o.loop === 'knowledge')
          ?.questions.find((q) => q.role === 'problem_statement')?.id;
  await mkdir(dirname(path), { recursive: true });
  try {
    await writeFileAtomic(path, scaffoldBank(id, options.loop, schema, statement), { exclusive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new UserError(`${safeText(path)} already exists: choose another file name`);
    throw error;
  }
  output.out(
    `Made ${safeText(path)}: a ${options.loop} bank with id "${id}". Next: journey bank lint ${shellQuote(options.file)} && journey bank test ${shellQuote(options.file)}`,
  );
}
