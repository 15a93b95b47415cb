/**
 * The JSON Schema VS Code uses for `.claude/settings.json`, `.claude/settings.local.json`,
 * `~/.claude/settings.json` and managed settings: generated from the zod schema Tandem parses those
 * files with, plus the descriptions people read while typing. Keys the zod schema keeps loose stay
 * allowed, so a file written for Claude Code is never reported as broken.
 */
import { z } from 'zod';
import type { HookEventName } from '../../src/core/hooks/hook-event';
import { hookEventNames } from '../../src/core/hooks/hook-event';
import type { PermissionModeName } from '../../src/core/settings/settings-schema';
import {
  commandHookSchema,
  hookMatcherGroupSchema,
  hooksSettingsSchema,
  httpHookSchema,
  otherHookSchema,
  permissionsSettingsSchema,
  settingsSchema,
} from '../../src/core/settings/settings-schema';

const ruleSyntax = [
  'A permission rule: `Tool` or `Tool(specifier)`, as in Claude Code.',
  '',
  '- `Bash(npm run test *)`, `Bash(git diff:*)`: shell commands, `*` matching anything; every command of a pipeline or `&&` list must match on its own.',
  '- `Edit(src/**)`, `Read(./.env)`: paths in gitignore syntax. `//path` is absolute, `~/path` is in the home folder, `/path` starts at the folder the settings belong to (the project root, or `~/.claude` for user settings), anything else at the working folder. `Edit` covers Write, MultiEdit and ApplyPatch; `Read` covers Glob and Grep.',
  '- `WebFetch(domain:example.com)`: a host; `domain:*.example.com` means its subdomains.',
  '- `mcp__server` or `mcp__server__tool`: the tools of an MCP server.',
  '- `Bash` or `Bash(*)`: every call of the tool.',
].join('\n');

/**
 * The outer shape of a rule, as `parsePermissionRule` checks it: a tool name, optionally followed
 * by a non-empty specifier in parentheses, or an MCP name. What is inside the parentheses is the
 * tool's business and is checked when the rules load.
 */
export const permissionRulePattern =
  '^\\s*(mcp__[A-Za-z0-9_*-]+|[A-Za-z][A-Za-z0-9_-]*(\\(\\s*\\S.*\\))?)\\s*$';

function ruleList(markdownDescription: string, examples: string[]): Record<string, unknown> {
  return {
    markdownDescription,
    items: {
      type: 'string',
      markdownDescription: ruleSyntax,
      pattern: permissionRulePattern,
      patternErrorMessage:
        'A rule is `Tool` or `Tool(specifier)`, for example `Bash(git diff:*)` or `Edit(src/**)`.',
      examples,
    },
  };
}

const modeDescriptions: Record<PermissionModeName, string> = {
  default: 'Ask before every edit and command that no rule allows.',
  acceptEdits: 'Apply file edits inside the working folders without asking; still ask before commands.',
  plan: 'Read only: explore and propose a plan, change nothing.',
  bypassPermissions: 'Never ask; `deny` and `ask` rules still apply. Only for disposable environments.',
  manual: "Claude Code's newer name for `default`; Tandem treats it as `default`.",
  dontAsk:
    'Claude Code: run only what rules allow and refuse the rest. Tandem does not have this mode and uses `default`.',
  auto: 'Run what a classifier model judges safe and ask about the rest.',
};

const eventDescriptions: Record<HookEventName, string> = {
  PreToolUse:
    'Before a tool runs. `matcher` is the tool name. Exit code 2 (or `permissionDecision: "deny"`) blocks the call, and stderr tells the model why.',
  PostToolUse:
    'After a tool ran. `matcher` is the tool name. Exit code 2 shows stderr to the model beside the result.',
  UserPromptSubmit:
    'When a message is sent, before the model sees it. Exit code 2 blocks the message; plain stdout is added as context.',
  Stop: 'When the agent is about to finish its turn. Exit code 2 keeps it going, with stderr as its next instruction.',
  SubagentStop: 'When a sub-agent (the Task tool) is about to finish. Exit code 2 keeps it going.',
  SessionStart:
    'When a session starts or resumes. `matcher` is `startup`, `resume`, `clear` or `compact`; plain stdout is added as context.',
  PreCompact: 'Before the conversation is summarised. `matcher` is `manual` or `auto`.',
  Notification: 'When Tandem waits for the person (a permission prompt, for one). Exit codes do not block.',
};

