import { connectSocket } from '../../src/client/socket-client.js';
import type { FleetView } from '../../src/protocol/fleet-view.js';

/**
 * Put the view a fleet's server keeps for the next cockpit (protocol/fleet-view.ts) to
 * `view`, as a cockpit reports one: end-to-end tests that share a fleet start each test from
 * the same view, whatever the test before left.
 */
export async function keepView(socketPath: string, view: FleetView): Promise<void> {
  const client = await connectSocket(socketPath, { clientName: 'test' });
  try {
    await client.request('set-view', { view });
  } finally {
    client.close();
  }
}
