import type { ShellToken, ShellWord } from './shell-tokens';
import { tokenizeShell } from './shell-tokens';

/** Decides whether one simple command (name and arguments, quotes removed) only reads. */
type ArgumentCheck = (args: readonly ShellWord[]) => boolean;

const anyArguments: ArgumentCheck = () => true;

const withoutFlags =
  (...forbidden: string[]): ArgumentCheck =>
  (args) =>
    !args.some((arg) =>
      forbidden.some((flag) =>
        flag.startsWith('--') ? isLongFlagFor(arg.text, flag) : isShortFlagIn(arg.text, flag),
      ),
    );

/** getopt_long accepts any unambiguous prefix: `--out=x` is `--output=x`. */
function isLongFlagFor(text: string, flag: string): boolean {
  if (!text.startsWith('--')) return false;
  const name = text.split('=')[0] ?? text;
  return name.length >= 3 && flag.startsWith(name);
}

/** `-o` also hides in clusters like `-ro` and in `-ofile`. */
function isShortFlagIn(text: string, flag: string): boolean {
  if (!/^-[A-Za-z]$/.test(flag) || !/^-[A-Za-z]/.test(text) || text.startsWith('--')) return false;
  return text.slice(1).includes(flag.slice(1));
}

const positionals = (args: readonly ShellWord[]) =>
  args.filter((arg) => !arg.text.startsWith('-') || arg.text === '-');

const commands: Record<string, ArgumentCheck> = {
  ls: anyArguments,
  cat: anyArguments,
  head: anyArguments,
  tail: anyArguments,
  wc: anyArguments,
  pwd: anyArguments,
  echo: anyArguments,
  printf: anyArguments,
  grep: anyArguments,
  egrep: anyArguments,
  fgrep: anyArguments,
  // --pre runs a program on every file searched.
  rg: withoutFlags('--pre'),
  find: (args) =>
    !args.some((arg) => /^-(exec|execdir|ok|okdir|delete|fprint|fprint0|fprintf|fls)$/.test(arg.text)),
  which: anyArguments,
  file: withoutFlags('-C', '--compile'),
  stat: anyArguments,
  du: anyArguments,
  df: anyArguments,
  env: (args) => args.every((arg) => arg.text === '-0' || arg.text === '--null'),
  printenv: anyArguments,
  date: withoutFlags('-s', '--set'),
  sleep: anyArguments,
  true: anyArguments,
  false: anyArguments,
  uname: anyArguments,
  tree: withoutFlags('-o'),
  sort: withoutFlags('-o', '--output', '--compress-program'),
  uniq: (args) => positionals(args).length <= 1,
  cut: anyArguments,
  tr: anyArguments,
  basename: anyArguments,
  dirname: anyArguments,
  realpath: anyArguments,
  readlink: anyArguments,
  whoami: anyArguments,
  id: anyArguments,
  hostname: (args) =>
    positionals(args).length === 0 && !args.some((arg) => /^-(F|b|-file|-boot)/.test(arg.text)),
  nproc: anyArguments,
  diff: anyArguments,
  cmp: anyArguments,
  comm: anyArguments,
  nl: anyArguments,
  tac: anyArguments,
  rev: anyArguments,
  column: anyArguments,
  fold: anyArguments,
  paste: anyArguments,
  seq: anyArguments,
  md5sum: anyArguments,
  sha1sum: anyArguments,
  sha256sum: anyArguments,
  jq: anyArguments,
  test: anyArguments,
  type: anyArguments,
  command: (args) => args[0]?.text === '-v' || args[0]?.text === '-V',
  git: gitIsReadOnly,
};

const gitSubcommands: Record<string, ArgumentCheck> = {
  status: anyArguments,
  diff: withoutFlags('--output', '--ext-diff'),
  log: withoutFlags('--output', '--ext-diff'),
  show: withoutFlags('--output', '--ext-diff'),
  'rev-parse': anyArguments,
  'ls-files': anyArguments,
  blame: anyArguments,
  branch: gitBranchIsReadOnly,
};

