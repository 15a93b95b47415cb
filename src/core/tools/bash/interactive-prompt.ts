import type { Clock, Shell } from '../../ports';
import { endOfText } from '../../text/cut-middle';

/** How long a background command must be silent before its last line is read as a prompt, in ms. */
export const defaultPromptQuietMs = 5_000;

const promptPatterns: readonly RegExp[] = [
  /[([]\s*y(es)?\s*\/\s*n(o)?\s*[)\]]/i,
  /\(yes\/no(\/\[fingerprint\])?\)/i,
  /press (any key|enter|return)/i,
  /\b(password|passphrase)( for [^:]*)?:\s*$/i,
  /\b(continue|proceed|overwrite|replace|retry)\s*\?/i,
  /are you sure/i,
  /do you want to/i,
  /enter (a |the )?[\w ]+:\s*$/i,
  // inquirer / prompts / enquirer style: "? Pick a template ›" or "✔ Project name: …"
  /^\s*[?❯›]\s+\S.*$/,
  /[›❯]\s*$/,
];

/**
 * True when a background command looks stuck on a question: no output for at least `quietMs` and
 * the last non-empty line of `tail` reads like an interactive prompt (`(y/n)`, `[Y/n]`, `Password:`,
 * `Press any key`, `Continue?`, `? Pick one`). Only the last 1,024 characters are looked at. Pure.
 */
export function detectInteractivePrompt(
  tail: string,
  msSinceLastOutput: number,
  quietMs: number = defaultPromptQuietMs,
): boolean {
  if (msSinceLastOutput < quietMs) return false;
  const plain = tail.slice(-1_024).replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
  const lastLine = plain
    .split(/\r?\n|\r/)
    .map((line) => line.trimEnd())
    .filter((line) => line.length > 0)
    .at(-1);
  return lastLine !== undefined && promptPatterns.some((pattern) => pattern.test(lastLine));
}

/** The note given to the model about a command that waits for input. */
export function interactivePromptNote(id: string): string {
  return (
    `${id} appears to be waiting for interactive input, which it will never get. ` +
    `Kill it with KillShell and run the command again non-interactively, e.g. with a flag like ` +
    `--yes / -y / --no-input, with CI=1, or by piping an answer (\`yes | command\`).`
  );
}

/** A background shell that looks stuck on a prompt. */
export interface StuckShellNotice {
  id: string;
  command: string;
  message: string;
}

/**
 * Checks every running background shell for an interactive prompt. `alreadyNotified` (optional,
 * updated in place) keeps a shell from being reported twice; without it every call reports again.
 */
export function checkBackgroundShells(
  shell: Shell,
  clock: Clock,
  alreadyNotified?: Set<string>,
): StuckShellNotice[] {
  const notices: StuckShellNotice[] = [];
  for (const background of shell.listBackground()) {
    const status = background.status();
    if (!status.running || alreadyNotified?.has(background.id)) continue;
    if (!detectInteractivePrompt(endOfText(background.readAll()), clock.now() - status.lastOutputAt))
      continue;
    alreadyNotified?.add(background.id);
    notices.push({
      id: background.id,
      command: background.command,
      message: interactivePromptNote(background.id),
    });
  }
  return notices;
}
