import { strict as assert } from 'node:assert';
import { SystemClock } from '../../../../src/node/clock/system-clock';

describe('SystemClock', () => {
  const clock = new SystemClock();

  it('tells the wall time and a random number in [0, 1)', () => {
    assert.ok(Math.abs(clock.now() - Date.now()) < 1_000);
    const value = clock.random();
    assert.ok(value >= 0 && value < 1);
  });

  it('sleeps for the given time', async () => {
    const start = Date.now();
    await clock.sleep(50);
    assert.ok(Date.now() - start >= 45);
  });

  it('rejects a sleep with the reason when aborted, before or during it', async () => {
    const early = new AbortController();
    early.abort(new Error('early'));
    await assert.rejects(clock.sleep(10_000, early.signal), /early/);
    const late = new AbortController();
    setTimeout(() => late.abort(new Error('late')), 20);
    await assert.rejects(clock.sleep(10_000, late.signal), /late/);
  });
});
