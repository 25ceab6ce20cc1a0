/**
 * A request verb's arguments as an MCP tool's input schema (JSON Schema), from the request
 * table: one source for the server's checks, the CLI and the tools. Pure.
 */
import type { FieldSpec, VerbSpec } from '../protocol/requests.js';

export interface JsonSchema {
  type: string;
  description?: string;
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  minItems?: number;
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

function fieldSchema(field: FieldSpec): JsonSchema {
  const base = { description: field.description };
  switch (field.type) {
    case 'string':
      return { type: 'string', ...base, ...(field.oneOf ? { enum: field.oneOf } : {}), ...(field.nonEmpty ? { minLength: 1 } : {}) };
    case 'number':
    case 'integer':
      return { type: field.type, ...base, ...(field.min !== undefined ? { minimum: field.min } : {}), ...(field.max !== undefined ? { maximum: field.max } : {}) };
    case 'boolean':
      return { type: 'boolean', ...base };
    case 'string-list':
      return { type: 'array', ...base, items: { type: 'string' }, ...(field.nonEmpty ? { minItems: 1 } : {}) };
    case 'string-map':
      return { type: 'object', ...base, additionalProperties: { type: 'string' } };
    case 'fleet-view':
      return { type: 'object', ...base };
  }
}

/** The verb's arguments, less those the tool fixes, and the tool's own, as an object schema. */
export function inputSchema(verb: VerbSpec, fixed: readonly string[] = [], own: VerbSpec['args'] = {}): JsonSchema & { type: 'object' } {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, field] of Object.entries({ ...verb.args, ...own })) {
    if (fixed.includes(name)) continue;
    properties[name] = fieldSchema(field);
    if (field.required) required.push(name);
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false };
}
