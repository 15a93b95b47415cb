/**
 * The shell-parsing port. The core decides on Bash commands from this structure only; the Node
 * implementation (src/node/bash-parser) builds it from a tree-sitter-bash syntax tree.
 */

/** Something in a command that no allow rule may approve on its own. */
export type HazardKind =
  | 'command_substitution'
  | 'process_substitution'
  | 'eval'
  | 'source'
  | 'exec'
  | 'sudo'
  | 'background'
  | 'too_many'
  | 'parse_error'
  | 'variable_expansion'
  | 'unicode'
  | 'invisible_characters'
  | 'ansi_c_quoting'
  | 'brace_expansion'
  | 'glob_in_command'
  | 'function_definition'
  | 'runs_program'
  | 'dangerous_env'
  | 'directory_change'
  | 'heredoc'
  | 'subshell';

export interface Hazard {
  kind: HazardKind;
  /** The piece of the command that raised it, for the prompt. */
  detail: string;
}

/** Hazards that are recorded for the prompt but do not force asking by themselves. */
export const informationalHazards: ReadonlySet<HazardKind> = new Set(['heredoc', 'subshell']);

export interface Redirect {
  /** The operator as written: `>`, `>>`, `<`, `&>`, `&>>`, `>|`, `>&`. */
  op: string;
  /** The destination word with quotes resolved; file-descriptor duplications are not listed. */
  target: string;
  /** True when the target holds an expansion, so its real value is unknown until run time. */
  dynamic: boolean;
}

export interface Assignment {
  name: string;
  value: string;
}

export interface SubCommand {
  /** Words with quotes and escapes resolved; a word holding an expansion keeps its raw text. */
  argv: string[];
  /** Indexes into argv of words whose value is only known at run time (`$X`, `$(…)`). */
  dynamicWords: number[];
  /** Indexes into argv of words with unquoted glob characters (`*`, `?`, `[`). */
  globWords: number[];
  /** `FOO=1` assignments written before the command word (or alone). */
  assignments: Assignment[];
  /** The source text of this sub-command. */
  text: string;
  redirects: Redirect[];
}

export interface ParsedCommand {
  /** Every simple command found anywhere in the tree: lists, pipelines, bodies, substitutions. */
  subcommands: SubCommand[];
  hazards: Hazard[];
}

/** Parses a shell command. Must not throw: a command it cannot parse carries a `parse_error` hazard. */
export interface ShellParser {
  parse(command: string): ParsedCommand;
}

/** More sub-commands than this are not judged one by one: the whole command asks. */
export const maxSubcommands = 50;

const hazardousCommandWords: ReadonlyMap<string, HazardKind> = new Map([
  ['eval', 'eval'],
  ['source', 'source'],
  ['.', 'source'],
  ['exec', 'exec'],
  ['sudo', 'sudo'],
  ['doas', 'sudo'],
  ['su', 'sudo'],
  ['pkexec', 'sudo'],
  ['run0', 'sudo'],
]);

/**
 * Hazards raised by the command word itself: `eval`, `source`/`.`, `exec`, `sudo` and kin, a word
 * that needs expanding or globbing, non-ASCII look-alikes. Pure; used by every ShellParser.
 */
export function commandWordHazards(word: string, dynamic: boolean): Hazard[] {
  const hazards: Hazard[] = [];
  const base = word.includes('/') ? word.slice(word.lastIndexOf('/') + 1) : word;
  const kind = hazardousCommandWords.get(base);
  if (kind) hazards.push({ kind, detail: word });
  if (dynamic) hazards.push({ kind: 'variable_expansion', detail: word });
  if (/[^\x21-\x7e]/.test(word)) hazards.push({ kind: 'unicode', detail: word });
  if (/[*?[\]]/.test(word)) hazards.push({ kind: 'glob_in_command', detail: word });
  if (/\{[^}]*(,|\.\.)[^}]*\}/.test(word)) hazards.push({ kind: 'brace_expansion', detail: word });
  return hazards;
}

/** Zero-width, bidirectional-override and other invisible characters that hide what runs. */
export function hasInvisibleCharacters(text: string): boolean {
  return /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/.test(text);
}
