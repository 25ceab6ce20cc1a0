import { describe, expect, it } from 'vitest';
import { nextPart, openPilotState, partMode, statusLines, withBusy, withDone, withTimeline } from '../../../src/ui/pilot/pilot-state.js';
import { answerOf, straightTimeline } from './timeline-fixture.js';

describe('the pilot view state', () => {
  it('Tab goes prompt bar → timeline → pane → prompt bar; the pane hands keys to the agent', () => {
    expect([nextPart('prompt', 1), nextPart('timeline', 1), nextPart('pane', 1)]).toEqual(['timeline', 'pane', 'prompt']);
    expect(nextPart('prompt', -1)).toBe('pane');
    expect([partMode('prompt'), partMode('timeline'), partMode('pane')]).toEqual(['prompt', 'timeline', 'normal']);
  });

  it('keeps a history the bar already has; an empty one gets the turns\' prompts', () => {
    const tl = answerOf(straightTimeline());
    expect(withTimeline(openPilotState('builder', ['mine']), tl).bar.history).toEqual(['mine']);
    expect(withTimeline(openPilotState('builder', []), tl).bar.history).toHaveLength(3);
  });

  it('says what runs and for how long, then how it went', () => {
    const busy = withBusy({ ...openPilotState('builder', []), error: 'old' }, 'going to T1…', 10_000);
    expect(busy.error).toBeNull();
    expect(statusLines({ ...busy, progress: 'the present saved as T4' }, 72_500)).toEqual([
      { kind: 'busy', text: '⟳ going to T1… 62s' },
      { kind: 'busy', text: '  the present saved as T4' },
    ]);
    expect(statusLines(withDone(busy, { error: 'no such checkpoint' }), 0)).toEqual([{ kind: 'error', text: '✗ no such checkpoint' }]);
    expect(statusLines(withDone(busy, { note: 'at T1' }), 0)).toEqual([{ kind: 'note', text: 'at T1' }]);
    expect(statusLines(withDone(busy, { note: '' }), 0)).toEqual([]);
  });
});
