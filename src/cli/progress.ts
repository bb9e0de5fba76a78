import { visible } from '../text/visible.js';

/**
 * Progress on stderr, only when stderr is a terminal: piped output and CI
 * logs stay clean, and stdout stays reserved for results.
 */
export interface Progress {
  status(message: string): void;
  update(done: number, total: number): void;
  done(): void;
}

export function stderrProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { status() {}, update() {}, done() {} };
  let last = 0;
  // The only escape codes written are these; the message (server versions, hosts) is shown, not obeyed.
  const write = (text: string) => stream.write(`\r\x1b[2K${visible(text)}`);
  return {
    status: (message) => write(message),
    update(done, total) {
      const now = Date.now();
      if (now - last < 80 && done < total) return; // repaint at most ~12 times a second
      last = now;
      const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
      write(`${label}: ${done}/${total} sentences (${pct}%)`);
    },
    done: () => stream.write('\r\x1b[2K'),
  };
}

export function warn(message: string): void {
  process.stderr.write(`threadmod: warning: ${visible(message)}\n`);
}
