import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { E2eFixture } from './e2e-fixture';
import { editCard, screenshotIfFailed, sendMessage, startE2e } from './e2e-fixture';

/** The person works in the file the agent is editing. */
describe('Tandem while the person edits the same file (end to end)', () => {
  let fixture: E2eFixture;
  let hello: string;

  before(async () => {
    fixture = await startE2e({ 'hello.py': 'print("hello")\n' });
    hello = join(fixture.workspace, 'hello.py');
  });

  afterEach(async function () {
    await screenshotIfFailed(fixture, this.currentTest);
  });

  after(async () => {
    await fixture?.close();
  });

  /** Opens the file from the card's link and types at the end of it, without saving. */
  async function typeAtEndOfFile(card: ReturnType<typeof editCard>, text: string): Promise<void> {
    const { page } = fixture;
    await card.getByRole('button', { name: 'hello.py' }).click();
    const editor = page.locator('.part.editor .monaco-editor .view-lines').first();
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(text);
    await page.locator('.tab.dirty', { hasText: 'hello.py' }).waitFor();
  }

  it('keeps an unsaved line typed at the end and writes the agent’s edit to line 1', async () => {
    fixture.model.enqueue(
      [{ toolUse: { id: 'toolu_read', name: 'Read', input: { file_path: hello } } }],
      [
        {
          toolUse: {
            id: 'toolu_edit_1',
            name: 'Edit',
            input: { file_path: hello, old_string: '"hello"', new_string: '"hello, world"' },
          },
        },
      ],
      [{ text: 'Greeting widened.' }],
    );
    const panel = fixture.panel();
    await sendMessage(fixture, 'Greet the world');
    const card = editCard(fixture, 'hello.py');
    await card.getByRole('button', { name: 'Accept' }).waitFor();
    await typeAtEndOfFile(card, 'print("mine")');
    await fixture.screenshot('14-unsaved-line-while-an-edit-waits');
    await card.getByRole('button', { name: 'Accept' }).click();
    await panel.getByText('Greeting widened.').waitFor();
    assert.equal(await card.locator('.card-status').innerText(), 'Written');
    assert.match(await card.innerText(), /Merged with your unsaved changes to hello\.py\./);
    assert.equal(readFileSync(hello, 'utf8'), 'print("hello, world")\nprint("mine")');
    const lines = await fixture.page.locator('.part.editor .monaco-editor .view-lines').first().innerText();
    assert.match(lines.replace(/\u00a0/g, ' '), /print\("hello, world"\)\s+print\("mine"\)/);
    await fixture.screenshot('15-merged-with-the-unsaved-line');
  });

  it('keeps the proposal open when the person’s typing overlaps it, and rejects it in one click', async () => {
    fixture.model.enqueue(
      [
        {
          toolUse: {
            id: 'toolu_edit_2',
            name: 'Edit',
            input: { file_path: hello, old_string: 'print("mine")', new_string: 'print("theirs")' },
          },
        },
      ],
      [{ text: 'Left your line alone.' }],
    );
    const panel = fixture.panel();
    await sendMessage(fixture, 'Change the last line');
    const card = editCard(fixture, 'hello.py');
    await card.getByRole('button', { name: 'Accept' }).waitFor();
    await typeAtEndOfFile(card, ' # mine, still');
    await card.getByRole('button', { name: 'Accept' }).click();
    await card.getByText(/your unsaved changes to hello\.py \(line 2\) overlap this edit/).waitFor();
    assert.equal(
      await card.locator('.card-status').innerText(),
      'Waiting for review',
      'open for another look',
    );
    await fixture.screenshot('16-overlap-keeps-the-proposal-open');
    await card.getByRole('button', { name: 'Reject' }).click();
    await panel.getByText('Left your line alone.').waitFor();
    assert.equal(await card.locator('.card-status').innerText(), 'Rejected');
    assert.equal(
      readFileSync(hello, 'utf8'),
      'print("hello, world")\nprint("mine")',
      'the disk is untouched',
    );
  });

  it('scrolls a long line of a diff sideways inside the card instead of cutting it at the panel edge', async () => {
    const long = `print("${'a very long argument, '.repeat(12)}")`;
    fixture.model.enqueue(
      [
        {
          toolUse: {
            id: 'toolu_write',
            name: 'Write',
            input: { file_path: join(fixture.workspace, 'wide.py'), content: `${long}\n` },
          },
        },
      ],
      [{ text: 'Wrote the wide file.' }],
    );
    await sendMessage(fixture, 'Write a wide line');
    const card = editCard(fixture, 'wide.py');
    await card.getByRole('button', { name: 'Accept' }).waitFor();
    const diff = card.locator('.diff-view');
    assert.equal(
      await diff.evaluate((element) => element.scrollWidth > element.clientWidth),
      true,
      'the long line scrolls inside the diff',
    );
    const cardBox = await card.boundingBox();
    const panelBox = await fixture.page.locator('iframe.webview').boundingBox();
    assert.ok(cardBox && panelBox, 'the card and the panel are on screen');
    const cardRight = cardBox.x + cardBox.width;
    const panelRight = panelBox.x + panelBox.width;
    assert.ok(cardRight <= panelRight, `the card ends inside the panel (${cardRight} ≤ ${panelRight})`);
    await diff.evaluate((element) => element.scrollBy({ left: 400 }));
    await fixture.screenshot('17-wide-diff-scrolled');
    await card.getByRole('button', { name: 'Accept' }).click();
    await fixture.panel().getByText('Wrote the wide file.').waitFor();
  });
});
