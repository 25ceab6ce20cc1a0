import type { MessageChannel } from '../protocol/channel.js';
import type { ClientMessage, ServerMessage } from '../protocol/messages.js';
import { createChannelPair } from '../protocol/memory-channel.js';
import { ClientConnection } from './client-connection.js';

/**
 * A client of a server in this same process (tests, --no-daemon): the same handshake,
 * dispatch and subscriptions as over the socket, carried through memory.
 */
export interface InProcessAcceptor {
  accept(channel: MessageChannel<ServerMessage>, transport: 'in-process'): void;
}

/** The server is anything that accepts a channel (ProtocolServer does): client/ stays below server/. */
export function connectInProcess(server: InProcessAcceptor, clientName: string, timeoutMs = 5000): Promise<ClientConnection> {
  const [clientEnd, serverEnd] = createChannelPair<ClientMessage, ServerMessage>();
  server.accept(serverEnd, 'in-process');
  return ClientConnection.open(clientEnd, clientName, timeoutMs);
}
