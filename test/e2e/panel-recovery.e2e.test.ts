import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { E2eFixture } from './e2e-fixture';
import { editCard, screenshotIfFailed, sendMessage, startE2e } from './e2e-fixture';

/** The model's request bodies as text, from request `from` on. */
function requestsSince(fixture: E2eFixture, from: number): string {
  return fixture.model.modelRequests
    .slice(from)
    .map((request) => JSON.stringify(request.body))
    .join('\n');
}

/** A person interrupts Tandem while it waits for them: they type, reload, switch views, restart. */
describe('Tandem keeps the truth through typing, reloads and restarts (end to end)', () => {
  let fixture: E2eFixture;
  let notes: string;

  before(async () => {
    fixture = await startE2e({ 'notes.md': '# Notes\n' });
    notes = join(fixture.workspace, 'notes.md');
  });

  afterEach(async function () {
    await screenshotIfFailed(fixture, this.currentTest);
  });

  after(async () => {
    await fixture?.close();
  });

  it('queues what is typed while an edit waits, lets it be edited, and sends it when the turn ends', async () => {
    fixture.model.enqueue(
      [{ toolUse: { id: 'toolu_read_n', name: 'Read', input: { file_path: notes } } }],
      [
        {
          toolUse: {
            id: 'toolu_edit_n',
            name: 'Edit',
            input: { file_path: notes, old_string: '# Notes', new_string: '# Team notes' },
          },
        },
      ],
      [{ text: 'Renamed the heading.' }],
      [{ text: 'Added a date line.' }],
    );
    const panel = fixture.panel();
    await sendMessage(fixture, 'Rename the heading');
    const card = editCard(fixture, 'notes.md');
    await card.getByRole('button', { name: 'Accept' }).waitFor();
    await sendMessage(fixture, 'then add a date');
    const queue = panel.getByRole('region', { name: 'Queued messages' });
    await queue.getByText('then add a date').waitFor();
    await queue.getByRole('button', { name: 'Edit queued message' }).click();
    await queue.getByLabel('Edit queued message').fill('then add a date line under it');
    await queue.getByRole('button', { name: 'Save' }).click();
    await queue.getByText('then add a date line under it').waitFor();
    await fixture.screenshot('09-typed-while-an-edit-waits');
    const before = fixture.model.modelRequests.length;
    await card.getByRole('button', { name: 'Accept' }).click();
    await panel.getByText('Added a date line.').waitFor();
    assert.match(requestsSince(fixture, before), /then add a date line under it/);
    assert.equal(await queue.count(), 0, 'the queue is empty once sent');
  });

  it('shows a waiting edit again after the webview reloads, with Stop, and applies the Accept given there', async () => {
    fixture.model.enqueue(
      [
        {
          toolUse: {
            id: 'toolu_edit_r',
            name: 'Edit',
            input: { file_path: notes, old_string: '# Team notes', new_string: '# Our notes' },
          },
        },
      ],
      [{ text: 'Heading changed after the reload.' }],
    );
    const panel = fixture.panel();
    await sendMessage(fixture, 'Change the heading again');
    await editCard(fixture, 'notes.md').getByRole('button', { name: 'Accept' }).waitFor();
    await fixture.command('Developer: Reload Webviews');
    const card = editCard(fixture, 'notes.md');
    await card.getByRole('button', { name: 'Accept' }).waitFor();
    await panel.getByRole('button', { name: 'Stop' }).waitFor();
    await fixture.screenshot('10-edit-after-webview-reload');
    await card.getByRole('button', { name: 'Accept' }).click();
    await panel.getByText('Heading changed after the reload.').waitFor();
    assert.equal(await card.locator('.card-status').innerText(), 'Written');
    assert.match(readFileSync(notes, 'utf8'), /^# Our notes/);
  });

  it('shows a waiting permission prompt again after the view was hidden and shown, and runs what is allowed there', async () => {
    const marker = join(fixture.workspace, 'allowed.txt');
    fixture.model.enqueue(
      [
        {
          toolUse: {
            id: 'toolu_bash_h',
            name: 'Bash',
            input: { command: `echo ran > ${marker}`, description: 'Marker' },
          },
        },
      ],
      [{ text: 'Ran it after all.' }],
    );
    const panel = fixture.panel();
    await sendMessage(fixture, 'Write the marker');
    await panel.getByRole('region', { name: 'Permission: Bash' }).waitFor();
    // Another view in the side bar disposes the webview; showing Tandem again builds a new one.
    await fixture.command('View: Show Explorer');
    await fixture.page.locator('.explorer-folders-view').waitFor();
    await fixture.openPanel();
    const prompt = panel.getByRole('region', { name: 'Permission: Bash' });
    await prompt.getByRole('button', { name: 'Allow', exact: true }).waitFor();
    await panel.getByRole('button', { name: 'Stop' }).waitFor();
    await fixture.screenshot('11-prompt-after-view-shown-again');
    await prompt.getByRole('button', { name: 'Allow', exact: true }).click();
    await panel.getByText('Ran it after all.').waitFor();
    assert.equal(readFileSync(marker, 'utf8'), 'ran\n');
  });

  it('shows a turn cut off by an extension host restart as interrupted, never as running', async () => {
    const story = Array.from({ length: 300 }, (_, index) => `part ${index}.`).join(' ');
    fixture.model.enqueue({ blocks: [{ text: story }], chunk: { tokens: 2, delayMs: 100 } });
    const panel = fixture.panel();
    await sendMessage(fixture, 'Tell a long story');
    await panel.getByText('part 5.', { exact: false }).waitFor();
    await sendMessage(fixture, 'and summarise it');
    await panel.getByRole('region', { name: 'Queued messages' }).getByText('and summarise it').waitFor();
    await fixture.restartExtensionHost();
    const notice = panel.getByText(/^Interrupted: the extension host restarted while this turn was running/);
    await notice.waitFor();
    await panel.getByText('Not sent: the extension host restarted during the turn.').waitFor();
    await panel.getByRole('button', { name: 'Send now' }).waitFor();
    assert.equal(await panel.getByRole('button', { name: 'Stop' }).count(), 0, 'nothing shows as running');
    await fixture.screenshot('12-interrupted-by-restart');
    fixture.model.enqueue([{ text: 'In short: it was long.' }]);
    const before = fixture.model.modelRequests.length;
    await panel.getByRole('button', { name: 'Send now' }).click();
    await panel.getByText('In short: it was long.').waitFor();
    assert.match(requestsSince(fixture, before), /and summarise it/);
  });

  it('shows a permission prompt cut off by a window reload as cancelled, and runs nothing', async () => {
    const marker = join(fixture.workspace, 'never.txt');
    fixture.model.enqueue([
      {
        toolUse: {
          id: 'toolu_bash_w',
          name: 'Bash',
          input: { command: `echo ran > ${marker}`, description: 'Marker' },
        },
      },
    ]);
    const panel = fixture.panel();
    await sendMessage(fixture, 'Write another marker');
    await panel
      .getByRole('region', { name: 'Permission: Bash' })
      .last()
      .getByRole('button', { name: 'Deny' })
      .waitFor();
    await fixture.reload();
    const prompt = panel.getByRole('region', { name: 'Permission: Bash' }).last();
    await prompt.getByText('Cancelled').waitFor();
    await panel.getByText(/^Interrupted: .*Not finished: .*Bash: echo ran .*\(not run\)/).waitFor();
    await panel.getByRole('button', { name: 'Send' }).waitFor();
    await fixture.screenshot('13-prompt-after-window-reload');
    assert.equal(existsSync(marker), false);
  });
});
