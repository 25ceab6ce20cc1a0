import { Text } from 'ink';
import Overlay from './Overlay.js';

export interface ListOverlayProps {
  title: string;
  /** an input line above the list (the command palette) */
  input?: { label: string; value: string };
  items: string[];
  selected?: number;
  width: number;
  height: number;
  footer: string;
}

/**
 * A titled list, optionally under an input line: the event log, the command palette and
 * confirmations are all this.
 */
export default function ListOverlay({ title, input, items, selected, width, height, footer }: ListOverlayProps) {
  const room = Math.max(1, height - 4 - (input ? 1 : 0));
  // keep the selection in view; otherwise show the newest items
  const start = selected !== undefined ? Math.max(0, Math.min(selected - room + 1, items.length - room)) : Math.max(0, items.length - room);
  return (
    <Overlay title={title} width={width} height={height} footer={footer}>
      {input ? (
        <Text>
          <Text color="cyan">{input.label}</Text>
          {input.value}
          <Text inverse> </Text>
        </Text>
      ) : null}
      {items.slice(start, start + room).map((item, i) => (
        <Text key={start + i} inverse={start + i === selected} wrap="truncate-end">
          {item}
        </Text>
      ))}
    </Overlay>
  );
}
