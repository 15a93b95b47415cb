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
  resume: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, { error: 'is not a session id' })
    .optional(),
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
  --resume <session-id>        continue a saved session (tandem sessions lists them)
  -c, --continue               continue this project's most recent session
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
        resume: { type: 'string' },
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
  // `--allowedTools Bash Read Edit` (Claude Code's form) leaves the extra names as positionals.
  const { extraTools, rest } = takeToolNames(argv, positionals);
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
    resume: values.resume,
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
  return { ok: true, options: parsed.data };
}

/** Positionals that directly follow a tool-list flag belong to that flag. */
function takeToolNames(
  argv: readonly string[],
  positionals: string[],
): { extraTools: { allowed: string[]; disallowed: string[] }; rest: string[] } {
  const allowed: string[] = [];
  const disallowed: string[] = [];
  const claimed = new Set<number>();
  let list: string[] | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (arg === '--allowedTools' || arg === '--disallowedTools') {
      list = arg === '--allowedTools' ? allowed : disallowed;
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
  return { extraTools: { allowed, disallowed }, rest };
}
