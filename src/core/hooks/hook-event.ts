import type { CompactTrigger } from '../context/compactor';

/** The hook events Tandem fires (Claude Code's classic set). */
export const hookEventNames = [
  'PreToolUse',
  'PostToolUse',
  'UserPromptSubmit',
  'Stop',
  'SubagentStop',
  'SessionStart',
  'PreCompact',
  'Notification',
] as const;

/** One of `hookEventNames`. */
export type HookEventName = (typeof hookEventNames)[number];

/** What happened, as the loop knows it; the runner adds the session fields and converts to the wire shape. */
export type HookEventInput =
  | { event: 'PreToolUse'; toolName: string; toolInput: unknown; toolUseId?: string }
  | { event: 'PostToolUse'; toolName: string; toolInput: unknown; toolResponse: unknown; toolUseId?: string }
  | { event: 'UserPromptSubmit'; prompt: string }
  | { event: 'Stop'; stopHookActive: boolean }
  | { event: 'SubagentStop'; stopHookActive: boolean }
  | { event: 'SessionStart'; source: 'startup' | 'resume' | 'compact' | 'clear' }
  /** `trigger`: `manual` (the person), `auto` (the threshold) or `reactive` (a "prompt too long" answer). */
  | { event: 'PreCompact'; trigger: CompactTrigger; customInstructions?: string }
  | { event: 'Notification'; message: string; title?: string; notificationType?: string };

/** Fields every hook input carries. */
export interface HookSessionFields {
  sessionId: string;
  transcriptPath: string;
  cwd: string;
  permissionMode?: string;
}

/** The JSON a hook reads on stdin (or as the HTTP body), with Claude Code's snake_case names. */
export function toHookWireInput(input: HookEventInput, session: HookSessionFields): Record<string, unknown> {
  const wire: Record<string, unknown> = {
    session_id: session.sessionId,
    transcript_path: session.transcriptPath,
    cwd: session.cwd,
    hook_event_name: input.event,
  };
  if (session.permissionMode !== undefined) wire['permission_mode'] = session.permissionMode;
  switch (input.event) {
    case 'PreToolUse':
    case 'PostToolUse':
      wire['tool_name'] = input.toolName;
      wire['tool_input'] = input.toolInput;
      if (input.toolUseId !== undefined) wire['tool_use_id'] = input.toolUseId;
      if (input.event === 'PostToolUse') wire['tool_response'] = input.toolResponse;
      break;
    case 'UserPromptSubmit':
      wire['prompt'] = input.prompt;
      break;
    case 'Stop':
    case 'SubagentStop':
      wire['stop_hook_active'] = input.stopHookActive;
      break;
    case 'SessionStart':
      wire['source'] = input.source;
      break;
    case 'PreCompact':
      wire['trigger'] = input.trigger;
      wire['custom_instructions'] = input.customInstructions ?? '';
      break;
    case 'Notification':
      wire['message'] = input.message;
      if (input.title !== undefined) wire['title'] = input.title;
      if (input.notificationType !== undefined) wire['notification_type'] = input.notificationType;
      break;
  }
  return wire;
}

/**
 * The value a matcher is tested against: the tool name for tool events, the source for
 * SessionStart, the trigger for PreCompact; undefined for events that ignore matchers.
 */
export function matchTarget(input: HookEventInput): string | undefined {
  switch (input.event) {
    case 'PreToolUse':
    case 'PostToolUse':
      return input.toolName;
    case 'SessionStart':
      return input.source;
    case 'PreCompact':
      return input.trigger;
    default:
      return undefined;
  }
}
