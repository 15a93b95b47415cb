import { strict as assert } from 'node:assert';
import { isSafeHref, parseInline } from '../../../../webview-ui/src/markdown/parse-inline';

describe('parseInline', () => {
  it('parses bold, italic and inline code', () => {
    assert.deepEqual(parseInline('a **b** *c* `d`'), [
      { type: 'text', text: 'a ' },
      { type: 'strong', children: [{ type: 'text', text: 'b' }] },
      { type: 'text', text: ' ' },
      { type: 'em', children: [{ type: 'text', text: 'c' }] },
      { type: 'text', text: ' ' },
      { type: 'code', text: 'd' },
    ]);
  });

  it('keeps raw HTML as text', () => {
    assert.deepEqual(parseInline('<img src=x onerror=alert(1)>'), [
      { type: 'text', text: '<img src=x onerror=alert(1)>' },
    ]);
  });

  it('makes links only of http(s) targets and shows other links as their label', () => {
    assert.deepEqual(parseInline('[docs](https://example.com/a)'), [
      { type: 'link', href: 'https://example.com/a', children: [{ type: 'text', text: 'docs' }] },
    ]);
    assert.deepEqual(parseInline('[click](javascript:void)'), [{ type: 'text', text: 'click' }]);
    assert.deepEqual(parseInline('[f](file:///etc/passwd)'), [{ type: 'text', text: 'f' }]);
  });

  it('leaves unmatched markers and snake_case words alone while text streams in', () => {
    assert.deepEqual(parseInline('**unfinished'), [{ type: 'text', text: '**unfinished' }]);
    assert.deepEqual(parseInline('my_var_name'), [{ type: 'text', text: 'my_var_name' }]);
    assert.deepEqual(parseInline('`open'), [{ type: 'text', text: '`open' }]);
  });

  it('does not parse markdown inside inline code', () => {
    assert.deepEqual(parseInline('`**x**`'), [{ type: 'code', text: '**x**' }]);
  });

  const hrefs: [string, boolean][] = [
    ['https://a.b/c', true],
    ['HTTP://A.B', true],
    ['javascript:alert(1)', false],
    ['vscode://x', false],
    ['data:text/html,x', false],
    ['//evil.com', false],
  ];
  for (const [href, safe] of hrefs) {
    it(`${safe ? 'opens' : 'refuses'} ${href}`, () => assert.equal(isSafeHref(href), safe));
  }
});
