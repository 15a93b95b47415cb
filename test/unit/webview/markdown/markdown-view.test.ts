import { strict as assert } from 'node:assert';
import { type DomEnvironment, installDom } from '../support/dom-environment';
import { modelAnswer, modelAnswerNames } from './model-answers';
import { type MountedMarkdown, mountMarkdown } from './mount-markdown';

const texts = (elements: Iterable<Element>): string[] =>
  [...elements].map((element) => element.textContent?.trim() ?? '');

describe('MarkdownView', () => {
  let dom: DomEnvironment;
  let view: MountedMarkdown | undefined;
  before(() => {
    dom = installDom();
  });
  afterEach(async () => {
    await view?.unmount();
    view = undefined;
  });
  after(async () => {
    await dom.dispose();
  });

  const all = (selector: string): Element[] => [...(view?.container.querySelectorAll(selector) ?? [])];
  const one = (selector: string): Element => {
    const element = view?.container.querySelector(selector);
    if (element === null || element === undefined) throw new Error(`nothing matches ${selector}`);
    return element;
  };
  const click = (element: Element): void => {
    element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
  };

  describe('a review with a findings table', () => {
    beforeEach(async () => {
      view = await mountMarkdown(modelAnswer('review-findings'));
    });

    it('shows the table with its header, rows and column alignment', () => {
      assert.deepEqual(texts(all('th')), ['#', 'File', 'Problem', 'Severity']);
      assert.deepEqual(
        all('th').map((cell) => cell.className),
        ['md-align-center', 'md-align-left', 'md-align-left', 'md-align-right'],
      );
      assert.equal(all('tbody tr').length, 3);
      assert.deepEqual(texts(all('tbody tr:first-child td')), [
        '1',
        'query.ts',
        'computeWindow drops the last message',
        'high',
      ]);
      assert.equal(one('td del').textContent, 'linear');
    });

    it('opens a file link in a table cell at its line', () => {
      const link = all('td a').find((anchor) => anchor.textContent === 'query.ts');
      assert.ok(link);
      click(link);
      assert.deepEqual(view?.posted, [{ type: 'open-file', path: 'src/core/loop/query.ts', line: 41 }]);
    });

    it('opens a link whose URL has parentheses, whole, in the browser', () => {
      const link = all('a').find((anchor) => anchor.textContent === 'Off-by-one error');
      assert.ok(link);
      click(link);
      assert.deepEqual(view?.posted, [
        { type: 'open-link', url: 'https://en.wikipedia.org/wiki/Off-by-one_error_(computing)' },
      ]);
      assert.equal(
        all('a')
          .find((anchor) => anchor.textContent === 'Array.prototype.slice()')
          ?.querySelector('code')?.textContent,
        'Array.prototype.slice()',
      );
    });

    it('colours the TypeScript and diff blocks and keeps their text exact', () => {
      assert.deepEqual(texts(all('.code-block-language')), ['ts', 'diff']);
      const [ts, diff] = all('.code-block code');
      assert.equal(
        ts?.textContent,
        'const end = Math.min(messages.length - 1, start + size); // should be messages.length',
      );
      assert.deepEqual(texts(ts?.querySelectorAll('.hljs-keyword') ?? []), ['const']);
      assert.equal(ts?.querySelector('.hljs-comment')?.textContent, '// should be messages.length');
      assert.equal(diff?.querySelector('.hljs-deletion')?.textContent?.startsWith('-  const end'), true);
      assert.equal(diff?.querySelector('.hljs-addition')?.textContent?.startsWith('+  const end'), true);
    });
  });

  describe('setup steps', () => {
    beforeEach(async () => {
      view = await mountMarkdown(modelAnswer('setup-steps'));
    });

    it('shows setext headings as headings', () => {
      assert.deepEqual(texts(all('.md-heading')), ['Setting up the project', 'Checklist']);
    });

    it('keeps code fences inside their numbered steps', () => {
      const steps = all('ol > li');
      assert.equal(steps.length, 3);
      assert.deepEqual(
        steps.map((step) => step.querySelector('.code-block-language')?.textContent ?? null),
        ['bash', 'sh', null],
      );
      assert.equal(steps[0]?.querySelector('pre')?.textContent, 'npm ci');
    });

    it('shows task items as ticked or not, without the brackets', () => {
      assert.deepEqual(
        all('.md-task').map((box) => box.getAttribute('aria-label')),
        ['done', 'not done', 'not done'],
      );
      assert.deepEqual(texts(all('.md-task-item')), [
        'Node 20 installed',
        'Database running',
        '.env filled in',
      ]);
    });

    it('shows a list inside a quote as a list', () => {
      assert.deepEqual(texts(all('blockquote li')), [
        'use PowerShell, not cmd',
        'run npm ci from an elevated prompt',
      ]);
      assert.equal(one('blockquote strong').textContent, 'Note:');
    });

    it('shows a fence inside a longer fence as code', () => {
      const nested = all('.code-block').find(
        (block) => block.querySelector('.code-block-language')?.textContent === 'markdown',
      );
      assert.equal(nested?.querySelector('pre')?.textContent, '```bash\nnpm ci\n```');
    });
  });

  describe('inline details', () => {
    beforeEach(async () => {
      view = await mountMarkdown(modelAnswer('inline-details'));
    });

    it('shows inline code that contains backticks', () => {
      assert.deepEqual(texts(all('p:first-child code')), ['``', '`npm`']);
    });

    it('breaks lines at two trailing spaces, a backslash and a newline', () => {
      const paragraph = one('p');
      assert.equal(paragraph.querySelectorAll('br').length, 3);
      assert.equal(paragraph.textContent?.includes('\\'), false);
    });

    it('links autolinks and bare URLs, and only the URL', () => {
      assert.deepEqual(texts(all('a')), [
        'https://nodejs.org/api/fs.html',
        'https://nodejs.org/api/path.html',
      ]);
    });

    it('shows HTML as text, and script or file links as the text the model wrote', () => {
      assert.equal(all('h1, script, img').length, 0);
      const text = view?.container.textContent ?? '';
      assert.ok(text.includes('<h1>Title</h1>'), text);
      assert.ok(text.includes('<script>alert(1)</script>'), text);
      assert.ok(text.includes('[run](javascript:alert(1)) and [passwd](file:///etc/passwd)'), text);
    });
  });

  describe('a streamed answer', () => {
    const answer = modelAnswer('review-findings');
    const cut = (marker: string, extra = 0): string => answer.slice(0, answer.indexOf(marker) + extra);

    it('shows a fence cut mid-line as code so far, with the prose before it', async () => {
      view = await mountMarkdown(cut('start + size); //'));
      assert.equal(all('.code-block').length, 1);
      assert.equal(one('.code-block code').textContent, 'const end = Math.min(messages.length - 1, ');
      assert.equal(all('p').at(-1)?.textContent, 'The off-by-one is on line 42:');
    });

    it('shows a table cut mid-row with the rows so far', async () => {
      view = await mountMarkdown(cut(' | backoff'));
      assert.equal(all('table').length, 1);
      assert.deepEqual(texts(all('tbody tr:last-child td')), ['2', 'retry.ts', '', '']);
    });

    it('shows a link cut mid-URL as text until it closes', async () => {
      const before = cut('_(computing)');
      view = await mountMarkdown(before);
      assert.equal(
        all('a').some((anchor) => anchor.textContent === 'Off-by-one error'),
        false,
      );
      assert.ok(
        view.container.textContent?.includes(
          '[Off-by-one error](https://en.wikipedia.org/wiki/Off-by-one_error',
        ),
      );
      await view.show(cut('_(computing)', '_(computing))'.length));
      assert.ok(all('a').some((anchor) => anchor.textContent === 'Off-by-one error'));
    });

    for (const name of modelAnswerNames) {
      it(`renders ${name} streamed piece by piece exactly as it renders whole`, async () => {
        const text = modelAnswer(name);
        view = await mountMarkdown('');
        for (let end = 5; end < text.length + 5; end += 5) {
          await view.show(text.slice(0, end));
          const whole = await mountMarkdown(text.slice(0, end));
          assert.equal(view.container.innerHTML, whole.container.innerHTML, `after ${end} characters`);
          await whole.unmount();
        }
      });
    }
  });
});
