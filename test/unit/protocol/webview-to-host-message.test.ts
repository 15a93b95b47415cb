import { strict as assert } from 'node:assert';
import { hostToWebviewMessageSchema } from '../../../src/protocol/host-to-webview-message';
import { HostMessageType, WebviewMessageType } from '../../../src/protocol/message-type';
import { webviewToHostMessageSchema } from '../../../src/protocol/webview-to-host-message';

describe('webview protocol', () => {
  const valid: unknown[] = [
    { type: WebviewMessageType.ReadyCommand },
    {
      type: WebviewMessageType.SendMessageRequest,
      requestId: 'm1',
      chatId: 'c',
      text: 'hi',
      attachments: [{ kind: 'file', path: 'a.ts' }],
    },
    { type: WebviewMessageType.AnswerPermissionCommand, chatId: 'c', requestId: 'r', answer: 'allow-always' },
    {
      type: WebviewMessageType.AnswerEditCommand,
      chatId: 'c',
      requestId: 'r',
      answer: 'reject',
      reason: 'no',
    },
    { type: WebviewMessageType.SelectModeCommand, mode: 'plan' },
    { type: WebviewMessageType.OpenLinkCommand, url: 'https://example.com' },
    { type: WebviewMessageType.AttachCommand, chatId: 'c', kind: 'selection' },
    { type: WebviewMessageType.ChangeDraftCommand, chatId: 'c', text: '' },
    {
      type: WebviewMessageType.ChangeQueuedMessageRequest,
      requestId: 'r',
      chatId: 'c',
      messageId: 'm1',
      action: 'edit',
      text: 'instead',
    },
  ];
  for (const message of valid) {
    it(`accepts a well-formed ${(message as { type: string }).type} from the webview`, () => {
      assert.equal(webviewToHostMessageSchema.safeParse(message).success, true);
    });
  }

  const invalid: [string, unknown][] = [
    ['an unknown type', { type: 'delete-everything' }],
    [
      'an empty message',
      { type: WebviewMessageType.SendMessageRequest, requestId: 'm', chatId: 'c', text: '', attachments: [] },
    ],
    [
      'an unknown permission answer',
      { type: WebviewMessageType.AnswerPermissionCommand, chatId: 'c', requestId: 'r', answer: 'yes' },
    ],
    ['a javascript: link', { type: WebviewMessageType.OpenLinkCommand, url: 'javascript:alert(1)' }],
    ['an unknown mode', { type: WebviewMessageType.SelectModeCommand, mode: 'yolo' }],
    ['a negative line', { type: WebviewMessageType.OpenFileCommand, path: 'a', line: -1 }],
    ['not an object', 'ready'],
  ];
  for (const [name, message] of invalid) {
    it(`rejects ${name} from the webview`, () => {
      assert.equal(webviewToHostMessageSchema.safeParse(message).success, false);
    });
  }

  it('validates host events and refuses a tool end that claims to be running', () => {
    const end = {
      type: HostMessageType.DidEndTool,
      chatId: 'c',
      toolUseId: 't',
      name: 'Read',
      status: 'done',
      durationMs: 4,
      resultPreview: '',
      isError: false,
    };
    assert.equal(hostToWebviewMessageSchema.safeParse(end).success, true);
    assert.equal(hostToWebviewMessageSchema.safeParse({ ...end, status: 'running' }).success, false);
  });

  it('uses a distinct wire type for every message', () => {
    const types = [...Object.values(HostMessageType), ...Object.values(WebviewMessageType)];
    assert.equal(new Set(types).size, types.length);
    assert.equal(hostToWebviewMessageSchema._zod.def.options.length, Object.keys(HostMessageType).length);
    assert.equal(webviewToHostMessageSchema._zod.def.options.length, Object.keys(WebviewMessageType).length);
  });
});
