import type { CommandContext } from '../cli/context.js';

/** What the server answers for a timeline (server/pilot-requests.ts). */
export interface TimelineView {
  name: string;
  current: string;
  checkpoints: Array<{ label: string; parent: string | null; kind: string; prompt: string; files: Record<string, number> }>;
  text: string[];
}

/** Print a timeline: the tree, current marked, or the whole of it as JSON. */
export function printTimeline(ctx: CommandContext, tl: TimelineView): void {
  if (ctx.json) ctx.printJson(tl);
  else ctx.out([`${tl.name} — at ${tl.current}`, ...tl.text].join('\n'));
}
