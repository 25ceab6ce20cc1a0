/**
 * The pilot's verbs on the server: pilot (begin), checkpoints, goto, undo, branch, diff,
 * history. Each answers with data; the CLI (commands/) prints it.
 */
import { FleetError } from '../fleet/fleet-error.js';
import { diffSnapshots } from '../pilot/git-snapshot.js';
import type { Pilot } from '../pilot/pilot.js';
import { branch, goto, undo } from '../pilot/rewind.js';
import { getCheckpoint, pathTo } from '../pilot/timeline.js';
import { timelineView } from '../pilot/timeline-render.js';
import type { GotoAnswer } from '../protocol/pilot-view.js';

type Args = Record<string, unknown>;

function str(args: Args, key: string): string {
  const v = args[key];
  if (typeof v !== 'string' || !v) throw new FleetError('bad_args', `"${key}" must be a non-empty string`);
  return v;
}

export function pilotRequests(pilot: Pilot): Record<string, (args: Args) => Promise<unknown>> {
  return {
    async pilot(args) {
      return timelineView(await pilot.enable(str(args, 'name')));
    },
    async checkpoints(args) {
      return timelineView(pilot.get(str(args, 'name')).timeline);
    },
    async goto(args): Promise<GotoAnswer> {
      const result = await goto(pilot, str(args, 'name'), str(args, 'to'));
      return { ...result, timeline: timelineView(pilot.get(result.name).timeline) };
    },
    async undo(args): Promise<GotoAnswer> {
      const result = await undo(pilot, str(args, 'name'));
      return { ...result, timeline: timelineView(pilot.get(result.name).timeline) };
    },
    async branch(args) {
      const as = typeof args.as === 'string' && args.as ? args.as : undefined;
      return branch(pilot, str(args, 'name'), str(args, 'from'), as);
    },
    async diff(args) {
      const name = str(args, 'name');
      const p = pilot.get(name);
      const tl = p.timeline;
      const from = getCheckpoint(tl, pilot.label(p, str(args, 'from')));
      // one label: what that turn changed (against its parent)
      const to = typeof args.to === 'string' && args.to ? getCheckpoint(tl, pilot.label(p, args.to)) : null;
      const a = to ? from : from.parent === null ? from : getCheckpoint(tl, from.parent);
      const b = to ?? from;
      const diff = await diffSnapshots(a.snapshot, b.snapshot, { ...pilot.gitOptions(name), workDir: pilot.agent(name).dir });
      return { name, from: a.label, to: b.label, ...diff };
    },
    /** The turns on the path to the current checkpoint, oldest first: prompt, reply, files. */
    async turns(args) {
      const tl = pilot.get(str(args, 'name')).timeline;
      const turns = pathTo(tl, tl.current).filter((cp) => cp.kind === 'turn');
      return { name: tl.agent, current: tl.current, turns };
    },
  };
}
