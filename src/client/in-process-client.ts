import type { ClientMessage, ServerMessage } from '../protocol/messages.js';
import { createChannelPair } from '../protocol/memory-channel.js';
import type { ProtocolServer } from '../server/protocol-server.js';
import { ClientConnection } from './client-connection.js';
import type { FleetClient } from './fleet-client.js';

/**
 * A client of a server in this same process (tests, --no-daemon): the same handshake,
 * dispatch and subscriptions as over the socket, carried through memory.
 */
export function connectInProcess(server: ProtocolServer, clientName: string, timeoutMs = 5000): Promise<FleetClient> {
  const [clientEnd, serverEnd] = createChannelPair<ClientMessage, ServerMessage>();
  server.accept(serverEnd, 'in-process');
  return ClientConnection.open(clientEnd, clientName, timeoutMs);
}
