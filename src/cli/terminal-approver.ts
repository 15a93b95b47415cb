import { createInterface } from 'node:readline/promises';
import type { ApprovalAnswer, ApprovalRequest, Approver } from '../core/ports';

/**
 * Asks on the terminal when there is one. Without a terminal (scripts, CI) nobody can answer, so it
 * denies at once with a message that says how to allow the call, instead of hanging.
 */
export class TerminalApprover implements Approver {
  constructor(
    private readonly input: NodeJS.ReadableStream & { isTTY?: boolean },
    private readonly output: NodeJS.WritableStream,
  ) {}

  async ask(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalAnswer> {
    if (!this.input.isTTY) {
      const hint = request.suggestedRule
        ? `allow it with --allowedTools "${request.suggestedRule}"`
        : 'allow it with --allowedTools or --permission-mode';
      return {
        kind: 'deny',
        message: `${request.title} needs approval (${request.reason}), and no one is at a terminal to give it; ${hint}.`,
      };
    }
    const lines = [`\n${request.title}`, `  why: ${request.reason}`];
    if (request.diff) lines.push(request.diff);
    this.output.write(`${lines.join('\n')}\n`);
    const readline = createInterface({ input: this.input, output: this.output });
    try {
      const always = request.suggestedRule ? `, a = always allow ${request.suggestedRule}` : '';
      const answer = (await readline.question(`Allow? [y = once${always}, n = deny] `, { signal }))
        .trim()
        .toLowerCase();
      if (answer === 'y' || answer === 'yes') return { kind: 'allow-once' };
      if (answer === 'a' && request.suggestedRule)
        return { kind: 'allow-always', scope: 'session', rule: request.suggestedRule };
      return { kind: 'deny', message: 'The person denied this call.' };
    } catch {
      return { kind: 'deny', message: 'The person did not answer.' };
    } finally {
      readline.close();
    }
  }
}
