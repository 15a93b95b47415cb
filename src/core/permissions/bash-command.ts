import type { RuleMatcher } from './permission-rule';
import type { Assignment } from './shell-parser';

const dangerousEnvNames = new Set([
  'PATH',
  'IFS',
  'ENV',
  'BASH_ENV',
  'PROMPT_COMMAND',
  'SHELLOPTS',
  'BASHOPTS',
  'PS4',
  'CDPATH',
  'HOME',
  'ZDOTDIR',
  'NODE_OPTIONS',
  'NODE_PATH',
  'PYTHONPATH',
  'PYTHONSTARTUP',
  'PYTHONHOME',
  'PERL5OPT',
  'PERL5LIB',
  'PERLLIB',
  'RUBYOPT',
  'RUBYLIB',
  'JAVA_TOOL_OPTIONS',
  '_JAVA_OPTIONS',
  'EDITOR',
  'VISUAL',
  'PAGER',
  'MANPAGER',
  'LESSOPEN',
  'LESSCLOSE',
  'SSH_ASKPASS',
  'SUDO_ASKPASS',
  'GCONV_PATH',
  'HOSTALIASES',
  'TMPDIR',
]);
const dangerousEnvPrefixes = [
  'LD_',
  'DYLD_',
  'GIT_',
  'BASH_FUNC_',
  'NPM_CONFIG_',
  'npm_config_',
  'CARGO_',
  'RUSTC',
];

/**
 * True when setting this variable can change which program runs or what it loads (`PATH`,
 * `LD_PRELOAD`, `GIT_*`, `BASH_ENV`, `PROMPT_COMMAND`, `IFS`, …); such an assignment makes a
 * command ask even when an allow rule matches the rest.
 */
export function isDangerousEnvAssignment(assignment: Assignment): boolean {
  const name = assignment.name.replace(/\[.*$/, '').replace(/\+$/, '');
  return dangerousEnvNames.has(name) || dangerousEnvPrefixes.some((prefix) => name.startsWith(prefix));
}

/** Skips a wrapper's own options; returns the index of the wrapped command word. */
function skipOptions(argv: readonly string[], start: number, withValue: ReadonlySet<string>): number {
  let index = start;
  while (index < argv.length && (argv[index] ?? '').startsWith('-') && argv[index] !== '-') {
    const word = argv[index] ?? '';
    index += withValue.has(word) ? 2 : 1;
    if (word === '--') break;
  }
  return index;
}

function stripOneWrapper(argv: readonly string[]): readonly string[] | undefined {
  const word = argv[0];
  if (argv.length < 2) return undefined;
  switch (word) {
    case 'nohup':
    case 'builtin':
    case 'noglob':
      return argv.slice(1);
    case 'command':
      return /^-[vV]/.test(argv[1] ?? '') ? undefined : argv.slice(skipOptions(argv, 1, new Set()));
    case 'time':
      return argv.slice(argv[1] === '-p' ? 2 : 1);
    case 'nice':
      return argv.slice(skipOptions(argv, 1, new Set(['-n', '--adjustment'])));
    case 'timeout': {
      const index = skipOptions(argv, 1, new Set(['-s', '--signal', '-k', '--kill-after']));
      return argv.length > index + 1 ? argv.slice(index + 1) : undefined;
    }
    case 'stdbuf':
      return argv.slice(skipOptions(argv, 1, new Set(['-i', '-o', '-e'])));
    default:
      return undefined;
  }
}

/**
 * The argv an allow rule is matched against: harmless wrappers (`timeout 5`, `nice`, `nohup`,
 * `time`, `command`, `builtin`, `noglob`, `stdbuf`) are removed from the front. Unlike Claude
 * Code, bare `xargs` is kept: its arguments come from stdin, so `echo ~/.ssh/id_rsa | xargs cat`
 * must not pass as `cat`.
 */
export function canonicalArgv(argv: readonly string[]): readonly string[] {
  let current = argv;
  for (let guard = 0; guard < 16; guard++) {
    const next = stripOneWrapper(current);
    if (!next || next.length === 0) return current;
    current = next;
  }
  return current;
}

const gitOptionsWithValue = new Set([
  '-C',
  '-c',
  '--git-dir',
  '--work-tree',
  '--namespace',
  '--exec-path',
  '--config-env',
]);

function stripRunner(argv: readonly string[]): readonly string[] | undefined {
  const word = argv[0] ?? '';
  switch (word) {
    case 'git': {
      // `git -C . --no-pager push` is still `git push` for deny and ask rules.
      const index = skipOptions(argv, 1, gitOptionsWithValue);
      return index > 1 ? ['git', ...argv.slice(index)] : undefined;
    }
    case 'env': {
      let index = 1;
      while (
        index < argv.length &&
        (/^-/.test(argv[index] ?? '') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[index] ?? ''))
      ) {
        index += ['-u', '--unset', '-C', '--chdir', '-S', '--split-string'].includes(argv[index] ?? '')
          ? 2
          : 1;
      }
      return argv.slice(index);
    }
    case 'sudo':
    case 'doas':
      return argv.slice(skipOptions(argv, 1, new Set(['-u', '-g', '-C', '-h', '-p', '-U', '-r', '-t'])));
    case 'exec':
      return argv.slice(skipOptions(argv, 1, new Set(['-a'])));
    case 'coproc':
    case 'then':
      return argv.slice(1);
    case 'xargs':
      return argv.slice(
        skipOptions(argv, 1, new Set(['-I', '-i', '-n', '-P', '-L', '-d', '-E', '-s', '-a'])),
      );
    default:
      return stripOneWrapper(argv);
  }
}

