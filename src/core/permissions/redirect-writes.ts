import type { PermissionDecision, TargetEvaluation } from './permission-decision';
import { decided } from './permission-decision';
import type { ParsedCommand, Redirect } from './shell-parser';

/** Where output may go without it being a file write: the bit bucket and the standard streams. */
const standardStreams = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty']);

/** `/dev/null`, `/dev/stdout`, `/dev/stderr`, `/dev/tty` and `/dev/fd/N`: not files in the workspace. */
export function isStandardStream(target: string): boolean {
  return standardStreams.has(target) || /^\/dev\/fd\/\d+$/.test(target);
}

/**
 * True for a redirection that writes its target: `>`, `>>`, `>|`, `&>`, `&>>`, `>&file`, `N>`, and
 * `<>` (opened for reading and writing). Input redirections (`<`, here-documents, here-strings) and
 * descriptor duplications (`2>&1`, which the parser does not list) do not write.
 */
export function isOutputRedirect(redirect: Redirect): boolean {
  return redirect.op.includes('>');
}

/**
 * The files a command writes through output redirections, as written (quotes resolved), in order
 * and without repeats. Standard streams are left out; so are targets only known at run time
 * (`> "$F"`, `> $(x)`), which the path checks make ask on their own.
 */
export function redirectWriteTargets(parsed: ParsedCommand): string[] {
  const targets = new Set<string>();
  for (const subcommand of parsed.subcommands) {
    for (const redirect of subcommand.redirects) {
      if (!isOutputRedirect(redirect) || redirect.dynamic || isStandardStream(redirect.target)) continue;
      targets.add(redirect.target);
    }
  }
  return [...targets];
}

/** `to /a/notes.md`, `to /a/x and /a/y`: the files a command redirects into, for the person. */
export function describeWrites(paths: readonly string[]): string {
  const rest = paths.length - 3;
  const items = rest > 0 ? [...paths.slice(0, 3), `${rest} more`] : paths;
  return `to ${items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '')}`;
}

/**
 * The decision for a command whose every sub-command is allowed but whose redirections write files
 * no Edit rule covers: the writes are edits, so accept-edits mode allows them inside the workspace
 * (`acceptsEdits`), and otherwise the person is asked, with the targets in the reason and an Edit
 * rule offered for "allow always".
 */
export function redirectWriteDecision(
  evaluation: TargetEvaluation,
  acceptsEdits: boolean,
): PermissionDecision {
  const writes = describeWrites(evaluation.writes ?? []);
  if (acceptsEdits) {
    return decided('allow', `Accept-edits mode allows the command to write ${writes}.`, {
      kind: 'mode',
      mode: 'acceptEdits',
    });
  }
  const decision = decided(
    'ask',
    `The command is allowed, but it writes ${writes}; writing a file needs your approval unless an Edit rule or accept-edits mode allows it.`,
    { kind: 'check', check: 'redirect-write' },
  );
  if (evaluation.suggestedRule) decision.suggestedRule = evaluation.suggestedRule;
  return decision;
}
