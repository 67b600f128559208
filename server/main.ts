// `npm run server`: the import server. See `serverUsage` in config.ts for the options.
import { parseServerArgs, serverUsage } from './config';
import { startServer } from './start-server';

async function main(): Promise<number> {
  let config: ReturnType<typeof parseServerArgs>;
  try {
    config = parseServerArgs(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`listprep server: ${(error as Error).message}\n${serverUsage}\n`);
    return 2;
  }
  if (config === 'help') {
    process.stdout.write(`${serverUsage}\n`);
    return 0;
  }
  const server = await startServer({ config, logger: { level: process.env.LISTPREP_LOG_LEVEL ?? 'info' } });
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
  process.stdout.write(`ListPrep import server listening on ${server.url} (${where})\n`);
  if (config.demo) {
    if (server.demo) {
      process.stdout.write('Demo accounts created. API keys (shown once, also written to the file below):\n');
      for (const account of [server.demo.enterprise, ...server.demo.subAccounts]) {
        process.stdout.write(
          `  ${account.kind.padEnd(11)} ${account.accountId.toString().padStart(4)}  ${account.name}: ${account.apiKey}\n`,
        );
      }
    } else {
      process.stdout.write('Demo accounts exist already; their API keys are in the file below.\n');
    }
    process.stdout.write(`Demo API keys file: ${server.demoKeysFile}\n`);
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stdout.write('Stopping: finishing the running import, if any…\n');
  await server.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`listprep server: ${(error as Error)?.message ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
