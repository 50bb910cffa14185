// `journey home`: which data folder is in use, and the rule that chose it.
import { HOME_RULE_TEXT } from '../store/home.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';
import { findHome, type GlobalOptions } from './context.js';

export interface HomeOptions extends GlobalOptions {
  json: boolean;
}

export async function home(options: HomeOptions): Promise<void> {
  const found = findHome(options);
  if (options.json) {
    output.json({ home: found.dir, rule: found.rule, why: HOME_RULE_TEXT[found.rule] });
    return;
  }
  output.out(safeText(found.dir));
  output.err(`(${HOME_RULE_TEXT[found.rule]})`);
}
