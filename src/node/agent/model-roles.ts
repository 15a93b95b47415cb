import type { ModelClient } from '../../core/model/model-client';
import { providerNames } from '../../core/model/provider-defaults';
import type { ProviderName } from '../../core/model/provider-defaults';
import { AnthropicClient } from '../providers/anthropic-client';
import { OpenaiClient } from '../providers/openai-client';
import type { ProviderOptions } from '../providers/provider-options';

/** The SDK client of a provider; keys and base URLs fall back to its usual environment variables. */
export function createProviderClient(provider: ProviderName, options: ProviderOptions): ModelClient {
  return provider === 'openai' ? new OpenaiClient(options) : new AnthropicClient(options);
}

/** One role's model: which client talks to it and its id. */
export interface ModelRole {
  client: ModelClient;
  model: string;
}

/** The main loop, the small model (classifier, summaries) and sub-agents may each use another provider. */
export interface ModelRoles {
  main: ModelRole;
  small: ModelRole;
  subagent: ModelRole;
}

const specPattern = new RegExp(`^(${providerNames.join('|')}):(.+)$`);

/**
 * `provider:model` (e.g. `openai:gpt-5-mini`) or a bare model id, which keeps the main provider.
 * Only the two known provider names count as a prefix, so ids with colons (`llama3:8b`) survive.
 */
export function parseModelSpec(
  spec: string,
  fallback: ProviderName,
): { provider: ProviderName; model: string } {
  const match = specPattern.exec(spec.trim());
  return match
    ? { provider: match[1] as ProviderName, model: match[2]! }
    : { provider: fallback, model: spec.trim() };
}

/** The main role and the specs of the others; `env` supplies keys for a provider the editor gave no client for. */
export interface ResolveModelRolesOptions {
  provider: ProviderName;
  main: ModelRole;
  smallModel?: string;
  subagentModel?: string;
  env: Record<string, string | undefined>;
  /** The editor supplies clients with its stored keys; else one is made from the environment. */
  clientFor?(provider: ProviderName): ModelClient | undefined;
}

/** Resolves the three roles; an empty spec means "the main model". */
export function resolveModelRoles(options: ResolveModelRolesOptions): ModelRoles {
  const clients = new Map<ProviderName, ModelClient>([[options.provider, options.main.client]]);
  const clientFor = (provider: ProviderName): ModelClient => {
    let client = clients.get(provider) ?? options.clientFor?.(provider);
    client ??= createProviderClient(provider, { env: options.env });
    clients.set(provider, client);
    return client;
  };
  const role = (spec: string | undefined): ModelRole => {
    if (!spec?.trim()) return options.main;
    const { provider, model } = parseModelSpec(spec, options.provider);
    return { client: clientFor(provider), model };
  };
  return { main: options.main, small: role(options.smallModel), subagent: role(options.subagentModel) };
}
