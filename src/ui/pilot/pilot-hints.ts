/**
 * The key hints of the pilot view, read off the bindings the router uses, so a hint always
 * names the key that does it.
 */
import type { Binding, BindingContext } from '../../keymap/index.js';

const SHORT_NAMES: Record<string, string> = { Escape: 'Esc', Up: '↑', Down: '↓', Left: '←', Right: '→', BSpace: '⌫' };

/** The first key bound to `command` in `context`, as a person reads it. */
export function keyOf(bindings: readonly Binding[], context: BindingContext, command: string): string {
  const key = bindings.find((b) => b.context === context && b.command === command)?.keys[0];
  return key === undefined ? '?' : (SHORT_NAMES[key] ?? key);
}

/** Over the timeline's bottom border, while it has the keys. */
export function timelineHints(bindings: readonly Binding[]): string {
  const k = (command: string) => keyOf(bindings, 'timeline', command);
  // short: the side column is narrow (Tab and the rest are in the ? help)
  return [
    `${k('timeline-down')}/${k('timeline-up')}`,
    `${k('timeline-goto')} goto`,
    `${k('timeline-undo')} undo`,
    `${k('timeline-branch')} branch`,
    `${k('timeline-diff')} diff`,
    `${k('timeline-leave')} leave`,
  ].join(' · ');
}

/** Over the prompt bar's bottom border, while it has the keys. */
export function promptHints(bindings: readonly Binding[]): string {
  const k = (command: string) => keyOf(bindings, 'prompt', command);
  return [
    `${k('prompt-send')} send`,
    `${bindings.find((b) => b.context === 'prompt' && b.command === 'prompt-newline')?.keys.join('/') ?? '?'} newline`,
    `${k('prompt-up')}/${k('prompt-down')} history`,
    `${k('prompt-next-part')} timeline`,
    `${k('prompt-leave')} leave`,
  ].join(' · ');
}

/** The bottom bar of the cockpit in the pilot view. */
export function pilotBarHints(bindings: readonly Binding[], prefix: string): string {
  const k = (command: string) => keyOf(bindings, 'prefix', command);
  return `pilot view · ${prefix} ${k('pilot-next-part')} keys to the next part · ${prefix} ${k('pilot')} leave · ${prefix} ${k('help')} help`;
}
