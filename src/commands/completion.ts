// `journey completion <shell>`: the completion script for bash, zsh or fish. Each script asks the
// hidden `journey __complete <words…>` for the candidates of the word being typed: commands,
// subcommands, options, option values, account names (from the session summaries' cache) and bank
// ids. Nothing printed means "complete a file name" (the shells do that themselves).
import type { Argument, Command, Option } from 'commander';
import { meansName } from '../journey/account-match.js';
import { foldText } from '../journey/search.js';
import { LOOPS } from '../model/loop.js';
import { output } from '../ui/output.js';
import { findHome, type GlobalOptions } from './context.js';

export type Shell = 'bash' | 'zsh' | 'fish';

export interface CompletionOptions {
  shell: Shell;
}

export interface CompleteOptions extends GlobalOptions {
  /** The words after `journey`; the last is the one being completed (empty for a new word). */
  words: string[];
  /** The command-line definition, to read commands and options from. */
  program: Command;
}

export async function completion(options: CompletionOptions): Promise<void> {
  output.write(SCRIPTS[options.shell]);
}

export async function complete(options: CompleteOptions): Promise<void> {
  const candidates = await candidatesFor(
    options.program,
    options.words,
    (home) => findHome({ home: home ?? options.home, cwd: options.cwd }).dir,
  );
  if (candidates.length > 0) output.out(candidates.join('\n'));
}

/** What the word being typed can be: a value of the kind `kind`, fetched lazily. */
type Dynamic = 'accounts' | 'banks' | 'files' | 'none';

/**
 * The candidates for the last of `words`, in the context of the ones before it. `homeOf` gives the
 * data folder for a `--home` typed on the line (or the usual one).
 */
export async function candidatesFor(
  program: Command,
  words: readonly string[],
  homeOf: (typed: string | undefined) => string,
): Promise<string[]> {
  const typed = words.slice(0, -1);
  const current = unquote(words.at(-1) ?? '');
  let command = program;
  let home: string | undefined;
  let positionals = 0;
  let pending: Option | undefined;
  let helpPath = false;
  for (const word of typed) {
    if (pending) {
      if (pending.long === '--home') home = word;
      pending = undefined;
      continue;
    }
    if (word === '--') continue;
    if (word.startsWith('-') && word.length > 1) {
      const [flag, value] = splitOption(word);
      const option = findOption(command, flag);
      if (option && takesValue(option) && value === undefined) pending = option;
      if (option?.long === '--home' && value !== undefined) home = value;
      continue;
    }
    const sub = positionals === 0 ? subcommand(command, word) : undefined;
    if (sub) command = sub;
    else if (command === program && word === 'help') helpPath = true;
    else if (helpPath) command = subcommand(command, word) ?? command;
    else positionals++;
  }
  const [flag, value] = current.startsWith('-') ? splitOption(current) : [current, undefined];
  if (pending) return valuesOf(pending, current, () => homeOf(home));
  if (current.startsWith('-') && value !== undefined) {
    const option = findOption(command, flag);
    if (!option || !takesValue(option)) return [];
    const values = await valuesOf(option, value, () => homeOf(home));
    return values.map((v) => `${flag}=${v}`);
  }
  if (current.startsWith('-')) return byPrefix(optionNames(command), current);
  const subs = helpPath || positionals === 0 ? visibleCommands(command) : [];
  if (subs.length > 0) return byPrefix(subs, current);
  const arg = argumentAt(command, positionals);
  if (arg?.argChoices) return byPrefix(arg.argChoices, current);
  return dynamic(argumentKind(arg), current, () => homeOf(home));
}

/** The values an option takes: its choices, the loops, bank ids; none for free text or a file. */
async function valuesOf(option: Option, current: string, home: () => string): Promise<string[]> {
  if (option.argChoices) return byPrefix(option.argChoices, current);
  const name = option.attributeName();
  if (name === 'loop') return byPrefix([...LOOPS], current);
  if (name === 'bank') return dynamic('banks', current, home);
  if (name === 'account') return dynamic('accounts', current, home);
  return [];
}

/** A command's positional argument at `index` (the last one again when it takes several). */
function argumentAt(command: Command, index: number): Argument | undefined {
  const args = command.registeredArguments;
  return args[index] ?? (args.at(-1)?.variadic ? args.at(-1) : undefined);
}

/** What a positional argument holds, by its name. */
function argumentKind(arg: Argument | undefined): Dynamic {
  if (!arg) return 'none';
  const name = arg.name();
  if (name === 'account' || name === 'accounts') return 'accounts';
  if (name === 'bank') return 'banks';
  if (/path|file/.test(name)) return 'files';
  return 'none';
}

async function dynamic(kind: Dynamic, current: string, home: () => string): Promise<string[]> {
  if (kind === 'accounts') {
    const { readSummaries } = await import('../store/session-index.js');
    const folders = await readSummaries(home());
    const names = folders.flatMap((f) => f.sessions.at(-1)?.account ?? []);
    const typed = new Set([...byPrefix(names, current), ...names.filter((n) => meansName(current, n))]);
    return [...typed].sort();
  }
  if (kind === 'banks') {
    const { catalogOutlines } = await import('../store/bank-outlines.js');
    const ids = (await catalogOutlines(home())).map((o) => o.id);
    return byPrefix([...new Set(ids)], current).sort();
  }
  return [];
}

