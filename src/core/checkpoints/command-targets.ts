import picomatch from 'picomatch/posix';
import { toPosixPath } from '../paths/posix-path';
import { canonicalArgv } from '../permissions/bash-command';
import { isOutputRedirect, isStandardStream } from '../permissions/redirect-writes';
import type { ParsedCommand } from '../permissions/shell-parser';
import { resolvePath } from '../paths/resolve-path';

/** Commands whose arguments are text, not paths. */
const textArgumentCommands = new Set(['echo', 'printf', 'true', 'false', ':', 'test', '[', '[[']);
/** Commands that remove or move whole folders: the files inside a folder they name are captured. */
const folderRemovingCommands = new Set(['rm', 'mv', 'rmdir', 'rsync']);

/** The paths a shell command names, resolved, for capturing before it runs. */
export interface CommandTargets {
  /** Absolute, normalised; files or not, existing or not. In order, without repeats. */
  paths: string[];
  /** Absolute glob patterns from unquoted wildcard words (`src/*.ts`), matched against the scan. */
  globs: string[];
  /** Named folders whose files a command may remove or move (`rm -r build`, `mv src lib`). */
  folders: string[];
}

/** The path a word may name: the word itself, `--out=value`'s value, `-o/path`'s path. */
function pathValue(word: string): string {
  if (!word.startsWith('-')) return word;
  if (word.includes('=')) return word.slice(word.indexOf('=') + 1);
  const attached = word.startsWith('--') ? '' : word.slice(2);
  return /^[/.]/.test(attached) ? attached : '';
}

/**
 * Every path a parsed command names — redirect targets and path-like arguments of every
 * sub-command (`sed -i`, `tee`, `mv`, `cp`, `rm`, a formatter's file list, a script's arguments) —
 * so their content can be kept before it runs. Deliberately wide: a named file the command only
 * reads costs a deduplicated blob that is dropped when the turn ends unchanged. Words only known at
 * run time (`$F`, `$(…)`) and `~` paths are left out; the end-of-turn scan still notices what they
 * changed. At most `limit` entries in all.
 */
export function commandTargets(parsed: ParsedCommand, startCwd: string, limit: number): CommandTargets {
  let cwd = startCwd;
  const paths = new Set<string>();
  const globs = new Set<string>();
  const folders = new Set<string>();
  const room = () => paths.size + globs.size + folders.size < limit;
  for (const subcommand of parsed.subcommands) {
    for (const redirect of subcommand.redirects) {
      if (!isOutputRedirect(redirect) || redirect.dynamic || isStandardStream(redirect.target)) continue;
      if (room() && !redirect.target.startsWith('~')) paths.add(resolvePath(cwd, redirect.target));
    }
    const argv = canonicalArgv(subcommand.argv);
    const command = argv[0] ?? '';
    if (textArgumentCommands.has(command)) continue;
    // `cd sub && sed -i … file`: later relative words are relative to `sub`.
    if (command === 'cd' && argv.length === 2 && subcommand.dynamicWords.length === 0) {
      const folder = argv[1] ?? '';
      if (folder !== '-' && !folder.startsWith('~')) cwd = resolvePath(cwd, folder);
      continue;
    }
    const offset = subcommand.argv.length - argv.length;
    const removesFolders = folderRemovingCommands.has(command.split('/').at(-1) ?? command);
    for (let index = 1; index < argv.length && room(); index += 1) {
      if (subcommand.dynamicWords.includes(index + offset)) continue;
      const value = pathValue(argv[index] ?? '');
      if (value === '' || value.startsWith('~')) continue;
      const absolute = resolvePath(cwd, value);
      if (subcommand.globWords.includes(index + offset)) globs.add(absolute);
      else {
        paths.add(absolute);
        if (removesFolders) folders.add(absolute);
      }
    }
  }
  return { paths: [...paths], globs: [...globs], folders: [...folders] };
}

/**
 * Matches paths against the shell's own wildcard rules (`*` stops at `/` and skips dot files), for
 * the wildcard words of a command; a word that is not a valid pattern matches nothing.
 */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  const patterns = globs.flatMap((glob) => {
    try {
      return [picomatch.makeRe(toPosixPath(glob))];
    } catch {
      return [];
    }
  });
  return (path) => {
    const posix = toPosixPath(path);
    return patterns.some((pattern) => pattern.test(posix));
  };
}
