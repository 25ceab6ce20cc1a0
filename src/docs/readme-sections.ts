import { renderCliReference } from '../cli/help.js';
import { COMMANDS } from '../commands/table.js';
import { renderConfigReference } from '../config/reference-doc.js';
import { DEFAULT_BINDINGS, DEFAULT_PREFIX, renderKeysDoc } from '../keymap/index.js';

/** docs/keys.md, generated from the bindings table (the `?` overlay reads the same table). */
export function keysDoc(): string {
  return renderKeysDoc(DEFAULT_BINDINGS, DEFAULT_PREFIX);
}

/** The README sections generated from code, by marker name. */
export function generatedSections(): Record<string, string> {
  return {
    cli: renderCliReference(COMMANDS),
    config: renderConfigReference(),
  };
}

/** Replace every `<!-- BEGIN GENERATED: x -->…<!-- END GENERATED: x -->` block with its section. */
export function fillGeneratedSections(text: string, sections: Record<string, string>): string {
  return text.replace(
    /(<!-- BEGIN GENERATED: (\w+) -->\n)[\s\S]*?(<!-- END GENERATED: \2 -->)/g,
    (_all, begin: string, name: string, end: string) => `${begin}${sections[name] ?? ''}\n${end}`,
  );
}
