import type { ModelClient } from '../../core/model/model-client';
import { providerDefaults } from '../../core/model/provider-defaults';
import type { HostSettings } from '../config/host-settings';
import type { ApiKeyStore } from '../secrets/api-key-store';

/**
 * The model when `tandem.model` is empty: the provider's default from the core's one table; for
 * the editor's own models, empty (the first one the editor offers).
 */
export function defaultModelOf(provider: HostSettings['provider']): string {
  return provider === 'vscode-lm' ? '' : providerDefaults[provider].model;
}

/** A client for the configured provider, or an actionable reason there is none. Never throws. */
export type ModelClientResult =
  | { ok: true; client: ModelClient; model: string }
  | { ok: false; code: string; message: string; action?: 'set-api-key' | 'open-settings' };

const keyVariables = {
  anthropic: ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN'],
  openai: ['OPENAI_API_KEY'],
} as const;

/**
 * Builds the provider's client: keys from SecretStorage, else the environment; base URLs from
 * settings, else the environment. A missing key is reported with the Set API Key action, except
 * for an OpenAI-compatible server with a custom base URL (local servers often need none).
 * Provider modules load lazily so activation stays cheap.
 */
export async function createModelClient(
  settings: HostSettings,
  keys: ApiKeyStore,
  env: Record<string, string | undefined> = process.env,
): Promise<ModelClientResult> {
  const model = settings.model || defaultModelOf(settings.provider);
  if (settings.provider === 'vscode-lm') {
    const { VscodeLmClient } = await import('../lm/vscode-lm-client');
    return { ok: true, client: new VscodeLmClient(), model };
  }
  const { key } = await keys.resolve(settings.provider);
  const hasKey = key !== undefined || keyVariables[settings.provider].some((name) => env[name]);
  if (settings.provider === 'anthropic') {
    if (!hasKey) return missingKey('Anthropic');
    const { AnthropicClient } = await import('../../node/providers/anthropic-client');
    const baseUrl = settings.anthropicBaseUrl || undefined;
    return { ok: true, client: new AnthropicClient({ apiKey: key, baseUrl, env }), model };
  }
  const baseUrl = settings.openaiBaseUrl || env['OPENAI_BASE_URL'] || undefined;
  if (!hasKey && !baseUrl) return missingKey('OpenAI');
  const { OpenaiClient } = await import('../../node/providers/openai-client');
  return {
    ok: true,
    client: new OpenaiClient({ apiKey: key ?? (hasKey ? undefined : 'none'), baseUrl, env }),
    model,
  };
}

function missingKey(provider: string): ModelClientResult {
  return {
    ok: false,
    code: 'missing-api-key',
    message: `No ${provider} API key. Run "Tandem: Set API Key", set the environment variable, or switch tandem.provider to "vscode-lm" to use the editor's language models.`,
    action: 'set-api-key',
  };
}