/**
 * Every form a deny or ask rule is tried against: the argv as written, its canonical form, the
 * forms with runners (`env`, `sudo`, `exec`, `xargs …`) peeled off, and each with the command
 * word's folder removed (`/bin/rm` → `rm`). Broader than `canonicalArgv` on purpose.
 */
export function escalationForms(argv: readonly string[]): (readonly string[])[] {
  const forms: (readonly string[])[] = [];
  let current: readonly string[] | undefined = argv;
  for (let guard = 0; current && current.length > 0 && guard < 16; guard++) {
    forms.push(current);
    const first = current[0] ?? '';
    if (first.includes('/')) {
      current = [first.slice(first.lastIndexOf('/') + 1), ...current.slice(1)];
      forms.push(current);
    }
    current = stripRunner(current);
  }
  return forms;
}

const patternCache = new Map<string, RegExp>();

function bashPatternRegExp(pattern: string): RegExp {
  const cached = patternCache.get(pattern);
  if (cached) return cached;
  // Words are joined with NUL so a pattern's space only matches a real word boundary.
  const trailingWord = pattern.endsWith(' *');
  const body = trailingWord ? pattern.slice(0, -2) : pattern;
  const source = body
    .split('*')
    .map((literal) => literal.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\u0000'))
    .join('[\\s\\S]*');
  const regex = new RegExp(`^${source}${trailingWord ? '(?:\\u0000[\\s\\S]*)?' : ''}$`);
  if (patternCache.size > 2_000) patternCache.clear();
  patternCache.set(pattern, regex);
  return regex;
}

/** Whether a Bash rule's matcher covers these argv words. */
export function bashMatcherMatches(matcher: RuleMatcher, argv: readonly string[]): boolean {
  switch (matcher.kind) {
    case 'tool':
      return true;
    case 'bash-prefix':
      return (
        matcher.words.length <= argv.length && matcher.words.every((word, index) => argv[index] === word)
      );
    case 'bash-pattern':
      return bashPatternRegExp(matcher.pattern).test(argv.join('\u0000'));
    default:
      return false;
  }
}

/** The rule offered for "allow always": the command word and its sub-command word, if any. */
export function suggestBashRule(argv: readonly string[]): string | undefined {
  const [first, second] = argv;
  if (!first) return undefined;
  const safeWord = (word: string) => /^[A-Za-z0-9_./:@=+-]+$/.test(word);
  if (!safeWord(first)) return undefined;
  if (second && !second.startsWith('-') && safeWord(second)) return `Bash(${first} ${second}:*)`;
  return `Bash(${first}:*)`;
}
