import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export const defaultPort = 4870;
export const defaultHost = '127.0.0.1';

export type ServerConfig = Readonly<{
  host: string;
  port: number;
  /** PGlite's folder (and where --demo writes its keys). */
  dataDir: string;
  /** Set: use this PostgreSQL instead of PGlite. */
  databaseUrl: string | null;
  demo: boolean;
}>;

export const serverUsage = `usage: npm run server -- [--port N] [--host H] [--data-dir DIR] [--demo]

  --port N        port to listen on (default ${defaultPort}; env LISTPREP_SERVER_PORT)
  --host H        address to listen on (default ${defaultHost}, this machine only)
  --data-dir DIR  PGlite database folder (env LISTPREP_SERVER_DATA_DIR; default
                  $XDG_DATA_HOME/listprep/server, else ~/.local/share/listprep/server)
  --demo          create a demo enterprise with two sub-accounts and print their API keys (once)

  DATABASE_URL=postgres://…  use that PostgreSQL instead of PGlite (migrations run at start)`;

/** Where the server keeps its data unless told otherwise: the user's data directory (XDG). */
export function defaultDataDir(env: NodeJS.ProcessEnv): string {
  if (env.LISTPREP_SERVER_DATA_DIR) return env.LISTPREP_SERVER_DATA_DIR;
  const base = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'listprep', 'server');
}

/** Options win over environment variables, which win over defaults. Throws on a bad value. */
export function parseServerArgs(argv: string[], env: NodeJS.ProcessEnv): ServerConfig | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      demo: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const portText = values.port ?? env.LISTPREP_SERVER_PORT ?? String(defaultPort);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, not "${portText}"`);
  return {
    host: values.host ?? defaultHost,
    port,
    dataDir: values['data-dir'] ?? defaultDataDir(env),
    databaseUrl: env.DATABASE_URL || null,
    demo: values.demo ?? false,
  };
}
