/**
 * Whether an agent has a model at all: only a backend whose launch command carries the model
 * (fleet/launch-command.ts) runs with the one agents.toml names. An exec bin without {model}
 * or a ping attach without it and without model_env runs whatever model the program picks, and
 * showing the config's model (or `default`) for it would be made up.
 */
import { templateFields } from './template.js';
import type { BackendConfig } from './types.js';

/** The launch command carries `{model}`: through model_flag (arg), the bin (exec), model_env or attach (ping). */
export function backendTakesModel(backend: BackendConfig): boolean {
  const has = (template: string) => templateFields(template).includes('model');
  switch (backend.prompt_delivery) {
    case 'arg':
      return has(backend.model_flag);
    case 'exec':
      return has(backend.bin);
    case 'ping':
      return backend.model_env || has(backend.attach);
  }
}

/**
 * The model an agent runs with, as status shows it: the model, `default` when the backend
 * takes one but none is set (the CLI's own default), null when the backend takes none.
 */
export function shownModel(backend: BackendConfig | undefined, model: string): string | null {
  if (backend !== undefined && !backendTakesModel(backend)) return null;
  return model || 'default';
}
