import { strict as assert } from 'node:assert';
import { linkCommand } from '../../../../webview-ui/src/markdown/link-command';

describe('linkCommand', () => {
  const opens: [string, ReturnType<typeof linkCommand>][] = [
    ['https://a.b/c', { type: 'open-link', url: 'https://a.b/c' }],
    ['HTTP://A.B', { type: 'open-link', url: 'HTTP://A.B' }],
    [
      'https://en.wikipedia.org/wiki/Off-by-one_error_(computing)',
      { type: 'open-link', url: 'https://en.wikipedia.org/wiki/Off-by-one_error_(computing)' },
    ],
    ['src/core/loop.ts', { type: 'open-file', path: 'src/core/loop.ts' }],
    ['src/core/loop.ts#L42', { type: 'open-file', path: 'src/core/loop.ts', line: 41 }],
    ['./docs/My%20Notes.md#L3-L9', { type: 'open-file', path: './docs/My Notes.md', line: 2 }],
    ['README.md#install', { type: 'open-file', path: 'README.md' }],
  ];
  for (const [href, command] of opens) {
    it(`opens ${href} through the host`, () => assert.deepEqual(linkCommand(href), command));
  }

  const refused = [
    'javascript:alert(1)',
    'vscode://settings',
    'file:///etc/passwd',
    'data:text/html,x',
    'mailto:a@b.c',
    '//evil.com',
    '#section',
    '',
    '%E0%A4%A',
  ];
  for (const href of refused) {
    it(`does not open ${JSON.stringify(href)}`, () => assert.equal(linkCommand(href), null));
  }
});
