/**
 * Progress for long CLI jobs: a redrawn bar on a terminal, plain lines otherwise (logs, CI, pipes),
 * where a carriage-return bar would fill the file with junk. Plain mode prints a line when the
 * phase changes and at each further 25 % of it, so a log stays short and still shows it moving.
 */
export interface Progress {
  update(phase: string, fraction: number, detail?: string): void;
  /** A line of its own (above the bar on a terminal). */
  log(line: string): void;
  done(): void;
}

export function createProgress(
  stream: NodeJS.WriteStream = process.stderr,
  tty: boolean = Boolean(stream.isTTY),
): Progress {
  let phase = '';
  let lastQuarter = -1;
  let drawn = false;
  const clear = (): void => {
    if (drawn) stream.write('\r\x1b[2K');
    drawn = false;
  };
  return {
    update(p, fraction, detail) {
      const f = Math.min(1, Math.max(0, fraction));
      if (tty) {
        const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - 50));
        const full = Math.round(f * width);
        const bar = `${'█'.repeat(full)}${'░'.repeat(width - full)}`;
        stream.write(
          `\r\x1b[2K${p.padEnd(8)} ${bar} ${String(Math.round(f * 100)).padStart(3)}%${detail ? `  ${detail}` : ''}`,
        );
        drawn = true;
        phase = p;
        return;
      }
      const quarter = Math.floor(f * 4);
      if (p !== phase) {
        phase = p;
        lastQuarter = -1;
      }
      if (quarter > lastQuarter) {
        stream.write(`${p}: ${Math.round(f * 100)}%${detail ? ` (${detail})` : ''}\n`);
        lastQuarter = quarter;
      }
    },
    log(line) {
      clear();
      stream.write(`${line}\n`);
    },
    done() {
      clear();
    },
  };
}
