import { z } from 'zod';
import type { Logger } from '../ports';

/** The three Claude Code settings keys that decide project (`.mcp.json`) servers without asking. */
export const mcpApprovalSettingsSchema = z.looseObject({
  enableAllProjectMcpServers: z.boolean().optional().catch(undefined),
  enabledMcpjsonServers: z.array(z.string()).optional().catch(undefined),
  disabledMcpjsonServers: z.array(z.string()).optional().catch(undefined),
});

/** The approval keys merged over settings levels. */
export interface McpApprovalSettings {
  enableAll: boolean;
  enabled: ReadonlySet<string>;
  disabled: ReadonlySet<string>;
}

/**
 * Merges the approval keys of settings levels (highest precedence first). Approvals are read from
 * every level except the shared project file: a repository cannot consent to its own servers on
 * the person's behalf. Refusals count from every level. Lists are combined, as Claude Code does.
 */
export function mcpApprovalSettings(
  levels: readonly { source: string; settings: unknown }[],
): McpApprovalSettings {
  let enableAll: boolean | undefined;
  const enabled = new Set<string>();
  const disabled = new Set<string>();
  for (const level of levels) {
    const parsed = mcpApprovalSettingsSchema.safeParse(level.settings);
    if (!parsed.success) continue;
    for (const name of parsed.data.disabledMcpjsonServers ?? []) disabled.add(name);
    if (level.source === 'project') continue;
    enableAll ??= parsed.data.enableAllProjectMcpServers;
    for (const name of parsed.data.enabledMcpjsonServers ?? []) enabled.add(name);
  }
  return { enableAll: enableAll === true, enabled, disabled };
}

/** What the person answered about a batch of new project servers. */
export type McpTrustAnswer = 'approve-all' | 'approve' | 'reject';

/** A project server the person is asked about: how it runs, as written in `.mcp.json`. */
export interface McpTrustQuestion {
  name: string;
  transport: string;
  source: string;
}

/**
 * Asks the person whether to start project servers; the editor shows a modal, the CLI a terminal
 * question. Resolves to undefined when nobody answers (dismissed, no terminal): nothing starts.
 */
export interface McpTrustPrompt {
  ask(servers: readonly McpTrustQuestion[], signal: AbortSignal): Promise<McpTrustAnswer | undefined>;
}

/** Writes decisions where Claude Code keeps them (`.claude/settings.local.json`). Must not throw. */
export interface McpTrustStore {
  save(decision: { answer: McpTrustAnswer; names: readonly string[] }): Promise<void>;
}

/**
 * The verdict on one project server. `undecided`: nobody could be asked, or nobody answered.
 * `blocked`: the workspace itself is not trusted, so no project server starts, whatever settings say.
 */
export type TrustVerdict =
  { kind: 'approved' } | { kind: 'rejected' } | { kind: 'undecided'; asked: boolean } | { kind: 'blocked' };

/**
 * Consent for project servers, asked once before their first start. The settings keys decide
 * when they name the server (a refusal wins); otherwise the person is asked once for the whole
 * batch and the answer is saved, so the next session (a headless `tandem -p` included) follows it.
 */
export class ProjectServerTrust {
  #settings: McpApprovalSettings;
  readonly #prompt: McpTrustPrompt | undefined;
  readonly #store: McpTrustStore | undefined;
  readonly #logger: Logger;
  readonly #session = new Map<string, 'approved' | 'rejected'>();
  #workspaceTrusted: boolean;

  constructor(options: {
    settings: McpApprovalSettings;
    prompt?: McpTrustPrompt;
    store?: McpTrustStore;
    logger: Logger;
    /** VS Code Workspace Trust: in Restricted Mode the project's files decide nothing. Default true. */
    workspaceTrusted?: boolean;
  }) {
    this.#settings = options.settings;
    this.#workspaceTrusted = options.workspaceTrusted ?? true;
    this.#prompt = options.prompt;
    this.#store = options.store;
    this.#logger = options.logger;
  }

  /** The settings keys changed on disk. */
  update(settings: McpApprovalSettings): void {
    this.#settings = settings;
  }

  /** The person trusted the workspace (or it was untrusted again). */
  setWorkspaceTrusted(trusted: boolean): void {
    this.#workspaceTrusted = trusted;
  }

  /** The verdict the settings (and this session's answers) give, without asking. */
  known(name: string): TrustVerdict {
    // The local settings file sits in the project too: an untrusted folder could approve itself.
    if (!this.#workspaceTrusted) return { kind: 'blocked' };
    const session = this.#session.get(name);
    if (session) return { kind: session };
    if (this.#settings.disabled.has(name)) return { kind: 'rejected' };
    if (this.#settings.enableAll || this.#settings.enabled.has(name)) return { kind: 'approved' };
    return { kind: 'undecided', asked: false };
  }

  /** Verdicts for a batch: known ones at once, the rest in one question to the person. */
  async decide(
    servers: readonly McpTrustQuestion[],
    signal: AbortSignal,
  ): Promise<Map<string, TrustVerdict>> {
    const verdicts = new Map(servers.map((server) => [server.name, this.known(server.name)]));
    const open = servers.filter((server) => verdicts.get(server.name)?.kind === 'undecided');
    if (open.length === 0 || !this.#prompt) return verdicts;
    const answer = await this.#prompt.ask(open, signal).catch((error: unknown) => {
      this.#logger.warn('Asking about project MCP servers failed', error);
      return undefined;
    });
    if (answer === undefined) {
      for (const server of open) verdicts.set(server.name, { kind: 'undecided', asked: true });
      return verdicts;
    }
    await this.record(
      answer,
      open.map((server) => server.name),
    );
    for (const server of open) verdicts.set(server.name, this.known(server.name));
    return verdicts;
  }

  /** Records an answer (also from the server list's Approve / Disable) for the session and on disk. */
  async record(answer: McpTrustAnswer, names: readonly string[]): Promise<void> {
    for (const name of names) this.#session.set(name, answer === 'reject' ? 'rejected' : 'approved');
    await this.#store?.save({ answer, names });
  }
}