/** Descriptions and extra keywords, attached to the zod schemas they describe. */
function descriptions(): z.core.$ZodRegistry<Record<string, unknown>> {
  const registry = z.registry<Record<string, unknown>>();
  const permissions = permissionsSettingsSchema.shape;
  registry.add(settingsSchema, {
    title: 'Claude Code settings',
    markdownDescription:
      'Settings shared by Claude Code and Tandem: permission rules, hooks, environment. Managed, user (`~/.claude/settings.json`), project (`.claude/settings.json`) and local (`.claude/settings.local.json`) files are combined; lists add up, and for a single value the more specific file wins.',
  });
  registry.add(settingsSchema.shape.permissions, {
    markdownDescription:
      'Which tool calls run without asking. A call is checked against `deny`, then `ask`, then `allow`; the first list with a matching rule decides. A `deny` in any file cannot be allowed again by another.',
  });
  registry.add(
    permissions.allow,
    ruleList('Rules for calls that run without asking.', [
      'Bash(npm run test *)',
      'Edit(src/**)',
      'Read(docs/**)',
    ]),
  );
  registry.add(
    permissions.ask,
    ruleList('Rules for calls that always ask, even in `acceptEdits` or `bypassPermissions` mode.', [
      'Bash(git push *)',
      'WebFetch',
    ]),
  );
  registry.add(
    permissions.deny,
    ruleList(
      'Rules for calls that are refused. A bare tool name (`WebFetch`) hides the tool from the model.',
      ['Read(./.env)', 'Read(./secrets/**)', 'Bash(curl *)'],
    ),
  );
  registry.add(permissions.defaultMode, {
    markdownDescription:
      'The permission mode a session starts in. In VS Code the `tandem.permissionMode` setting decides.',
    markdownEnumDescriptions: permissionsSettingsSchema.shape.defaultMode
      .unwrap()
      .options.map((mode) => modeDescriptions[mode]),
  });
  registry.add(permissions.additionalDirectories, {
    markdownDescription:
      'Folders outside the project that tools may read and edit as if they were inside it, for example `../shared-lib`.',
  });
  registry.add(permissions.disableBypassPermissionsMode, {
    markdownDescription:
      'Claude Code: `"disable"` forbids `bypassPermissions` mode; usually set in managed settings.',
  });
  registry.add(settingsSchema.shape.hooks, {
    markdownDescription: `Commands or HTTP endpoints that run on agent events and get the event as JSON (on stdin, or as the request body). Tandem fires ${hookEventNames.map((name) => `\`${name}\``).join(', ')}; other Claude Code events are accepted and never fired.`,
    properties: Object.fromEntries(
      hookEventNames.map((name) => [
        name,
        {
          markdownDescription: eventDescriptions[name],
          allOf: [{ $ref: '#/definitions/hookMatcherGroups' }],
        },
      ]),
    ),
  });
  registry.add(hooksSettingsSchema.valueType, { id: 'hookMatcherGroups' });
  registry.add(hookMatcherGroupSchema.shape.matcher, {
    markdownDescription:
      'Which calls the hooks run for. Empty or `*`: all. Only letters, digits, `_`, `-`, `|`, `,` and spaces: exact names, such as `Edit|Write` (so `Bash` does not match `BashOutput`). Anything else is a regular expression, such as `mcp__github__.*`.',
  });
  registry.add(hookMatcherGroupSchema.shape.hooks, {
    markdownDescription: 'The handlers to run, all in parallel.',
  });
  registry.add(commandHookSchema, { markdownDescription: 'Runs a shell command in the project folder.' });
  registry.add(commandHookSchema.shape.command, {
    markdownDescription:
      'The shell command. It reads the event as JSON on stdin, and `$CLAUDE_PROJECT_DIR` is the project root. Exit code 0: done (stdout may be a JSON decision); 2: block, with stderr as the reason; anything else: an error shown to you, and the agent goes on.',
    examples: ['"$CLAUDE_PROJECT_DIR"/.claude/hooks/check.sh'],
  });
  registry.add(commandHookSchema.shape.timeout, {
    markdownDescription: 'Seconds before the command is stopped (default 60).',
  });
  registry.add(httpHookSchema, { markdownDescription: 'POSTs the event as JSON to a URL.' });
  registry.add(httpHookSchema.shape.url, { markdownDescription: 'An `http:` or `https:` URL.' });
  registry.add(httpHookSchema.shape.headers, { markdownDescription: 'Extra request headers.' });
  registry.add(httpHookSchema.shape.timeout, {
    markdownDescription: 'Seconds before the request is abandoned (default 30).',
  });
  registry.add(otherHookSchema, {
    markdownDescription: 'A Claude Code handler kind Tandem does not run; it is skipped with a warning.',
  });
  registry.add(settingsSchema.shape.disableAllHooks, { markdownDescription: '`true` turns every hook off.' });
  registry.add(settingsSchema.shape.env, {
    markdownDescription: 'Environment variables Claude Code sets for its sessions.',
  });
  registry.add(settingsSchema.shape.model, {
    markdownDescription:
      'The model for a session, used by Claude Code and by the `tandem` CLI without `--model`. In VS Code the `tandem.model` setting decides.',
  });
  return registry;
}

/** The generated schema (JSON Schema draft-07, which VS Code's JSON language service fully supports). */
export function claudeSettingsJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(settingsSchema, { target: 'draft-07', io: 'input', metadata: descriptions() });
}
