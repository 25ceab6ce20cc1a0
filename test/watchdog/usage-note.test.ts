import { describe, expect, it } from 'vitest';
import { usageNote } from '../../src/watchdog/usage-note.js';

describe('usageNote', () => {
  it('notes the usage window past 80 %, once per whole percentage, a warning from 95 %', () => {
    expect(usageNote('cx', null, 42)).toBeNull();
    expect(usageNote('cx', 42, 80)).toBeNull();
    expect(usageNote('cx', 80, 81.2)).toEqual({ type: 'note', name: 'cx', kind: 'usage', level: 'info', message: 'cx: 81 % of its usage window used' });
    expect(usageNote('cx', 81.2, 81.9)).toBeNull();
    expect(usageNote('cx', 81.9, 96)).toMatchObject({ level: 'warn', message: 'cx: 96 % of its usage window used' });
    expect(usageNote('cx', 96, null)).toBeNull();
  });
});
