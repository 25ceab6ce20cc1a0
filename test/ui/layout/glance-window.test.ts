import { describe, expect, it } from 'vitest';
import { glanceTop } from '../../../src/ui/layout/index.js';

describe('glanceTop: the rows of a screen a glance shows', () => {
  it("the bottom rows, where a TUI keeps its status line, input box and footer (the cursor's among them)", () => {
    expect(glanceTop(40, 5, 37)).toBe(35);
    expect(glanceTop(40, 5, 39)).toBe(35);
  });

  it('up to the cursor when it is above them: a shell that has not filled its screen', () => {
    expect(glanceTop(40, 5, 2)).toBe(0);
    expect(glanceTop(40, 5, 20)).toBe(16);
    expect(glanceTop(40, 5, 34)).toBe(30);
  });

  it('the whole screen when it fits', () => {
    expect(glanceTop(4, 5, 3)).toBe(0);
    expect(glanceTop(5, 5, 0)).toBe(0);
  });
});