/** Candidates that begin with what was typed, case and accents aside; or whose words do. */
function byPrefix(candidates: readonly string[], current: string): string[] {
  const typed = foldText(current);
  if (typed === '') return [...candidates];
  return candidates.filter((c) => {
    const folded = foldText(c);
    return folded.startsWith(typed) || folded.split(/[^\p{L}\p{N}]+/u).some((w) => w.startsWith(typed));
  });
}

function splitOption(word: string): [string, string | undefined] {
  const at = word.indexOf('=');
  return at < 0 ? [word, undefined] : [word.slice(0, at), word.slice(at + 1)];
}

/** An option of the command or of any command above it (the global options). */
function findOption(command: Command, flag: string): Option | undefined {
  for (let c: Command | null = command; c; c = c.parent) {
    const option = c.options.find((o) => o.long === flag || o.short === flag);
    if (option) return option;
  }
  return undefined;
}

const takesValue = (option: Option) => option.required || option.optional;

function optionNames(command: Command): string[] {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) {
    const help = c.createHelp();
    for (const o of help.visibleOptions(c)) if (o.long && !names.includes(o.long)) names.push(o.long);
  }
  return names.filter((n) => n !== '--version' || !command.parent);
}

function visibleCommands(command: Command): string[] {
  return command
    .createHelp()
    .visibleCommands(command)
    .map((c) => c.name());
}

function subcommand(command: Command, word: string): Command | undefined {
  return command.commands.find((c) => c.name() === word || c.aliases().includes(word));
}

/** A word as the shell handed it, before it is closed: an opening quote dropped, escapes undone. */
function unquote(word: string): string {
  if (word.startsWith('"') || word.startsWith("'")) return word.slice(1);
  return word.replace(/\\(.)/g, '$1');
}

const BASH = `# journey completion for bash. Install: add to ~/.bashrc
#   source <(journey completion bash)
#
# Candidates come one a line, as they are ("Acme, Inc."); they are quoted here for the word being
# typed: bare (Acme\\,\\ Inc.), in "…" or in '…'. When several match, the line gets only the part they
# share, so TAB again lists them.
_journey_quote() {
  local s=$2 out='' c i
  case $1 in
  \\") for ((i = 0; i < \${#s}; i++)); do
        c=\${s:i:1}
        case $c in [\\"\\\\\\$\\\`]) out+="\\\\$c" ;; *) out+=$c ;; esac
      done ;;
  \\') out=\${s//\\'/\\'\\\\\\'\\'} ;;
  *) for ((i = 0; i < \${#s}; i++)); do
       c=\${s:i:1}
       case $c in [[:alnum:]_.,+@%/-] | [^[:print:][:space:]] | [^[:ascii:]]) out+=$c ;; *) out+="\\\\$c" ;; esac
     done ;;
  esac
  printf '%s' "$out"
}
_journey_complete() {
  local cur=\${COMP_WORDS[COMP_CWORD]} q='' line shared
  local -a words=("\${COMP_WORDS[@]:1:COMP_CWORD}") found=()
  COMPREPLY=()
  while IFS= read -r line; do
    [[ -n $line ]] && found+=("$line")
  done < <(journey __complete -- "\${words[@]}" 2>/dev/null)
  (( \${#found[@]} )) || return 0
  case $cur in \\"*) q=\\" ;; \\'*) q=\\' ;; esac
  shared=\${found[0]}
  for line in "\${found[@]}"; do
    while [[ \${line:0:\${#shared}} != "$shared" ]]; do shared=\${shared:0:\${#shared}-1}; done
  done
  # Each candidate as the quoted part they share and its own rest: the line gets the shared part,
  # quoted, and the list shows the names.
  local quoted
  quoted=$(_journey_quote "$q" "$shared")
  for line in "\${found[@]}"; do
    if (( \${#found[@]} == 1 )); then COMPREPLY+=("$(_journey_quote "$q" "$line")")
    else COMPREPLY+=("$quoted\${line:\${#shared}}"); fi
  done
  return 0
}
complete -o default -F _journey_complete journey
`;

const ZSH = `#compdef journey
# journey completion for zsh. Install: add to ~/.zshrc (after compinit)
#   source <(journey completion zsh)
_journey() {
  local -a candidates
  candidates=("\${(@f)$(journey __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  candidates=(\${candidates:#})
  if (( \${#candidates} )); then
    # journey chose them (case, accents, any word of a name), so zsh takes them all (-U) and quotes
    # them for the word; when they share less than what is typed, the word stays and they are listed.
    local shared=\${candidates[1]} c
    for c in "\${candidates[@]}"; do
      while [[ \${c[1,\${#shared}]} != "$shared" ]]; do shared=\${shared[1,-2]}; done
    done
    (( \${#candidates} > 1 && \${#shared} < \${#PREFIX} )) && compstate[insert]=''
    compadd -U -d candidates -- "\${candidates[@]}"
  else
    _files
  fi
}
compdef _journey journey
`;

const FISH = `# journey completion for fish. Install:
#   journey completion fish > ~/.config/fish/completions/journey.fish
function __journey_complete
    set -l words (commandline -opc)
    set -e words[1]
    set -l out (journey __complete -- $words (commandline -ct) 2>/dev/null)
    if test (count $out) -gt 0
        printf '%s\\n' $out
    else
        __fish_complete_path (commandline -ct)
    end
end
complete -c journey -f -a '(__journey_complete)'
`;

const SCRIPTS: Record<Shell, string> = { bash: BASH, zsh: ZSH, fish: FISH };
