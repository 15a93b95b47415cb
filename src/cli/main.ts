import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseCompactCommand } from '../core/agent/compact-command';
import { createNodeAgent } from '../node/agent/create-node-agent';
import {
  CheckpointStorage,
  defaultCheckpointsDirectory,
  defaultMaxStorageMB,
} from '../node/checkpoints/checkpoint-storage';
import { SessionRewind } from '../node/checkpoints/session-rewind';
import type { TreeSitterPaths } from '../node/bash-parser/tree-sitter-shell-parser';
import { parseCli, usage } from './cli-options';
import { ResultReporter } from './result-reporter';
import { runRewind } from './rewind-command';
import { projectStore, runSessionsCommand } from './sessions-command';
import { stderrLogger } from './stderr-logger';
import { TerminalApprover } from './terminal-approver';
import { TerminalMcpTrustPrompt } from './terminal-mcp-trust-prompt';

const version = '0.1.0';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** In the bundle the grammar ships beside cli.js; from sources it is found in node_modules. */
function bundledTreeSitterPaths(): TreeSitterPaths | undefined {
  const paths = {
    treeSitterWasm: join(__dirname, 'tree-sitter.wasm'),
    bashWasm: join(__dirname, 'tree-sitter-bash.wasm'),
  };
  return existsSync(paths.bashWasm) ? paths : undefined;
}

async function askOnTerminal(question: string): Promise<boolean> {
  const readline = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = (await readline.question(`${question} [y/N] `)).trim().toLowerCase();
    return answer === 'y' || answer === 'yes';
  } finally {
    readline.close();
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'sessions') {
    return runSessionsCommand(argv.slice(1), {
      cwd: process.cwd(),
      env: process.env,
      homeDir: homedir(),
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    });
  }
  const parsed = parseCli(argv);
  if (!parsed.ok) {
    process.stderr.write(`tandem: ${parsed.message}\n\n${usage}\n`);
    return 2;
  }
  const options = parsed.options;
  if (options.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (options.version) {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const logger = stderrLogger(options.verbose);
  const checkpoints = new CheckpointStorage({
    directory: defaultCheckpointsDirectory(),
    maxBytes: defaultMaxStorageMB * 1024 * 1024,
    logger,
  });
  const sessions = await projectStore({ cwd: process.cwd(), env: process.env, homeDir: homedir() });
  let resume = options.continue ? sessions.list()[0]?.sessionId : options.resume;
  if (options.continue && resume === undefined) {
    process.stderr.write('tandem: --continue: this project has no saved session yet.\n');
    return 1;
  }
  const rewinding = options.rewind !== undefined || options.forkSession;
  if (rewinding && resume) {
    const rewound = await runRewind(
      { ...options, resume },
      {
        rewind: new SessionRewind(sessions, checkpoints),
        cwd: process.cwd(),
        out: (text) => process.stdout.write(text),
        ask: process.stdin.isTTY && process.stdout.isTTY ? askOnTerminal : undefined,
      },
    );
    if (rewound.code !== 0 || options.rewind === 'list') return rewound.code;
    resume = rewound.sessionId;
  }
  const prompt = options.prompt ?? (await readStdin()).trim();
  if (!prompt) {
    if (rewinding) return 0;
    process.stderr.write(`tandem: no prompt: pass -p "<prompt>" or pipe it on stdin.\n\n${usage}\n`);
    return 2;
  }
  // A piped prompt consumed stdin, so nobody is left to answer a question there.
  const input = options.prompt ? process.stdin : ({ isTTY: false } as NodeJS.ReadStream);
  const approver = new TerminalApprover(input, process.stderr);
  const created = await createNodeAgent({
    cwd: process.cwd(),
    provider: options.provider,
    model: options.model,
    fallbackModel: options.fallbackModel,
    baseUrl: options.baseUrl,
    maxTurns: options.maxTurns,
    permissionMode: options.permissionMode,
    allowedTools: options.allowedTools,
    disallowedTools: options.disallowedTools,
    mcpConfigs: options.mcpConfig,
    strictMcpConfig: options.strictMcpConfig,
    // Without a terminal nobody can consent: only the settings keys decide on .mcp.json servers.
    ...(input.isTTY ? { mcpTrustPrompt: new TerminalMcpTrustPrompt(input, process.stderr) } : {}),
    resume,
    approver,
    logger,
    treeSitterPaths: bundledTreeSitterPaths(),
    checkpoints,
  });
  if (!created.ok) {
    process.stderr.write(`tandem: ${created.message}\n`);
    return 1;
  }
  const { session } = created;
  if (session.restored?.interrupted)
    process.stderr.write(
      'tandem: the last answer of this session was interrupted; it is kept as far as it came.\n',
    );
  const reporter = new ResultReporter(
    options.outputFormat,
    {
      sessionId: session.sessionId,
      cwd: process.cwd(),
      model: session.model,
      tools: session.tools.map((tool) => tool.name),
      permissionMode: session.permissionMode,
      usage: session.agent.usage,
    },
    (line) => process.stdout.write(`${line}\n`),
  );
  const controller = new AbortController();
  const interrupt = () => controller.abort(new Error('Interrupted (SIGINT).'));
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  reporter.start();
  try {
    const command = parseCompactCommand(prompt);
    if (command) {
      const result = await session.agent.compact({
        signal: controller.signal,
        ...(command.instructions === undefined ? {} : { instructions: command.instructions }),
      });
      if (result.ok) reporter.onEvent(result.event);
      return reporter.finishCompaction(result);
    }
    const run = session.agent.submit(prompt, controller.signal);
    for (;;) {
      const step = await run.next();
      if (step.done) return reporter.finish(step.value);
      reporter.onEvent(step.value);
      logEvent(logger, step.value);
    }
  } finally {
    await session.dispose();
  }
}

function logEvent(
  logger: ReturnType<typeof stderrLogger>,
  event: Parameters<ResultReporter['onEvent']>[0],
): void {
  switch (event.type) {
    case 'retry-schedule':
      logger.warn(
        `${event.error.message}: retry ${event.attempt}/${event.maxAttempts} in ${event.delayMs} ms`,
      );
      break;
    case 'model-fallback':
      logger.warn(`falling back from ${event.from} to ${event.to}: ${event.error.message}`);
      break;
    case 'loop-error':
      logger.error(event.error.message);
      break;
    case 'prompt-block':
      logger.error(`blocked by a UserPromptSubmit hook: ${event.reason}`);
      break;
    case 'context-compact':
      logger.info(
        `compacted (${event.trigger}): ${event.contextTokens} → ${event.tokensAfter} tokens of context`,
      );
      break;
    case 'compact-fail':
      logger.warn(
        event.breakerOpen
          ? `auto-compaction failed ${event.failures} times in a row and is off for this session: ${event.reason}`
          : `compaction failed (${event.trigger}): ${event.reason}`,
      );
      break;
    case 'tool-execution-start':
      logger.info(`${event.name} ${event.summary}`);
      break;
    default:
      break;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `tandem: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
