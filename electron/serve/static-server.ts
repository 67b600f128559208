// The browser fallback of `npm start`: where the Electron binary is missing, the same built app is served on
// this machine only (127.0.0.1) with the same strict headers, and runs on bridge.web.ts. Bundled to
// dist/electron/static-server.mjs by scripts/build.mjs.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { insecureServerSetting, insecureServerVariable } from '../../shared/upload/transport-policy';
import { serveAppFile } from '../common/app-files';

export type RunningServer = Readonly<{
  url: string;
  /** A line for the person who started it: the lab server allowed over plain http, or why none is. */
  notice: string | null;
  close(): Promise<void>;
}>;

export type StaticServerOptions = Readonly<{
  /** LISTPREP_INSECURE_SERVER as given: the one lab server the page may reach over plain http. */
  insecureServer?: string;
}>;

/**
 * An HTTP server for the built renderer. Requests must name this machine in their Host header, so a web page
 * elsewhere cannot reach the app through DNS rebinding.
 */
export function createStaticServer(root: string, insecureServer?: string): Server {
  return createServer((request, response) => {
    const port = (request.socket.address() as AddressInfo).port;
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(request.headers.host ?? '')) {
      response.writeHead(421, { 'Content-Type': 'text/plain' }).end('wrong host');
      return;
    }
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    serveAppFile(root, pathname, 'web', request.method, insecureServer).then(
      (answer) => {
        response.writeHead(answer.status, answer.headers);
        response.end(request.method === 'HEAD' ? undefined : answer.body);
      },
      () => {
        response.writeHead(500, { 'Content-Type': 'text/plain' }).end('server error');
      },
    );
  });
}

/** Serves `root` on 127.0.0.1 at `port`, or at a free port when that one is taken. */
export async function serveApp(
  root: string,
  port: number,
  options: StaticServerOptions = {},
): Promise<RunningServer> {
  const setting = insecureServerSetting(options.insecureServer);
  const lab = setting.ok ? setting.value[0] : undefined;
  const notice = !setting.ok
    ? setting.error.message
    : lab
      ? `Plain http (unencrypted) is allowed to ${lab} (${insecureServerVariable}).`
      : null;
  const server = createStaticServer(root, lab);
  const listen = (p: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  try {
    await listen(port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    await listen(0);
  }
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}/`,
    notice,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
