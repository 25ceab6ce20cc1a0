import { describe, expect, it } from 'vitest';
import { computeLayout, pilotLayout, promptRows, screenLayout, type Rect } from '../../../src/ui/layout/index.js';

/** Every cell of the area covered exactly once by the rects. */
function tiles(rects: Rect[], cols: number, rows: number): boolean {
  const seen = new Uint8Array(cols * rows);
  for (const r of rects) {
    for (let y = r.y; y < r.y + r.height; y++) for (let x = r.x; x < r.x + r.width; x++) seen[y * cols + x]! += 1;
  }
  return seen.every((n) => n === 1);
}

describe('the pilot view layout', () => {
  const area = (cols: number, rows: number) => ({ x: 0, y: 0, cols, rows });

  it('wide: the piloted pane large with the prompt bar under it, the timeline beside, the others under the timeline', () => {
    const { frames, timeline, prompt } = pilotLayout(3, 1, area(160, 39));
    const main = frames[1]!.frame;
    expect(main).toEqual({ x: 0, y: 0, width: 102, height: 34 });
    expect(prompt).toEqual({ x: 0, y: 34, width: 102, height: 5 });
    expect(timeline).toEqual({ x: 102, y: 0, width: 58, height: 21 });
    expect(frames[0]!.frame).toMatchObject({ x: 102, y: 21, width: 58 });
    expect(frames[2]!.frame).toMatchObject({ x: 102, width: 58 });
    expect(frames[2]!.frame.y).toBeGreaterThan(frames[0]!.frame.y);
    expect(tiles([...frames.map((f) => f.frame), timeline, prompt], 160, 39)).toBe(true);
  });

  it('alone: the timeline takes the whole side column', () => {
    const { frames, timeline, prompt } = pilotLayout(1, 0, area(120, 30));
    expect(timeline.height).toBe(30);
    expect(tiles([frames[0]!.frame, timeline, prompt], 120, 30)).toBe(true);
  });

  it('tall and narrow: the pane on top, a strip of timeline and other panes, the prompt bar at the bottom', () => {
    const { frames, timeline, prompt } = pilotLayout(2, 0, area(90, 49));
    expect(frames[0]!.frame).toMatchObject({ x: 0, y: 0, width: 90 });
    expect(timeline).toMatchObject({ x: 0, y: frames[0]!.frame.height, width: 45 });
    expect(frames[1]!.frame).toMatchObject({ x: 45, y: timeline.y, width: 45, height: timeline.height });
    expect(prompt).toMatchObject({ x: 0, width: 90, height: 5 });
    expect(prompt.y + prompt.height).toBe(49);
    expect(tiles([...frames.map((f) => f.frame), timeline, prompt], 90, 49)).toBe(true);
  });

  it('sizes come from the terminal alone: the bar has fixed rows, so typing never resizes a pty', () => {
    expect([promptRows(50), promptRows(30), promptRows(20), promptRows(10)]).toEqual([3, 3, 2, 1]);
    expect(pilotLayout(4, 2, area(200, 49))).toEqual(pilotLayout(4, 2, area(200, 49)));
  });

  it('the other panes are glances, which size no pty; the piloted one is sized to its pane', () => {
    for (const a of [area(160, 39), area(90, 49)]) {
      expect(pilotLayout(4, 2, a).frames.map((f) => f.glance)).toEqual([true, true, false, true]);
    }
    expect(computeLayout('tiled', 3, 0, area(160, 39)).some((f) => f.glance)).toBe(false);
    expect(computeLayout('main-stack', 3, 0, area(160, 39)).some((f) => f.glance)).toBe(false);
  });

  it('a terminal too small hides panes instead of drawing them broken', () => {
    const { frames } = pilotLayout(6, 0, area(60, 12));
    expect(frames.some((f) => !f.visible)).toBe(true);
    for (const f of frames.filter((f) => f.visible)) expect(f.interior.width).toBeGreaterThanOrEqual(2);
  });
});

describe('screenLayout', () => {
  const input = { layout: 'tiled' as const, zoomed: false, count: 3, focus: 0, piloted: 2, area: { x: 0, y: 0, cols: 160, rows: 39 } };

  it('is the pilot view while piloting, the chosen layout otherwise, and zoom wins over both', () => {
    expect(screenLayout(input)).toEqual({ frames: pilotLayout(3, 2, input.area).frames, pilot: { timeline: pilotLayout(3, 2, input.area).timeline, prompt: pilotLayout(3, 2, input.area).prompt } });
    expect(screenLayout({ ...input, piloted: -1 })).toEqual({ frames: computeLayout('tiled', 3, 0, input.area), pilot: null });
    expect(screenLayout({ ...input, zoomed: true })).toEqual({ frames: computeLayout('zoom', 3, 0, input.area), pilot: null });
  });
});
