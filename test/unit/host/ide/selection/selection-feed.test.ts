import { strict as assert } from 'node:assert';
import type { EditorSelection } from '../../../../../src/host/ide/ide-editor';
import type { Scheduler } from '../../../../../src/host/ide/selection/selection-feed';
import { SelectionFeed } from '../../../../../src/host/ide/selection/selection-feed';

function at(line: number, text = ''): EditorSelection {
  return {
    text,
    filePath: '/p/a.ts',
    fileUrl: 'file:///p/a.ts',
    selection: { start: { line, character: 0 }, end: { line, character: text.length }, isEmpty: text === '' },
  };
}

/** Timers the test fires by hand. */
function manualTimers(): { schedule: Scheduler; fire(): void; delays: number[] } {
  let pending: (() => void) | undefined;
  const delays: number[] = [];
  return {
    delays,
    schedule: (callback, ms) => {
      delays.push(ms);
      pending = callback;
      return () => {
        if (pending === callback) pending = undefined;
      };
    },
    fire: () => {
      const callback = pending;
      pending = undefined;
      callback?.();
    },
  };
}

describe('SelectionFeed', () => {
  it('announces only the last of a burst of changes, after the quiet time', () => {
    const timers = manualTimers();
    const feed = new SelectionFeed({ debounceMs: 300, schedule: timers.schedule });
    const heard: EditorSelection[] = [];
    feed.onDidChangeSelection((selection) => heard.push(selection));
    feed.update(at(1));
    feed.update(at(2));
    feed.update(at(3, 'abc'));
    assert.deepEqual(heard, []);
    timers.fire();
    assert.deepEqual(heard, [at(3, 'abc')]);
    assert.deepEqual(feed.latest, at(3, 'abc'));
    assert.deepEqual(timers.delays, [300, 300, 300]);
  });

  it('stays quiet when text and range did not change', () => {
    const timers = manualTimers();
    const feed = new SelectionFeed({ debounceMs: 300, schedule: timers.schedule });
    const heard: EditorSelection[] = [];
    feed.onDidChangeSelection((selection) => heard.push(selection));
    feed.update(at(1));
    timers.fire();
    feed.update(at(1));
    timers.fire();
    assert.equal(heard.length, 1);
  });

  it('keeps the latest selection when the editor goes away', () => {
    const timers = manualTimers();
    const feed = new SelectionFeed({ debounceMs: 300, schedule: timers.schedule });
    feed.update(at(4));
    timers.fire();
    feed.update(undefined);
    timers.fire();
    assert.deepEqual(feed.latest, at(4));
  });
});
