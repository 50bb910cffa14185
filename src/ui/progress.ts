// A progress line on the terminal for long jobs: shown only on a terminal, and only once the job
// has taken more than about a second.
export interface Progress {
  update: (done: number) => void;
  done: () => void;
}

export function startProgress(total: number, what: string): Progress | undefined {
  if (!process.stderr.isTTY) return undefined;
  const started = Date.now();
  let shown = false;
  let last = 0;
  return {
    update(done) {
      const now = Date.now();
      if (now - started < 1000 || now - last < 100) return;
      last = now;
      shown = true;
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${what}`);
    },
    done() {
      if (shown) process.stderr.write('\r\u001b[2K');
    },
  };
}
