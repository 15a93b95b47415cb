import { escalationForms } from './bash-command';
import type { ParsedCommand, ShellParser, SubCommand } from './shell-parser';
import { maxSubcommands } from './shell-parser';

const shells = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish']);
const findExecFlags = new Set(['-exec', '-execdir', '-ok', '-okdir']);
const maxDepth = 3;

function basename(word: string): string {
  return word.includes('/') ? word.slice(word.lastIndexOf('/') + 1) : word;
}

/** The shell script a sub-command runs from a string: `bash -c '…'`, `su -c '…'`, `eval …`. */
function scriptOf(argv: readonly string[]): string | undefined {
  const command = basename(argv[0] ?? '');
  if (command === 'eval') return argv.slice(1).join(' ');
  if (!shells.has(command) && command !== 'su') return undefined;
  const flag = argv.findIndex((word, index) => index > 0 && /^-[a-zA-Z]*c[a-zA-Z]*$/.test(word));
  return flag === -1 ? undefined : argv[flag + 1];
}

/** `find … -exec cmd args ;` → the argv of `cmd args`. */
function findExecArgv(argv: readonly string[]): string[][] {
  if (basename(argv[0] ?? '') !== 'find') return [];
  const found: string[][] = [];
  for (let index = 1; index < argv.length; index++) {
    if (!findExecFlags.has(argv[index] ?? '')) continue;
    const end = argv.findIndex((word, at) => at > index && (word === ';' || word === '+'));
    found.push(argv.slice(index + 1, end === -1 ? undefined : end));
    index = end === -1 ? argv.length : end;
  }
  return found;
}

function plain(argv: string[], text: string): SubCommand {
  return { argv, dynamicWords: [], globWords: [], assignments: [], text, redirects: [] };
}

/**
 * Adds the commands hidden inside other commands — `bash -c 'rm …'`, `eval 'rm …'`, `find -exec
 * rm …`, also behind wrappers such as `sudo` or `xargs` — as sub-commands of their own, so deny and
 * ask rules see them and allow rules must cover them too. Nested parses add their hazards.
 */
export function expandEmbeddedCommands(parsed: ParsedCommand, parser: ShellParser, depth = 0): ParsedCommand {
  if (depth >= maxDepth) return parsed;
  const subcommands = [...parsed.subcommands];
  const hazards = [...parsed.hazards];
  for (const subcommand of parsed.subcommands) {
    for (const form of escalationForms(subcommand.argv)) {
      const script = scriptOf(form);
      if (script !== undefined && subcommands.length <= maxSubcommands) {
        const nested = expandEmbeddedCommands(parser.parse(script), parser, depth + 1);
        subcommands.push(...nested.subcommands);
        hazards.push(...nested.hazards);
      }
      for (const argv of findExecArgv(form)) {
        if (argv.length > 0) subcommands.push(plain(argv, argv.join(' ')));
      }
    }
  }
  if (subcommands.length > maxSubcommands && !hazards.some((hazard) => hazard.kind === 'too_many')) {
    hazards.push({ kind: 'too_many', detail: `${subcommands.length} sub-commands` });
  }
  return { subcommands, hazards };
}
