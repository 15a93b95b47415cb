import { parseArgs } from 'node:util';
import { z } from 'zod';
import { providerNames } from '../core/model/provider-defaults';
import { permissionModeSchema, permissionModes } from '../core/permissions/permission-mode';

const optionsSchema = z.object({
  prompt: z.string().optional(),
  model: z.string().min(1).optional(),
  fallbackModel: z.string().min(1).optional(),
  provider: z.enum(providerNames).optional(),
  baseUrl: z.url({ error: 'must be a URL such as http://127.0.0.1:8080' }).optional(),
  maxTurns: z.coerce.number().int().positive({ error: 'must be a positive whole number' }).default(50),
  permissionMode: permissionModeSchema.default('default'),
  allowedTools: z.array(z.string()).default([]),
  disallowedTools: z.array(z.string()).default([]),
  mcpConfig: z.array(z.string().min(1)).default([]),
  strictMcpConfig: z.boolean().default(false),
  resume: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, { error: 'is not a session id' })
    .optional(),
  rewind: z
    .union([z.literal('list'), z.coerce.number().int().positive()], {
      error: 'must be a turn number (see --rewind list) or list',
    })
    .optional(),
  rewindFiles: z.boolean().default(false),
  rewindConversation: z.boolean().default(false),
  forkSession: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  overwrite: z.array(z.string().min(1)).default([]),
  continue: z.boolean().default(false),
  outputFormat: z.enum(['text', 'json', 'stream-json']).default('text'),
  verbose: z.boolean().default(false),
  help: z.boolean().default(false),
  version: z.boolean().default(false),
});

export type CliOptions = z.infer<typeof optionsSchema>;

export const usage = `Usage: tandem -p "<prompt>" [options]   (or the prompt on stdin)
       tandem sessions [list|search|show|rename|delete]   (tandem sessions --help)

Options:
  -p, --print <prompt>         run one task headless and print the result
  --model <id>                 model id (default: from settings or the provider's default)
  --fallback-model <id>        model to use when the main one keeps failing
  --provider ${providerNames.join('|')}  which API to talk to (default: ${providerNames[0]})
  --base-url <url>             API base URL (else ANTHROPIC_BASE_URL / OPENAI_BASE_URL)
  --max-turns <n>              stop after n model turns (default 50)
  --permission-mode <mode>     ${permissionModes.join(' | ')}
  --allowedTools <rules...>    permission rules to allow, e.g. "Bash(npm test:*)" Edit
  --disallowedTools <rules...> permission rules to deny
  --mcp-config <configs...>    MCP servers for this run: JSON files or strings ({"mcpServers": …})
  --strict-mcp-config          use only the --mcp-config servers
  --resume <session-id>        continue a saved session (tandem sessions lists them)
  -c, --continue               continue this project's most recent session
  --rewind list                with --resume: list the session's turns, their checkpoints
                               and the files each changed
  --rewind <turn>              with --resume: go back to just before your message <turn>:
                               the files Tandem changed since are restored and the
                               conversation is cut there (the plan is printed first;
                               -p "<prompt>" then continues from that point)
    --rewind-files             restore the files only, keep the conversation
    --rewind-conversation      cut the conversation only, leave the files as they are
    --dry-run                  print the plan and the diffs, change nothing
    --overwrite <path...>      also restore these files though they changed after the
                               checkpoint (otherwise such changes are kept; at a
                               terminal you are asked file by file)
  --fork-session               with --resume: copy the conversation, up to just before
                               --rewind <turn> or whole, into a new session; the files
                               and the original session stay as they are
  --output-format <format>     text | json | stream-json
  --verbose                    log to stderr
  -h, --help, -v, --version`;

/** Tool lists accept repeats, commas and spaces: `--allowedTools Bash Read,Edit "Bash(git diff *)"`. */
function splitRules(values: string[]): string[] {
  return values.flatMap((value) => value.match(/[^\s,(]+(\([^)]*\))?/g) ?? []);
}

export type ParsedCli = { ok: true; options: CliOptions } | { ok: false; message: string };

