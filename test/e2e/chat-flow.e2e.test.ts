import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { E2eFixture } from './e2e-fixture';
import { editCard, screenshotIfFailed, sendMessage, startE2e } from './e2e-fixture';

const original = 'export const greeting = "hello";\n';

function toolResults(body: unknown): { tool_use_id: string; is_error?: boolean; content: unknown }[] {
  const messages = (body as { messages?: { role: string; content: unknown }[] }).messages ?? [];
  return messages.flatMap((message) =>
    Array.isArray(message.content)
      ? (
          message.content as { type: string; tool_use_id: string; is_error?: boolean; content: unknown }[]
        ).filter((block) => block.type === 'tool_result')
      : [],
  );
}

/** An Edit call replacing `from` with `to` in `file`. */
function edit(id: string, file: string, from: string, to: string) {
  return { toolUse: { id, name: 'Edit', input: { file_path: file, old_string: from, new_string: to } } };
}

describe('Tandem in VS Code, end to end (packaged .vsix, scripted model)', () => {
  let fixture: E2eFixture;
  let file: string;

  before(async () => {
    fixture = await startE2e({ 'greeting.ts': original });
    file = join(fixture.workspace, 'greeting.ts');
  });

  afterEach(async function () {
    await screenshotIfFailed(fixture, this.currentTest);
  });

  after(async () => {
    await fixture?.close();
  });

  it('asks before editing, previews the diff, and writes the file when the person accepts', async () => {
    fixture.model.enqueue(
      [
        { text: 'Reading it first.' },
        { toolUse: { id: 'toolu_read_1', name: 'Read', input: { file_path: file } } },
      ],
      [{ text: 'Changing the greeting.' }, edit('toolu_edit_1', file, '"hello"', '"hello, world"')],
      [{ text: 'The greeting now says hello, world.' }],
    );
    const panel = fixture.panel();
    await sendMessage(fixture, 'Make the greeting say hello, world');
    await fixture.screenshot('01-sent');
    const preview = editCard(fixture, 'greeting.ts');
    await preview.getByRole('button', { name: 'Accept' }).waitFor();
    await fixture.screenshot('03-diff-preview');
    // The preview is the question: the agent waits for the answer, nothing is written, nobody else asks.
    const waiting = fixture.model.modelRequests.length;
    assert.equal(waiting, 2, 'the model was not called again while the edit waits');
    assert.equal(readFileSync(file, 'utf8'), original, 'nothing is written before Accept');
    assert.equal(await preview.locator('.card-status').innerText(), 'Waiting for review');
    assert.equal(await panel.getByRole('region', { name: /^Permission: / }).count(), 0, 'no second question');
    await preview.getByRole('button', { name: 'Accept' }).click();
    await panel.getByText('The greeting now says hello, world.').waitFor();
    assert.equal(
      await preview.locator('.card-status').innerText(),
      'Written',
      'the card says what the host did',
    );
    await fixture.screenshot('04-accepted');
    assert.equal(readFileSync(file, 'utf8'), 'export const greeting = "hello, world";\n');
    const result = toolResults(fixture.model.modelRequests[waiting]?.body).find(
      (block) => block.tool_use_id === 'toolu_edit_1',
    );
    assert.equal(result?.is_error, undefined, 'the edit went back to the model as done');
  });

  it('rejects with one click, taking the reason typed in the box, and tells the model why', async () => {
    const before = readFileSync(file, 'utf8');
    fixture.model.enqueue(
      [edit('toolu_edit_2', file, '"hello, world"', '"bye"')],
      [{ text: 'Understood, leaving it.' }],
    );
    const panel = fixture.panel();
    const requestsBefore = fixture.model.modelRequests.length;
    await sendMessage(fixture, 'Now make it say bye');
    const preview = editCard(fixture, 'greeting.ts');
    await preview.getByRole('button', { name: 'Reject' }).waitFor();
    await panel.getByLabel('Message Tandem').fill('keep the friendly greeting');
    await preview.getByText('Reject sends your message as the reason.').waitFor();
    await fixture.screenshot('05-reject-with-reason');
    await preview.getByRole('button', { name: 'Reject' }).click();
    await panel.getByText('Understood, leaving it.').waitFor();
    assert.equal(await preview.locator('.card-status').innerText(), 'Rejected', 'one click rejected it');
    assert.equal(await panel.getByLabel('Message Tandem').inputValue(), '', 'the reason left the box');
    await fixture.screenshot('05-rejected');
    assert.equal(readFileSync(file, 'utf8'), before);
    const followUp = fixture.model.modelRequests[requestsBefore + 1];
    assert.ok(followUp, 'the model was called again after the rejection');
    const result = toolResults(followUp.body).find((block) => block.tool_use_id === 'toolu_edit_2');
    assert.ok(result, 'the rejection went back as the tool_result of the edit');
    assert.equal(result.is_error, true);
    assert.match(JSON.stringify(result.content), /keep the friendly greeting/);
  });

  it('answers each of two waiting edits with its own buttons: Reject one, Accept the other', async () => {
    const other = join(fixture.workspace, 'other.ts');
    fixture.model.enqueue(
      [
        {
          toolUse: {
            id: 'toolu_write_a',
            name: 'Write',
            input: { file_path: other, content: 'export const a = 1;\n' },
          },
        },
        edit('toolu_edit_4', file, 'greeting', 'salutation'),
      ],
      [{ text: 'One of two.' }],
    );
    const panel = fixture.panel();
    await sendMessage(fixture, 'Create other.ts and rename greeting');
    const first = editCard(fixture, 'other.ts');
    await first.getByRole('button', { name: 'Reject' }).click();
    const second = editCard(fixture, 'greeting.ts');
    await second.getByRole('button', { name: 'Accept' }).click();
    await panel.getByText('One of two.').waitFor();
    assert.equal(await first.locator('.card-status').innerText(), 'Rejected');
    assert.equal(await second.locator('.card-status').innerText(), 'Written');
    assert.equal(existsSync(other), false, 'the rejected file was not created');
    assert.match(readFileSync(file, 'utf8'), /salutation/);
    await fixture.screenshot('05c-two-edits');
  });

  it('writes what the person changed in the diff editor before accepting', async () => {
    fixture.model.enqueue(
      [edit('toolu_edit_3', file, 'salutation', 'greeting')],
      [{ text: 'Noted your version.' }],
    );
    const { page } = fixture;
    const panel = fixture.panel();
    await sendMessage(fixture, 'Rename salutation back to greeting');
    const preview = editCard(fixture, 'greeting.ts');
    await preview.getByRole('button', { name: 'Open diff' }).click();
    const modified = page.locator('.monaco-diff-editor .editor.modified .view-lines');
    await modified.waitFor();
    await modified.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('export const welcome = "hi";');
    await page.keyboard.press('Control+S');
    await fixture.screenshot('05b-diff-editor-edited');
    await preview.getByRole('button', { name: 'Accept' }).click();
    await panel.getByText('Noted your version.').waitFor();
    assert.match(readFileSync(file, 'utf8'), /^export const welcome = "hi";\r?\n?$/);
    assert.match(await preview.innerText(), /Your version was written\./);
  });

  it('asks before running a command, and runs it when the person allows it', async () => {
    const marker = join(fixture.workspace, 'allowed.txt');
    fixture.model.enqueue(
      [
        {
          toolUse: {
            id: 'toolu_bash_1',
            name: 'Bash',
            input: { command: `echo ran > ${marker}`, description: 'Write a marker' },
          },
        },
      ],
      [{ text: 'The command ran.' }],
    );
    const panel = fixture.panel();
    await sendMessage(fixture, 'Write a marker file with the shell');
    const prompt = panel.getByRole('region', { name: 'Permission: Bash' }).last();
    await prompt.getByRole('button', { name: 'Allow', exact: true }).waitFor();
    await fixture.screenshot('05a-permission-prompt');
    assert.equal(existsSync(marker), false, 'nothing runs before Allow');
    await prompt.getByRole('button', { name: 'Allow', exact: true }).click();
    await panel.getByText('The command ran.').waitFor();
    assert.equal(readFileSync(marker, 'utf8'), 'ran\n');
  });

  it('queues what the person types while an answer streams; Stop sends nothing until they say so', async () => {
    const long = Array.from({ length: 200 }, (_, index) => `sentence ${index} of a long answer.`).join(' ');
    fixture.model.enqueue({ blocks: [{ text: long }], chunk: { tokens: 2, delayMs: 100 } }, [
      { text: 'Here is the short one.' },
    ]);
    const panel = fixture.panel();
    await sendMessage(fixture, 'Tell me a long story');
    await panel.getByText('sentence 3 of', { exact: false }).waitFor();
    await sendMessage(fixture, 'Now a short one');
    const queue = panel.getByRole('region', { name: 'Queued messages' });
    await queue.getByText('Now a short one').waitFor();
    await queue.getByText('Queued: sent when this turn ends').waitFor();
    await fixture.screenshot('06-queued-while-streaming');
    const requests = fixture.model.modelRequests.length;
    await panel.getByRole('button', { name: 'Stop' }).click();
    await panel.getByText('Not sent: you stopped the turn.').waitFor();
    await panel.getByText('Stopped', { exact: false }).first().waitFor();
    await fixture.screenshot('06-stopped');
    assert.equal(fixture.model.modelRequests.length, requests, 'Stop sent nothing');
    assert.equal((await panel.locator('body').innerText()).includes('sentence 199 of'), false);
    await queue.getByRole('button', { name: 'Send now' }).click();
    await panel.getByText('Here is the short one.').waitFor();
    assert.match(JSON.stringify(fixture.model.modelRequests.at(-1)?.body), /Now a short one/);
  });

  it('finds the conversation intact after the window reloads, and continues it', async () => {
    await fixture.reload();
    const panel = fixture.panel();
    const conversation = panel.getByRole('list', { name: 'Conversation' });
    await conversation.getByText('Here is the short one.').waitFor();
    // The list shows the newest rows; the person scrolls up to the start of the chat.
    await conversation.hover();
    await fixture.page.mouse.wheel(0, -100_000);
    await conversation.getByText('Make the greeting say hello, world').waitFor();
    await conversation.getByText('The greeting now says hello, world.').waitFor();
    await panel.getByRole('button', { name: 'Send' }).waitFor();
    await fixture.screenshot('07-after-reload');
    fixture.model.enqueue([{ text: 'We changed the greeting and kept it.' }]);
    const requestsBefore = fixture.model.modelRequests.length;
    await sendMessage(fixture, 'What did we change?');
    await panel.getByText('We changed the greeting and kept it.').waitFor();
    const request = fixture.model.modelRequests[requestsBefore];
    assert.ok(request, 'the model was called after the reload');
    const history = JSON.stringify(request.body);
    assert.match(history, /Make the greeting say hello, world/);
    assert.match(history, /keep the friendly greeting/);
    await fixture.screenshot('08-continued-after-reload');
  });
});
