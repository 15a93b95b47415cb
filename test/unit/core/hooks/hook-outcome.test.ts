import { strict as assert } from 'node:assert';
import {
  combineHookOutcomes,
  emptyHookOutcome,
  outcomeFromBlockingExit,
  outcomeFromSuccess,
  parseHookJson,
} from '../../../../src/core/hooks/hook-outcome';
import type { HookOutcome } from '../../../../src/core/hooks/hook-outcome';

describe('hook outcomes', () => {
  it('reads a PreToolUse permission decision with its reason', () => {
    const outcome = outcomeFromSuccess(
      'PreToolUse',
      '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"ask","permissionDecisionReason":"prod config"}}',
      'hook',
    );
    assert.equal(outcome.permissionDecision, 'ask');
    assert.equal(outcome.permissionReason, 'prod config');
    assert.equal(outcome.blocked, false);
  });

  it('maps the deprecated decision "block" to a deny for PreToolUse', () => {
    const outcome = outcomeFromSuccess('PreToolUse', '{"decision":"block","reason":"no"}', 'hook');
    assert.equal(outcome.permissionDecision, 'deny');
    assert.equal(outcome.permissionReason, 'no');
  });

  it('blocks a Stop with decision "block" so the agent continues with the reason', () => {
    const outcome = outcomeFromSuccess('Stop', '{"decision":"block","reason":"run the tests"}', 'hook');
    assert.deepEqual([outcome.blocked, outcome.blockReason], [true, 'run the tests']);
  });

  it('turns continue:false into a stop with the hook reason', () => {
    const outcome = outcomeFromSuccess('PostToolUse', '{"continue":false,"stopReason":"CI red"}', 'hook');
    assert.deepEqual(outcome.stopContinuation, { reason: 'CI red' });
  });

  it('treats invalid JSON output as plain text', () => {
    assert.equal(parseHookJson('{"decision": "block", oops'), undefined);
    assert.equal(parseHookJson('{"decision": "maybe"}'), undefined);
    const outcome = outcomeFromSuccess('UserPromptSubmit', '{"decision": "block", oops', 'hook');
    assert.equal(outcome.blocked, false);
    assert.deepEqual(outcome.additionalContext, ['{"decision": "block", oops']);
  });

  it('uses plain stdout as context only for UserPromptSubmit and SessionStart', () => {
    assert.deepEqual(outcomeFromSuccess('SessionStart', 'branch: main\n', 'hook').additionalContext, [
      'branch: main',
    ]);
    const post = outcomeFromSuccess('PostToolUse', 'formatted 1 file', 'hook');
    assert.deepEqual(post.additionalContext, []);
    assert.deepEqual(post.messages, [{ level: 'info', text: 'hook: formatted 1 file' }]);
  });

  it('denies a PreToolUse call on exit 2 with stderr as the reason', () => {
    const outcome = outcomeFromBlockingExit('PreToolUse', 'not here\n', '', 'hook');
    assert.deepEqual(
      [outcome.blocked, outcome.blockReason, outcome.permissionDecision, outcome.permissionReason],
      [true, 'not here', 'deny', 'not here'],
    );
  });

  it('combines parallel hooks: any block wins, deny beats ask beats allow, contexts concatenated', () => {
    const make = (partial: Partial<HookOutcome>): HookOutcome => ({ ...emptyHookOutcome(), ...partial });
    const combined = combineHookOutcomes([
      make({ permissionDecision: 'allow', permissionReason: 'a', additionalContext: ['one'] }),
      make({ permissionDecision: 'ask', permissionReason: 'b' }),
      make({ permissionDecision: 'deny', permissionReason: 'c', additionalContext: ['two'] }),
      make({ permissionDecision: 'ask', permissionReason: 'd' }),
      make({ blocked: true, blockReason: 'x', messages: [{ level: 'warning', text: 'w' }] }),
    ]);
    assert.equal(combined.blocked, true);
    assert.equal(combined.blockReason, 'x');
    assert.equal(combined.permissionDecision, 'deny');
    assert.equal(combined.permissionReason, 'c');
    assert.deepEqual(combined.additionalContext, ['one', 'two']);
    assert.deepEqual(combined.messages, [{ level: 'warning', text: 'w' }]);
  });

  it('combines nothing into an outcome that decides nothing', () => {
    assert.deepEqual(combineHookOutcomes([]), { blocked: false, additionalContext: [], messages: [] });
  });
});

describe('exit code 2 on events that cannot be blocked', () => {
  for (const event of ['SessionStart', 'Notification'] as const) {
    it(`shows ${event} stderr to the person without blocking`, () => {
      const outcome = outcomeFromBlockingExit(event, 'oops', '', 'hook');
      assert.equal(outcome.blocked, false);
      assert.deepEqual(outcome.messages, [{ level: 'warning', text: 'hook: oops' }]);
    });
  }
});