/** Parses argv (without node and the script). Errors are values with a message for the terminal. */
export function parseCli(argv: readonly string[]): ParsedCli {
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        print: { type: 'string', short: 'p' },
        model: { type: 'string' },
        'fallback-model': { type: 'string' },
        provider: { type: 'string' },
        'base-url': { type: 'string' },
        'max-turns': { type: 'string' },
        'permission-mode': { type: 'string' },
        allowedTools: { type: 'string', multiple: true },
        allowed: { type: 'string', multiple: true },
        disallowedTools: { type: 'string', multiple: true },
        'mcp-config': { type: 'string', multiple: true },
        'strict-mcp-config': { type: 'boolean' },
        resume: { type: 'string' },
        rewind: { type: 'string' },
        'rewind-files': { type: 'boolean' },
        'rewind-conversation': { type: 'boolean' },
        'fork-session': { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        overwrite: { type: 'string', multiple: true },
        continue: { type: 'boolean', short: 'c' },
        'output-format': { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    }));
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  // `--allowedTools Bash Read Edit` and `--mcp-config a.json b.json` (Claude Code's forms) leave
  // the extra values as positionals.
  const { extraTools, rest } = takeListValues(argv, positionals);
  const parsed = optionsSchema.safeParse({
    prompt: values.print ?? (rest.length > 0 ? rest.join(' ') : undefined),
    model: values.model,
    fallbackModel: values['fallback-model'],
    provider: values.provider,
    baseUrl: values['base-url'],
    maxTurns: values['max-turns'],
    permissionMode: values['permission-mode'],
    allowedTools: splitRules([
      ...((values.allowedTools as string[] | undefined) ?? []),
      ...extraTools.allowed,
    ]),
    disallowedTools: splitRules([
      ...((values.disallowedTools as string[] | undefined) ?? []),
      ...extraTools.disallowed,
    ]),
    mcpConfig: inArgvOrder(argv, [
      ...((values['mcp-config'] as string[] | undefined) ?? []),
      ...extraTools.mcpConfig,
    ]),
    strictMcpConfig: values['strict-mcp-config'],
    resume: values.resume,
    rewind: values.rewind,
    rewindFiles: values['rewind-files'],
    rewindConversation: values['rewind-conversation'],
    forkSession: values['fork-session'],
    dryRun: values['dry-run'],
    overwrite: values.overwrite,
    continue: values.continue,
    outputFormat: values['output-format'],
    verbose: values.verbose,
    help: values.help,
    version: values.version,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = issue?.path[0]
      ? `--${String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
      : 'arguments';
    return { ok: false, message: `${flag}: ${issue?.message ?? 'invalid'}` };
  }
  const conflict = rewindConflict(parsed.data);
  return conflict ? { ok: false, message: conflict } : { ok: true, options: parsed.data };
}

/** Combinations of the rewind flags that mean nothing, as a message. */
function rewindConflict(options: CliOptions): string | undefined {
  const rewinding = options.rewind !== undefined || options.forkSession;
  if (rewinding && !options.resume) return '--rewind and --fork-session need --resume <session-id>';
  const refinements = options.rewindFiles || options.rewindConversation || options.dryRun;
  if (refinements && options.rewind === undefined)
    return '--rewind-files, --rewind-conversation and --dry-run go with --rewind <turn>';
  if (options.overwrite.length > 0 && options.rewind === undefined)
    return '--overwrite goes with --rewind <turn>';
  if (options.rewindFiles && options.rewindConversation)
    return '--rewind-files and --rewind-conversation exclude each other: without either, both are rewound';
  if (options.forkSession && (options.rewindFiles || options.rewindConversation))
    return '--fork-session leaves the files and this session as they are: it takes neither --rewind-files nor --rewind-conversation';
  return undefined;
}

/** Values as they were typed: with several `--mcp-config` files, the first one named wins a name clash. */
function inArgvOrder(argv: readonly string[], values: string[]): string[] {
  const position = (value: string) =>
    argv.findIndex((arg) => arg === value || arg === `--mcp-config=${value}`);
  return [...values].sort((a, b) => position(a) - position(b));
}

/** Positionals that directly follow a list flag (tool rules, MCP configs) belong to that flag. */
function takeListValues(
  argv: readonly string[],
  positionals: string[],
): { extraTools: { allowed: string[]; disallowed: string[]; mcpConfig: string[] }; rest: string[] } {
  const lists = new Map<string, string[]>([
    ['--allowedTools', []],
    ['--disallowedTools', []],
    ['--mcp-config', []],
  ]);
  const claimed = new Set<number>();
  let list: string[] | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (lists.has(arg)) {
      list = lists.get(arg);
      index += 1; // the flag's own value
      continue;
    }
    if (arg.startsWith('-')) {
      list = undefined;
      continue;
    }
    if (list) {
      list.push(arg);
      claimed.add(index);
    }
  }
  const claimedValues = [...claimed].map((index) => argv[index]);
  const rest = [...positionals];
  for (const value of claimedValues) {
    const at = rest.indexOf(value ?? '');
    if (at !== -1) rest.splice(at, 1);
  }
  const values = (flag: string) => lists.get(flag) ?? [];
  return {
    extraTools: {
      allowed: values('--allowedTools'),
      disallowed: values('--disallowedTools'),
      mcpConfig: values('--mcp-config'),
    },
    rest,
  };
}
