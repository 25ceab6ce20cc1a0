import { describe, expect, it } from 'vitest';
import { encodeSgrMouse, parseMouseReport, type MouseInput } from '../../../src/ui/input/mouse-report.js';

const base: MouseInput = { kind: 'press', button: 0, x: 0, y: 0, shift: false, alt: false, ctrl: false };

describe('encodeSgrMouse', () => {
  it('writes SGR reports with 1-based coordinates in the receiving pane', () => {
    expect(encodeSgrMouse(base, 0, 0)).toBe('\x1b[<0;1;1M');
    expect(encodeSgrMouse({ ...base, kind: 'release', button: 2 }, 4, 9)).toBe('\x1b[<2;5;10m');
    expect(encodeSgrMouse({ ...base, kind: 'wheel-down' }, 1, 1)).toBe('\x1b[<65;2;2M');
    expect(encodeSgrMouse({ ...base, kind: 'drag', button: 1, ctrl: true }, 1, 1)).toBe('\x1b[<49;2;2M');
    expect(encodeSgrMouse({ ...base, kind: 'move', button: 3 }, 0, 0)).toBe('\x1b[<35;1;1M');
  });

  it('round-trips through parseMouseReport for every kind, button and modifier', () => {
    const kinds = ['press', 'release', 'drag', 'wheel-up', 'wheel-down', 'move'] as const;
    for (const kind of kinds) {
      const buttons = kind === 'move' ? [3] : kind.startsWith('wheel') ? [0] : [0, 1, 2, 8, 9];
      for (const button of buttons) {
        for (const mods of [0, 1, 2, 4, 7]) {
          const event: MouseInput = { kind, button, x: 17, y: 3, shift: (mods & 1) > 0, alt: (mods & 2) > 0, ctrl: (mods & 4) > 0 };
          expect(parseMouseReport(encodeSgrMouse(event, 17, 3)), JSON.stringify(event)).toEqual(event);
        }
      }
    }
  });
});

describe('parseMouseReport', () => {
  it('ignores horizontal wheel and nonsense', () => {
    expect(parseMouseReport('\x1b[<66;1;1M')).toBeNull();
    expect(parseMouseReport('\x1b[<0;0;1M')).toBeNull();
    expect(parseMouseReport('\x1b[A')).toBeNull();
  });
});
