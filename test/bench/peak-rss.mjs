// Preloaded into a measured child process (`node --import`): at exit, prints the process's peak resident
// memory (VmHWM, what the kernel saw, heap and buffers and all) to stderr as `peak-rss-kib N`, and the CPU
// time of all its threads as `cpu-ms N`.
import { readFileSync } from 'node:fs';

process.on('exit', () => {
  const status = readFileSync('/proc/self/status', 'utf8');
  const peak = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  const cpu = process.cpuUsage();
  process.stderr.write(
    `\npeak-rss-kib ${peak ?? 'unknown'}\ncpu-ms ${Math.round((cpu.user + cpu.system) / 1000)}\n`,
  );
});
