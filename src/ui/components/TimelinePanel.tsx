import { Text } from 'ink';
import type { PanelStatus } from '../pilot/pilot-state.js';
import type { TimelineLine } from '../pilot/timeline-view.js';
import Panel from './Panel.js';

export interface TimelinePanelProps {
  /** the piloted agent */
  name: string;
  /** its current checkpoint; null while the timeline is on its way */
  current: string | null;
  /** every row, already cut to the width (timeline-view.ts timelineLines) */
  lines: TimelineLine[];
  /** the first row shown */
  top: number;
  width: number;
  height: number;
  focused: boolean;
  status: PanelStatus[];
  /** key hints, over the bottom border */
  hints: string;
}

const STATUS_COLORS = { busy: 'yellow', error: 'red', note: 'green' } as const;

/** The timeline of a piloted agent: the tree of checkpoints, current marked ●, branches left behind dim. */
export default function TimelinePanel({ name, current, lines, top, width, height, focused, status, hints }: TimelinePanelProps) {
  const room = Math.max(0, height - 2 - status.length);
  return (
    <Panel title={`timeline · ${name}${current ? ` · at ${current}` : ''}`} footer={hints} width={width} height={height} focused={focused}>
      {lines.slice(top, top + room).map((l) => (
        <Text key={l.label} wrap="truncate-end" inverse={l.selected && focused} underline={l.selected && !focused} dimColor={!l.onPath}>
          <Text color={l.current ? 'cyanBright' : undefined}>{l.mark}</Text>
          <Text dimColor>{l.graph}</Text>
          <Text bold={l.current} color={l.current ? 'cyanBright' : undefined} italic={l.kind === 'present'}>
            {l.label}
          </Text>
          {`${l.pad} ${l.summary}`}
          {l.facts ? <Text dimColor>{` ${l.facts}`}</Text> : null}
        </Text>
      ))}
      {status.map((s, i) => (
        <Text key={`s${i}`} color={STATUS_COLORS[s.kind]} wrap="truncate-end">
          {s.text}
        </Text>
      ))}
    </Panel>
  );
}
