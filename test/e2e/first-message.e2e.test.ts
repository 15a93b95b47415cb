import { strict as assert } from 'node:assert';
import type { E2eFixture } from './e2e-fixture';
import { screenshotIfFailed, startE2e } from './e2e-fixture';

/** What a person does with a window they just opened: open Tandem and type straight away. */
describe('Tandem, the first message in a fresh window', () => {
  let fixture: E2eFixture;

  before(async () => {
    fixture = await startE2e({ 'greeting.ts': 'export const greeting = "hello";\n' }, { openPanel: false });
  });

  afterEach(async function () {
    await screenshotIfFailed(fixture, this.currentTest);
  });

  after(async () => {
    await fixture?.close();
  });

  it('sends the request typed the moment the panel opens, even before the host has answered', async () => {
    fixture.model.enqueue([{ text: 'It exports one greeting.' }]);
    const panel = fixture.panel();
    await fixture.command('Tandem: Focus Chat');
    const input = panel.getByLabel('Message Tandem');
    // No waiting for the panel to be ready: type the moment the box exists, at a person's pace.
    await input.waitFor({ timeout: 60_000 });
    const placeholder = await input.getAttribute('placeholder');
    await input.pressSequentially('What does greeting.ts export?', { delay: 25 });
    await input.press('Enter');
    await fixture.screenshot('00-first-message-sent');
    await panel
      .getByRole('list', { name: 'Conversation' })
      .getByText('What does greeting.ts export?')
      .waitFor();
    await panel.getByText('It exports one greeting.').waitFor();
    assert.equal(await input.inputValue(), '', 'the box empties once the host has the message');
    const request = fixture.model.modelRequests[0];
    assert.ok(request, 'the request reached the model');
    assert.match(JSON.stringify(request.body), /What does greeting\.ts export\?/);
    assert.equal(fixture.model.modelRequests.length, 1, 'sent once');
    process.stdout.write(`      (the box said "${placeholder ?? ''}" when typing began)\n`);
    await fixture.screenshot('00-first-message-answered');
  });
});
