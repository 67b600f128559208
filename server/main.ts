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
    // The keys go to the file only (readable by this user): stdout is the log stream, and logs are read by
    // people and machines that must not hold keys.
    if (server.demo) {
      process.stdout.write('Demo accounts created:\n');
      for (const account of [server.demo.enterprise, ...server.demo.subAccounts]) {
        process.stdout.write(
          `  ${account.kind.padEnd(11)} ${account.accountId.toString().padStart(4)}  ${account.name}\n`,
        );
      }
    } else {
      process.stdout.write('Demo accounts exist already.\n');
    }
    process.stdout.write(`Their API keys are in ${server.demoKeysFile} (readable by you only).\n`);
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
