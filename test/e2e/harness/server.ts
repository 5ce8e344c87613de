import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { generate } from 'selfsigned';
import { ImageStore } from './images.ts';
import type { FixtureSite } from '../sites/site.ts';

export interface FixtureServer {
  /** HTTP proxy the browser uses for every host: CONNECT to a fixture host reaches the local HTTPS server. */
  proxyPort: number;
  httpsPort: number;
  /** Requests served, "host/path": lets a test tell whether an image was fetched at all. */
  log: string[];
  close(): Promise<void>;
}

/**
 * Serves the fixture sites over HTTPS under their real host names. Browsers reach them through a
 * local proxy (no root, no /etc/hosts, no DNS): Chromium's --proxy-server and Firefox's manual proxy
 * prefs both send `CONNECT x.com:443`, which the proxy tunnels to the local HTTPS server.
 * The certificate is a throwaway one; the browsers are told to accept it.
 */
export async function startFixtureServer(sites: FixtureSite[]): Promise<FixtureServer> {
  const hosts = new Map(sites.flatMap((site) => site.hosts.map((host) => [host, site] as const)));
  const pems = await generate([{ name: 'commonName', value: 'Reuse Radar e2e fixtures' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [...hosts.keys()].map((value) => ({ type: 2 as const, value })) }],
  });
  const images = new ImageStore();
  const log: string[] = [];

  const https = createHttpsServer({ key: pems.private, cert: pems.cert }, async (req, res) => {
    const url = new URL(req.url ?? '/', `https://${req.headers.host}`);
    log.push(url.hostname + url.pathname);
    try {
      const response = await hosts.get(url.hostname)?.handle(url, images);
      if (!response) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      res.writeHead(response.status ?? 200, { 'content-type': response.type, ...response.headers });
      res.end(response.body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });

  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // Browsers reset connections at will (a refused CONNECT, a page closed mid-download): an 'error' with
    // no listener is an uncaught exception that fails the whole run (ECONNRESET in a .ci/run of flows.test.ts).
    socket.on('error', () => socket.destroy());
  };
  const proxy = createHttpServer((_req, res) => {
    // Plain-HTTP requests are browser background traffic (captive-portal checks and the like): never forwarded.
    res.writeHead(403, { 'content-type': 'text/plain' }).end('Only fixture hosts over HTTPS');
  });
  proxy.on('connect', (req, client: Socket, head: Buffer) => {
    track(client);
    const [host, port] = (req.url ?? '').split(':');
    if (!hosts.has(host) || port !== '443') {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(httpsPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  https.on('connection', track);
  proxy.on('connection', track);

  const httpsPort = await listen(https);
  const proxyPort = await listen(proxy);
  return {
    proxyPort,
    httpsPort,
    log,
    async close() {
      for (const socket of sockets) socket.destroy();
      await Promise.all([https, proxy].map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}
