import { canonicalArgv } from './bash-command';
import type { Escalation } from './bash-hazards';
import type { PathContext } from './path-permissions';
import {
  isInsideReadRoot,
  isInsideWorkspace,
  isProtected,
  isSecret,
  isUnc,
  resolveForCheck,
} from './path-permissions';
import { isOutputRedirect, isStandardStream } from './redirect-writes';
import type { ParsedCommand, SubCommand } from './shell-parser';

/** Commands whose arguments are text, not paths. */
const textArgumentCommands = new Set(['echo', 'printf', 'true', 'false', ':', '[[', 'test', '[']);
/** Commands that only read the paths they are given, so protected paths may be named. */
const readingCommands = new Set([
  'cat',
  'head',
  'tail',
  'less',
  'more',
  'grep',
  'egrep',
  'fgrep',
  'rg',
  'ls',
  'wc',
  'diff',
  'cmp',
  'stat',
  'file',
  'tree',
  'du',
  'jq',
]);
const directoryChangers = new Set(['cd', 'pushd', 'popd']);
const maxPathWords = 64;

interface PathTarget {
  raw: string;
  what: 'reads' | 'writes to' | 'uses';
  /** Naming a protected path is fine here (a reading command or an input redirect). */
  readOnly: boolean;
}

/** The value a word may name a path with: the word, `--opt=value`'s value, `-o/path`'s path. */
function pathValue(word: string): string {
  if (!word.startsWith('-')) return word;
  if (word.includes('=')) return word.slice(word.indexOf('=') + 1);
  const attached = word.startsWith('--') ? '' : word.slice(2);
  return /^[/~.]/.test(attached) ? attached : '';
}

function wordTargets(subcommand: SubCommand): PathTarget[] | Escalation {
  const argv = canonicalArgv(subcommand.argv);
  const command = argv[0] ?? '';
  if (textArgumentCommands.has(command)) return [];
  const offset = subcommand.argv.length - argv.length;
  const readOnly = readingCommands.has(command);
  const targets: PathTarget[] = [];
  for (let index = 1; index < argv.length; index++) {
    const word = argv[index] ?? '';
    if (subcommand.dynamicWords.includes(index + offset)) {
      return {
        check: 'hazard:variable_expansion',
        reason: `\`${command}\` gets ${word}, whose value is only known when it runs.`,
      };
    }
    if (subcommand.globWords.includes(index + offset) && /(^|\/)\.[^./]/.test(word)) {
      return { check: 'secret-path', reason: `The pattern ${word} may match hidden files such as .env.` };
    }
    const value = pathValue(word);
    if (value !== '') targets.push({ raw: value, what: 'uses', readOnly });
    // `DESTDIR=/usr`, `output=/etc/x`: a path after `=` in a plain word.
    const assigned = word.startsWith('-') ? '' : word.slice(word.indexOf('=') + 1);
    if (word.includes('=') && /^[/~]/.test(assigned)) targets.push({ raw: assigned, what: 'uses', readOnly });
  }
  if (directoryChangers.has(command) && targets.length === 0) {
    targets.push({ raw: command === 'popd' ? '-' : '~', what: 'uses', readOnly: true });
  }
  return targets;
}

function collectTargets(parsed: ParsedCommand): PathTarget[] | Escalation {
  const targets: PathTarget[] = [];
  for (const subcommand of parsed.subcommands) {
    for (const redirect of subcommand.redirects) {
      if (redirect.dynamic) {
        return {
          check: 'outside-workspace',
          reason: `The redirect target ${redirect.target} is only known when it runs.`,
        };
      }
      if (isStandardStream(redirect.target)) continue;
      const reads = !isOutputRedirect(redirect);
      targets.push({ raw: redirect.target, what: reads ? 'reads' : 'writes to', readOnly: reads });
    }
    const words = wordTargets(subcommand);
    if (!Array.isArray(words)) return words;
    targets.push(...words);
  }
  return targets;
}

/**
 * Checks every path a command names (redirect targets and path-like arguments, resolved against
 * the shell's folder and through symlinks): outside the workspace, secrets, protected places,
 * UNC shares, another user's home, and relative paths after a `cd`.
 */
export async function pathEscalation(
  parsed: ParsedCommand,
  context: PathContext,
): Promise<Escalation | undefined> {
  const changesDirectory = parsed.subcommands.some((subcommand) =>
    directoryChangers.has(canonicalArgv(subcommand.argv)[0] ?? ''),
  );
  const targets = collectTargets(parsed);
  if (!Array.isArray(targets)) return targets;
  if (targets.length > maxPathWords)
    return { check: 'outside-workspace', reason: 'It names too many paths to check.' };
  for (const { raw, what, readOnly } of targets) {
    if (raw === '-')
      return { check: 'outside-workspace', reason: 'It changes to a folder only known when it runs.' };
    if (isUnc(raw, context.windows))
      return { check: 'unc', reason: `It ${what} the network path ${raw}.`, refuse: true };
    if (/^~[^/]/.test(raw))
      return { check: 'outside-workspace', reason: `It ${what} ${raw}, in another user's home.` };
    const relative = !raw.startsWith('/') && !raw.startsWith('~');
    if (changesDirectory && relative && (what !== 'uses' || raw.includes('..'))) {
      return {
        check: 'hazard:directory_change',
        reason: `It changes folder, so ${raw} may point outside the workspace.`,
      };
    }
    const path = await resolveForCheck(raw, context);
    const readable = readOnly && isInsideReadRoot(path, context);
    if (!isInsideWorkspace(path, context) && !readable)
      return { check: 'outside-workspace', reason: `It ${what} ${path.real}, outside the workspace.` };
    if (isSecret(path, context))
      return { check: 'secret-path', reason: `It ${what} ${path.lexical}, which may hold secrets.` };
    if (!readOnly && isProtected(path, context)) {
      return {
        check: 'protected-path',
        reason: `It ${what} ${path.lexical}, which can change how tools or the shell behave.`,
      };
    }
  }
  return undefined;
}
