import { strict as assert } from 'node:assert';
import type { KeyedProvider } from '../../../src/host/secrets/api-key-store';
import { tandemApi } from './tandem-api';

function answering(provider: KeyedProvider | undefined, key: string | undefined) {
  return { pickProvider: async () => provider, inputKey: async () => key };
}

describe('Set API Key', () => {
  afterEach(async () => {
    const api = await tandemApi();
    await api.keys.delete('anthropic');
    await api.keys.delete('openai');
  });

  it('stores the key in SecretStorage and reads it back for that provider only', async () => {
    const api = await tandemApi();
    assert.deepEqual(await api.setApiKey(answering('anthropic', '  sk-ant-test-123  ')), {
      kind: 'stored',
      provider: 'anthropic',
    });
    assert.deepEqual(await api.keys.resolve('anthropic'), {
      key: 'sk-ant-test-123',
      source: 'secret-storage',
    });
    assert.notEqual((await api.keys.resolve('openai')).key, 'sk-ant-test-123');
  });

  it('removes the stored key when the person submits an empty key', async () => {
    const api = await tandemApi();
    await api.setApiKey(answering('openai', 'sk-openai'));
    assert.deepEqual(await api.setApiKey(answering('openai', '')), { kind: 'removed', provider: 'openai' });
    assert.notEqual((await api.keys.resolve('openai')).source, 'secret-storage');
  });

  it('changes nothing when the person cancels either prompt', async () => {
    const api = await tandemApi();
    assert.deepEqual(await api.setApiKey(answering(undefined, 'x')), { kind: 'cancelled' });
    assert.deepEqual(await api.setApiKey(answering('anthropic', undefined)), { kind: 'cancelled' });
    assert.notEqual((await api.keys.resolve('anthropic')).source, 'secret-storage');
  });
});
