import { createServer as createHttpServer, type IncomingMessage, type RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type Socket } from 'node:net';
import type { Duplex as DuplexStream } from 'node:stream';
import { Duplex } from 'node:stream';

/** The first byte of a TLS handshake record. */
const TLS_HANDSHAKE = 0x16;

export interface OnePortServer {
  readonly port: number;
  close(): Promise<void>;
}

export interface OnePortOptions {
  port: number;
  host: string;
  tls: { key: string; cert: string };
  handler: RequestListener;
  onUpgrade: (req: IncomingMessage, socket: DuplexStream, head: Buffer) => void;
}

/**
 * Plain HTTP and HTTPS on one port, told apart by the connection's first byte: the storefront
 * sends GraphQL over `http://`, while Amplify's realtime client always opens `wss://` on the same
 * host and port. A TLS connection is handed over as a stream, so the peeked byte is not lost.
 */
export const listenOnePort = async (options: OnePortOptions): Promise<OnePortServer> => {
  const plain = createHttpServer(options.handler);
  const secure = createHttpsServer(options.tls, options.handler);
  const sockets = new Set<Socket>();
  for (const server of [plain, secure]) server.on('upgrade', options.onUpgrade);
  const front = createNetServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.once('data', (chunk: Buffer) => {
      socket.pause();
      socket.unshift(chunk);
      if (chunk[0] === TLS_HANDSHAKE) secure.emit('connection', Duplex.from({ readable: socket, writable: socket }));
      else plain.emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(options.port, options.host, () => {
      front.off('error', reject);
      resolve();
    });
  });
  return {
    port: (front.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        front.close(() => resolve());
        for (const server of [plain, secure]) server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      }),
  };
};
