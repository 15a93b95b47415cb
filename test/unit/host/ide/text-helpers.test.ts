import { strict as assert } from 'node:assert';
import { findTextSpan } from '../../../../src/host/ide/editor/find-text-span';
import { resolveToolPath } from '../../../../src/host/ide/tools/tool-path';

const folders = [{ name: 'p', uri: 'file:///work/p', path: '/work/p', index: 0 }];

describe('resolveToolPath', () => {
  const cases: [argument: string, expected: string][] = [
    ['/work/p/a.ts', '/work/p/a.ts'],
    ['/work/p/../q/a.ts', '/work/q/a.ts'],
    ['src/a.ts', '/work/p/src/a.ts'],
    ['file:///work/p/my file.ts', '/work/p/my file.ts'],
    ['file:///work/p/my%20file.ts', '/work/p/my file.ts'],
    ['file:///work/p/100%.ts', '/work/p/100%.ts'],
    ['file://localhost/work/p/a.ts', '/work/p/a.ts'],
  ];
  for (const [argument, expected] of cases) {
    it(`reads ${argument} as ${expected}`, () => {
      assert.equal(resolveToolPath(argument, folders), expected);
    });
  }
});

describe('findTextSpan', () => {
  const text = 'function a() {\n  return 1;\n}\nfunction b() {}\n';
  const cases: [name: string, options: Parameters<typeof findTextSpan>[1], expected: string | undefined][] = [
    ['the start text alone', { startText: 'return', selectToEndOfLine: false }, 'return'],
    [
      'start to the end of the end text',
      { startText: 'return', endText: '}', selectToEndOfLine: false },
      'return 1;\n}',
    ],
    ['to the end of the line', { startText: 'return', selectToEndOfLine: true }, 'return 1;'],
    [
      'an end text only after the start',
      { startText: 'b()', endText: 'function', selectToEndOfLine: false },
      'b()',
    ],
    ['nothing when the start text is missing', { startText: 'missing', selectToEndOfLine: false }, undefined],
  ];
  for (const [name, options, expected] of cases) {
    it(`selects ${name}`, () => {
      const span = findTextSpan(text, options);
      assert.equal(span && text.slice(span.start, span.end), expected);
    });
  }
});
