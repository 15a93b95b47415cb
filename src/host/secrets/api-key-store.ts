import * as vscode from 'vscode';
import type { ProviderId } from '../config/host-settings';

/** Providers that take a key (the editor's own models do not). */
export type KeyedProvider = Exclude<ProviderId, 'vscode-lm'>;

const environmentVariable: Record<KeyedProvider, string> = {
  anthropic: 'ANTHROPIC_API_KEY',
  openai: 'OPENAI_API_KEY',
};

/** Where a key came from, for the log (never the key itself). */
export type KeySource = 'secret-storage' | 'environment' | 'none';

/**
 * API keys in SecretStorage, falling back to the usual environment variables. Keys are never
 * logged or sent to the webview.
 */
export class ApiKeyStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly environment: Record<string, string | undefined> = process.env,
  ) {}

  static secretName(provider: KeyedProvider): string {
    return `tandem.apiKey.${provider}`;
  }

  async store(provider: KeyedProvider, key: string): Promise<void> {
    await this.secrets.store(ApiKeyStore.secretName(provider), key.trim());
  }

  async delete(provider: KeyedProvider): Promise<void> {
    await this.secrets.delete(ApiKeyStore.secretName(provider));
  }

  /** The stored key, else the environment variable, else undefined. */
  async resolve(provider: KeyedProvider): Promise<{ key: string | undefined; source: KeySource }> {
    const stored = await this.secrets.get(ApiKeyStore.secretName(provider));
    if (stored) return { key: stored, source: 'secret-storage' };
    const fromEnvironment = this.environment[environmentVariable[provider]];
    if (fromEnvironment) return { key: fromEnvironment, source: 'environment' };
    return { key: undefined, source: 'none' };
  }
}

/** The UI steps of "Set API Key", injectable so tests can answer them. */
export interface ApiKeyPrompts {
  pickProvider(): Promise<KeyedProvider | undefined>;
  inputKey(provider: KeyedProvider): Promise<string | undefined>;
}

/** Quick pick + password input box. */
export const defaultApiKeyPrompts: ApiKeyPrompts = {
  async pickProvider() {
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'Anthropic', description: 'Claude models', provider: 'anthropic' as const },
        {
          label: 'OpenAI-compatible',
          description: 'OpenAI, vLLM, Ollama, LM Studio, LiteLLM',
          provider: 'openai' as const,
        },
      ],
      { title: 'Tandem: Set API Key', placeHolder: 'Which provider is the key for?' },
    );
    return picked?.provider;
  },
  async inputKey(provider) {
    return vscode.window.showInputBox({
      title: `Tandem: ${provider === 'anthropic' ? 'Anthropic' : 'OpenAI-compatible'} API key`,
      prompt: 'Stored in the editor’s secret storage; leave empty to remove the stored key.',
      password: true,
      ignoreFocusOut: true,
    });
  },
};

/**
 * "Set API Key": asks the provider then the key. Empty input removes the stored key.
 * Returns what happened, for the caller to show.
 */
export async function setApiKeyInteractive(
  store: ApiKeyStore,
  prompts: ApiKeyPrompts = defaultApiKeyPrompts,
): Promise<{ kind: 'stored' | 'removed'; provider: KeyedProvider } | { kind: 'cancelled' }> {
  const provider = await prompts.pickProvider();
  if (!provider) return { kind: 'cancelled' };
  const key = await prompts.inputKey(provider);
  if (key === undefined) return { kind: 'cancelled' };
  if (key.trim() === '') {
    await store.delete(provider);
    return { kind: 'removed', provider };
  }
  await store.store(provider, key);
  return { kind: 'stored', provider };
}
