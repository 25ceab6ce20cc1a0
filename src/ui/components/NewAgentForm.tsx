import { Box, Text } from 'ink';
import { FORM_FIELDS, type NewAgentForm as FormState } from '../new-agent-form.js';
import Overlay from './Overlay.js';

export interface NewAgentFormProps {
  form: FormState;
  width: number;
  height: number;
}

const LABEL_WIDTH = 11;

/** A value longer than its room shows its end, where the typing happens. */
function tail(value: string, room: number): string {
  const chars = [...value];
  return chars.length <= room ? value : `…${chars.slice(chars.length - room + 1).join('')}`;
}

/** `C-b c`: three fields, the current one with a cursor, each field's problem under it. */
export default function NewAgentForm({ form, width, height }: NewAgentFormProps) {
  // the frame and its padding take 4 columns, the cursor one
  const room = Math.max(4, width - 4 - LABEL_WIDTH - 1);
  return (
    <Overlay title="new agent (added at run time, not written to agents.toml)" width={width} height={height} footer="Tab/S-Tab field · ↑/↓ backend · Enter start · Esc cancel">
      {FORM_FIELDS.map((field) => {
        const current = field === form.field;
        const error = form.errors[field];
        const hint = field === 'backend' && current && !error ? `  ↑/↓: ${form.backends.join(' · ')}` : '';
        return (
          <Box key={field} flexDirection="column">
            <Text wrap="truncate-end">
              <Text color={current ? 'cyanBright' : undefined} bold={current}>
                {`${current ? '›' : ' '} ${field}`.padEnd(LABEL_WIDTH)}
              </Text>
              {current ? tail(form.values[field], room) : form.values[field]}
              {current ? <Text inverse> </Text> : null}
              <Text dimColor>{hint}</Text>
            </Text>
            {error ? (
              <Text color="red" wrap="truncate-end">
                {`${' '.repeat(LABEL_WIDTH)}${field}: ${error}`}
              </Text>
            ) : null}
          </Box>
        );
      })}
      {form.status ? (
        <Text color={form.busy ? 'yellow' : 'red'} wrap="truncate-end">
          {form.status}
        </Text>
      ) : null}
    </Overlay>
  );
}
