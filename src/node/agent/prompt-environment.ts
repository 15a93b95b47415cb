import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { PromptEnvironment } from '../../core/context/system-prompt';

const run = promisify(execFile);
const maxStatusChars = 2_000;

/**
 * Facts for the environment section, and the git status at the start of the session (capped; for
 * the first message's reminder), gathered once per session. git is optional.
 */
export async function gatherPromptEnvironment(
  cwd: string,
): Promise<{ environment: PromptEnvironment; gitStatus?: string }> {
  const environment: PromptEnvironment = {
    platform: process.platform,
    cwd,
    isGitRepo: false,
    shell: process.env.SHELL,
  };
  try {
    const { stdout } = await run('git', ['status', '--short', '--branch'], { cwd, timeout: 3_000 });
    environment.isGitRepo = true;
    const gitStatus =
      stdout.length > maxStatusChars ? `${stdout.slice(0, maxStatusChars)}\n…` : stdout.trim();
    return { environment, gitStatus };
  } catch {
    // Not a repository, or git is missing: the section says so.
    return { environment };
  }
}

/** The repository root containing `cwd`, else `cwd` itself (memory and settings are found from here). */
export async function projectRootOf(cwd: string): Promise<string> {
  try {
    const { stdout } = await run('git', ['rev-parse', '--show-toplevel'], { cwd, timeout: 3_000 });
    return stdout.trim() || cwd;
  } catch {
    return cwd;
  }
}
