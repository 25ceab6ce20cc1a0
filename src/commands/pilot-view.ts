import type { CommandContext } from '../cli/context.js';
import type { TimelineView } from '../protocol/pilot-view.js';

export type { TimelineView };

/** Print a timeline: the tree, current marked, or the whole of it as JSON. */
export function printTimeline(ctx: CommandContext, tl: TimelineView): void {
  if (ctx.json) ctx.printJson(tl);
  else ctx.out([`${tl.name} — at ${tl.current}`, ...tl.text].join('\n'));
}
