import { Text } from 'ink';
import type { BarView } from '../pilot/prompt-bar-view.js';
import Panel from './Panel.js';

export interface PromptBarProps {
  /** the agent the prompts go to */
  target: string;
  view: BarView;
  width: number;
  height: number;
  focused: boolean;
  /** a prompt is on its way to the agent */
  sending: boolean;
  /** key hints, over the bottom border */
  hints: string;
}

/**
 * The cockpit's own prompt bar over a piloted agent. Its text is drawn here; the real
 * terminal cursor is put at `view.cursor` by the cockpit when the bar has the keys.
 */
export default function PromptBar({ target, view, width, height, focused, sending, hints }: PromptBarProps) {
  const empty = view.lines.length === 1 && view.lines[0]!.trim() === '›';
  const more = [view.above ? `↑${view.above}` : '', view.below ? `↓${view.below}` : ''].filter(Boolean).join(' ');
  const title = `prompt → ${target}${sending ? ' · sending…' : ''}${more ? ` · ${more} more` : ''}`;
  return (
    <Panel title={title} footer={hints} width={width} height={height} focused={focused}>
      {view.lines.map((line, i) =>
        empty && i === 0 ? (
          <Text key={i} wrap="truncate-end">
            {line}
            <Text dimColor>{focused ? `a prompt for ${target}; it becomes a checkpoint when the turn ends` : `a prompt for ${target}: click here, or Tab to the bar`}</Text>
          </Text>
        ) : (
          <Text key={i} wrap="truncate-end">
            {line}
          </Text>
        ),
      )}
    </Panel>
  );
}
