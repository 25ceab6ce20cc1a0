/**
 * The JSON object a state file holds, or null when its text is not one (not JSON, an array, a
 * number…): state files are read back without ever throwing, and checked field by field.
 */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
