import { z } from 'zod';
import type { HookEventName } from './hook-event';

/** Ranked deny > ask > allow when hooks disagree. */
export type HookPermissionDecision = 'allow' | 'deny' | 'ask';

/** A line for the person (never sent to the model). */
export interface HookMessage {
  level: 'info' | 'warning' | 'error';
  text: string;
}

/**
 * What the hooks of one event decided, combined. How the loop applies `blocked`, by event:
 * PreToolUse — the call is denied with `blockReason` as the tool result; PostToolUse — `blockReason`
 * is given to the model beside the result; UserPromptSubmit — the prompt is blocked and erased;
 * Stop/SubagentStop — the agent does not stop and gets `blockReason` as its next instruction.
 * `stopContinuation` (a hook's `continue: false`) ends the whole turn, whatever the event.
 * `additionalContext` goes to the model as system reminders; `messages` are for the person.
 */
export interface HookOutcome {
  blocked: boolean;
  blockReason?: string;
  permissionDecision?: HookPermissionDecision;
  permissionReason?: string;
  additionalContext: string[];
  stopContinuation?: { reason: string };
  messages: HookMessage[];
}

/** An outcome that decides nothing. */
export const emptyHookOutcome = (): HookOutcome => ({ blocked: false, additionalContext: [], messages: [] });

/** Hook JSON output (Claude Code's shape); extra keys are ignored. */
export const hookJsonOutputSchema = z.looseObject({
  continue: z.boolean().optional(),
  stopReason: z.string().optional(),
  suppressOutput: z.boolean().optional(),
  systemMessage: z.string().optional(),
  decision: z.enum(['block', 'approve']).optional(),
  reason: z.string().optional(),
  hookSpecificOutput: z
    .looseObject({
      hookEventName: z.string().optional(),
      permissionDecision: z.enum(['allow', 'deny', 'ask', 'defer']).optional(),
      permissionDecisionReason: z.string().optional(),
      additionalContext: z.string().optional(),
    })
    .optional(),
});

/** Parsed hook JSON output. */
export type HookJsonOutput = z.infer<typeof hookJsonOutputSchema>;

/** Events whose plain stdout (exit 0) becomes context for the model. */
const stdoutIsContext: ReadonlySet<HookEventName> = new Set(['UserPromptSubmit', 'SessionStart']);

/** Parses stdout as hook JSON when it is a JSON object of the right shape; otherwise undefined (plain text). */
export function parseHookJson(stdout: string): HookJsonOutput | undefined {
  const trimmed = stdout.trim();
  if (!trimmed.startsWith('{')) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  const result = hookJsonOutputSchema.safeParse(raw);
  return result.success ? result.data : undefined;
}

/** The outcome of one successful (exit 0 or 2xx) handler from its output text. */
export function outcomeFromSuccess(event: HookEventName, output: string, label: string): HookOutcome {
  const json = parseHookJson(output);
  if (json) return outcomeFromJson(event, json);
  const outcome = emptyHookOutcome();
  const text = output.trim();
  if (text === '') return outcome;
  if (stdoutIsContext.has(event)) outcome.additionalContext.push(text);
  else outcome.messages.push({ level: 'info', text: `${label}: ${text}` });
  return outcome;
}

/** Events that cannot be blocked: exit code 2 only shows stderr to the person. */
const unblockable: ReadonlySet<HookEventName> = new Set(['SessionStart', 'Notification']);

/** Exit code 2: block with stderr (or stdout when stderr is empty) as the reason. */
export function outcomeFromBlockingExit(
  event: HookEventName,
  stderr: string,
  stdout: string,
  label: string,
): HookOutcome {
  const reason = stderr.trim() || stdout.trim() || `blocked by hook ${label}`;
  if (unblockable.has(event)) {
    return { ...emptyHookOutcome(), messages: [{ level: 'warning', text: `${label}: ${reason}` }] };
  }
  const outcome: HookOutcome = { ...emptyHookOutcome(), blocked: true, blockReason: reason };
  if (event === 'PreToolUse') {
    outcome.permissionDecision = 'deny';
    outcome.permissionReason = reason;
  }
  return outcome;
}

function outcomeFromJson(event: HookEventName, json: HookJsonOutput): HookOutcome {
  const outcome = emptyHookOutcome();
  if (json.continue === false) outcome.stopContinuation = { reason: json.stopReason ?? 'Stopped by a hook.' };
  if (json.systemMessage !== undefined) outcome.messages.push({ level: 'warning', text: json.systemMessage });
  const specific = json.hookSpecificOutput;
  if (specific?.additionalContext !== undefined && specific.additionalContext.trim() !== '') {
    outcome.additionalContext.push(specific.additionalContext);
  }
  if (event === 'PreToolUse') {
    // The deprecated top-level decision maps to the permission decision.
    const legacy = json.decision === 'block' ? 'deny' : json.decision === 'approve' ? 'allow' : undefined;
    const decision = specific?.permissionDecision ?? legacy;
    if (decision !== undefined && decision !== 'defer') {
      outcome.permissionDecision = decision;
      const reason = specific?.permissionDecisionReason ?? json.reason;
      if (reason !== undefined) outcome.permissionReason = reason;
    }
    return outcome;
  }
  if (json.decision === 'block') {
    outcome.blocked = true;
    outcome.blockReason = json.reason ?? 'Blocked by a hook.';
  }
  return outcome;
}

const decisionRank: Record<HookPermissionDecision, number> = { allow: 1, ask: 2, deny: 3 };

/**
 * Combines the outcomes of handlers that ran in parallel, in configuration order: any block wins
 * (reasons joined), deny > ask > allow (the reasons of the winning decision joined), contexts and
 * messages concatenated, the first `continue: false` kept.
 */
export function combineHookOutcomes(outcomes: readonly HookOutcome[]): HookOutcome {
  const combined = emptyHookOutcome();
  const blockReasons: string[] = [];
  const permissionReasons: string[] = [];
  for (const outcome of outcomes) {
    if (outcome.blocked) {
      combined.blocked = true;
      if (outcome.blockReason !== undefined) blockReasons.push(outcome.blockReason);
    }
    const decision = outcome.permissionDecision;
    if (decision !== undefined) {
      const current = combined.permissionDecision;
      if (current === undefined || decisionRank[decision] > decisionRank[current]) {
        combined.permissionDecision = decision;
        permissionReasons.length = 0;
      }
      if (combined.permissionDecision === decision && outcome.permissionReason !== undefined) {
        permissionReasons.push(outcome.permissionReason);
      }
    }
    combined.additionalContext.push(...outcome.additionalContext);
    combined.messages.push(...outcome.messages);
    combined.stopContinuation ??= outcome.stopContinuation;
  }
  if (blockReasons.length > 0) combined.blockReason = blockReasons.join('\n');
  if (permissionReasons.length > 0) combined.permissionReason = permissionReasons.join('\n');
  if (combined.stopContinuation === undefined) delete combined.stopContinuation;
  return combined;
}
