import type { Logger } from '../ports';
import type { HookHandler, HooksSettings } from '../settings/settings-schema';
import { matchTarget, toHookWireInput } from './hook-event';
import type { HookEventInput } from './hook-event';
import type { HookExecutor } from './hook-executor';
import { matchHook } from './hook-matcher';
import {
  combineHookOutcomes,
  emptyHookOutcome,
  outcomeFromBlockingExit,
  outcomeFromSuccess,
} from './hook-outcome';
import type { HookOutcome } from './hook-outcome';

/** Seconds. Claude Code's late-2025 default for command hooks. */
export const defaultCommandHookTimeout = 60;
/** Seconds. */
export const defaultHttpHookTimeout = 30;

/** What a session's hook runner needs; `hooks` is the merged settings' `hooks`. */
export interface HookRunnerOptions {
  /** The merged `hooks` settings. */
  hooks: HooksSettings;
  executor: HookExecutor;
  sessionId: string;
  transcriptPath: string;
  cwd: string;
  /** `CLAUDE_PROJECT_DIR` and the hooks' working directory; defaults to `cwd`. */
  projectDir?: string;
  /** Sent as `permission_mode` when set. */
  permissionMode?: string;
  logger: Logger;
}

/**
 * Runs the hooks configured for an event: every matching handler in parallel, their outcomes
 * combined (see `combineHookOutcomes`). Never throws: a hook that fails, times out or answers badly
 * becomes a warning in `messages` and decides nothing.
 */
export class HookRunner {
  #options: HookRunnerOptions;

  constructor(options: HookRunnerOptions) {
    this.#options = options;
  }

  /** Takes the hooks of reloaded settings; runs already started finish with the old ones. */
  updateHooks(hooks: HookRunnerOptions['hooks']): void {
    this.#options = { ...this.#options, hooks };
  }

  /** True when at least one handler would run for the event (lets the loop skip work). */
  has(event: HookEventInput): boolean {
    return this.#matching(event, []).length > 0;
  }

  async run(event: HookEventInput, signal: AbortSignal): Promise<HookOutcome> {
    const messages: HookOutcome['messages'] = [];
    const handlers = this.#matching(event, messages);
    if (handlers.length === 0) return { ...emptyHookOutcome(), messages };
    const { sessionId, transcriptPath, cwd, permissionMode } = this.#options;
    const input = JSON.stringify(toHookWireInput(event, { sessionId, transcriptPath, cwd, permissionMode }));
    const outcomes = await Promise.all(
      handlers.map((handler) => this.#runHandler(event, handler, input, signal)),
    );
    const combined = combineHookOutcomes(outcomes);
    combined.messages.unshift(...messages);
    return combined;
  }

  #matching(event: HookEventInput, messages: HookOutcome['messages']): HookHandler[] {
    const target = matchTarget(event);
    const handlers: HookHandler[] = [];
    for (const group of this.#options.hooks[event.event] ?? []) {
      const match = matchHook(group.matcher, target);
      if (match.error !== undefined) messages.push({ level: 'warning', text: match.error });
      if (match.matches) handlers.push(...group.hooks);
    }
    return handlers;
  }

  async #runHandler(
    event: HookEventInput,
    handler: HookHandler,
    input: string,
    signal: AbortSignal,
  ): Promise<HookOutcome> {
    if (handler.type === 'command' && typeof handler.command === 'string') {
      return this.#runCommand(event, handler.command, handler.timeout, input, signal);
    }
    if (handler.type === 'http' && typeof handler.url === 'string') {
      const headers = (handler.headers ?? {}) as Record<string, string>;
      const timeout = typeof handler.timeout === 'number' ? handler.timeout : defaultHttpHookTimeout;
      return this.#runHttp(event, handler.url, headers, timeout, input, signal);
    }
    return warning(`hook type "${handler.type}" is not supported by Tandem; skipped`);
  }

  async #runCommand(
    event: HookEventInput,
    command: string,
    timeout: unknown,
    input: string,
    signal: AbortSignal,
  ): Promise<HookOutcome> {
    const seconds = typeof timeout === 'number' ? timeout : defaultCommandHookTimeout;
    const projectDir = this.#options.projectDir ?? this.#options.cwd;
    const label = `hook \`${command}\``;
    const result = await this.#options.executor.runCommand({
      command,
      stdin: input,
      cwd: projectDir,
      env: { CLAUDE_PROJECT_DIR: projectDir },
      timeoutMs: seconds * 1000,
      signal,
    });
    this.#options.logger.debug('hook finished', event.event, command, result.kind);
    switch (result.kind) {
      case 'exited':
        if (result.exitCode === 0) return outcomeFromSuccess(event.event, result.stdout, label);
        if (result.exitCode === 2)
          return outcomeFromBlockingExit(event.event, result.stderr, result.stdout, label);
        return warning(`${label} failed with exit code ${result.exitCode}${suffix(result.stderr)}`);
      case 'timed-out':
        return warning(`${label} timed out after ${seconds} s and was stopped`);
      case 'aborted':
        return emptyHookOutcome();
      case 'failed':
        return warning(`${label} could not run: ${result.error}`);
    }
  }

  async #runHttp(
    event: HookEventInput,
    url: string,
    headers: Record<string, string>,
    seconds: number,
    input: string,
    signal: AbortSignal,
  ): Promise<HookOutcome> {
    const label = `HTTP hook ${url}`;
    const result = await this.#options.executor.postHttp({
      url,
      headers,
      body: input,
      timeoutMs: seconds * 1000,
      signal,
    });
    switch (result.kind) {
      case 'response':
        if (result.status >= 200 && result.status < 300)
          return outcomeFromSuccess(event.event, result.body, label);
        return warning(`${label} answered HTTP ${result.status}${suffix(result.body)}`);
      case 'timed-out':
        return warning(`${label} timed out after ${seconds} s`);
      case 'aborted':
        return emptyHookOutcome();
      case 'failed':
        return warning(`${label} failed: ${result.error}`);
    }
  }
}

function warning(text: string): HookOutcome {
  return { ...emptyHookOutcome(), messages: [{ level: 'warning', text }] };
}

function suffix(detail: string): string {
  const text = detail.trim();
  return text === '' ? '' : `: ${text.length > 500 ? `${text.slice(0, 500)}…` : text}`;
}