function gitIsReadOnly(args: readonly ShellWord[]): boolean {
  let index = 0;
  // Global options that cannot run code; `-c` (config) can, so it is not here.
  for (;;) {
    const text = args[index]?.text;
    if (text === '--no-pager' || text === '--no-optional-locks') index++;
    else if (text === '-C') index += 2;
    else break;
  }
  const subcommand = args[index];
  if (!subcommand) return false;
  const check = gitSubcommands[subcommand.text];
  return check !== undefined && check(args.slice(index + 1));
}

const branchFlagsWithValue = new Set([
  '--contains',
  '--no-contains',
  '--merged',
  '--no-merged',
  '--points-at',
  '--sort',
  '--format',
]);
const branchListingFlags =
  /^(-a|-r|-v|-vv|-l|--all|--remotes|--verbose|--list|--show-current|--no-color|--color=never|--ignore-case|--omit-empty|(--(contains|no-contains|merged|no-merged|points-at|sort|format|abbrev|column)(=.*)?)|--no-column|--no-abbrev)$/;

/** `git branch` lists unless it is given a name without `--list` or a flag that changes branches. */
function gitBranchIsReadOnly(args: readonly ShellWord[]): boolean {
  const listing = args.some((arg) => arg.text === '-l' || arg.text === '--list');
  for (let index = 0; index < args.length; index++) {
    const text = args[index]?.text ?? '';
    if (text.startsWith('-')) {
      if (!branchListingFlags.test(text)) return false;
      if (branchFlagsWithValue.has(text)) index++;
    } else if (!listing) {
      return false;
    }
  }
  return true;
}

const separators = new Set([';', '\n', '&&', '||', '|', '|&']);
const writingRedirections = new Set(['>', '>>', '>|', '&>', '&>>']);

/**
 * True only when `command` certainly reads and never writes: every simple command in it (split on
 * `;`, `&&`, `||`, `|`, newlines) is on a small allowlist with safe arguments, output goes only to
 * /dev/null or another descriptor, and there is no substitution, subshell, background `&`, heredoc
 * or leading variable assignment. Anything it does not understand is false (fail closed). Pure.
 */
export function isReadOnlyCommand(command: string): boolean {
  const tokens = tokenizeShell(command);
  if (!tokens) return false;
  const simpleCommands: ShellWord[][] = [[]];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as ShellToken;
    const current = simpleCommands[simpleCommands.length - 1] as ShellWord[];
    if (token.kind === 'word') {
      current.push(token);
      continue;
    }
    if (separators.has(token.text)) {
      simpleCommands.push([]);
      continue;
    }
    const target = tokens[index + 1];
    if (target?.kind !== 'word' || !redirectionIsSafe(token.text, target)) return false;
    index++;
  }
  const nonEmpty = simpleCommands.filter((words) => words.length > 0);
  return nonEmpty.length > 0 && nonEmpty.every(simpleCommandIsReadOnly);
}

function redirectionIsSafe(operator: string, target: ShellWord): boolean {
  if (writingRedirections.has(operator)) return target.text === '/dev/null' && !target.expands;
  if (operator === '>&' || operator === '<&') return /^(\d+|-)$/.test(target.text);
  return operator === '<';
}

function simpleCommandIsReadOnly(words: readonly ShellWord[]): boolean {
  const [name, ...args] = words;
  if (!name || name.expands || /[=/]/.test(name.text)) return false;
  const check = Object.hasOwn(commands, name.text) ? commands[name.text] : undefined;
  if (check === undefined) return false;
  // A `$VAR` could expand to a flag the check would have refused (`find . $X` with X=-delete).
  if (check !== anyArguments && args.some((arg) => arg.expands)) return false;
  return check(args);
}
